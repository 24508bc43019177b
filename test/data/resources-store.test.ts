/**
 * The resources store on the run's database (SQLite or PostgreSQL). The headline: two units of work that would book
 * overlapping slots of one resource at the same moment — exactly one books. On PostgreSQL both units are held open
 * until each has read (so each decides on a snapshot without the other's slot); SERIALIZABLE aborts one and the
 * storage runs it again, when it sees the winner's slot. SQLite runs one unit at a time, so the second waits.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { CommunityId } from '#core/ids.ts';
import type { Storage } from '#core/ports/storage.ts';
import type { BookingOutcome, ResourcesStore } from '../../commands/resources/store.ts';
import { resourcesStore } from '../../data/stores/resources.store.ts';
import { openTestStorage } from '../support/databases.ts';

const LOFT: CommunityId = 'shell:loft';
const STUDIO: CommunityId = 'shell:studio';
const NOW = new Date('2026-11-16T08:00:00Z');
const hours = (n: number) => new Date(NOW.getTime() + n * 3_600_000);
const DAY = 24 * 3_600_000;

let storage: Storage;
beforeEach(async () => {
  storage = await openTestStorage();
});

async function inTx<T>(fn: (store: ResourcesStore) => Promise<T>): Promise<T> {
  return storage.transaction(async (tx) => await fn(resourcesStore(tx)));
}

async function add(name: string, extra: { lendable?: boolean; owner?: string; community?: CommunityId } = {}) {
  const added = await inTx((s) =>
    s.addResource({
      community: extra.community ?? LOFT,
      name,
      kind: 'equipment',
      bookable: !extra.lendable,
      lendable: extra.lendable ?? false,
      ownerUserId: extra.owner,
      trainingRequired: false,
      createdBy: 'host',
      now: NOW,
    }),
  );
  if (!added) throw new Error(`${name} not added`);
  return added;
}

/** Resolves every arrival once `parties` have arrived; later arrivals (a retried unit) pass straight through. */
function barrier(parties: number) {
  let arrived = 0;
  let open!: () => void;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return async () => {
    if (++arrived >= parties) open();
    await opened;
  };
}

/** Two members book at once, each in a unit of its own; returns both outcomes and how many attempts ran. */
async function race(resourceId: number, slots: readonly [number, number][]) {
  const bothRead = storage.dialect === 'postgres' ? barrier(slots.length) : async () => {};
  let attempts = 0;
  const outcomes = await Promise.all(
    slots.map(([from, to], i) =>
      storage.transaction(async (tx): Promise<BookingOutcome> => {
        attempts++;
        const store = resourcesStore(tx);
        // The unit's first read takes its snapshot; neither books before both have one.
        await store.getResource(LOFT, resourceId);
        await bothRead();
        const userId = `member${i}`;
        return store.book({ community: LOFT, resourceId, userId, startsAt: hours(from), endsAt: hours(to), now: NOW });
      }),
    ),
  );
  return { outcomes, attempts };
}

describe('booking races', () => {
  it.each([
    {
      name: 'the same slot',
      slots: [
        [24, 26],
        [24, 26],
      ] as [number, number][],
    },
    {
      name: 'overlapping slots with different starts',
      slots: [
        [24, 27],
        [26, 28],
      ] as [number, number][],
    },
  ])('two units booking $name at once: exactly one books', async ({ slots }) => {
    const riso = await add('Risograph');
    const { outcomes, attempts } = await race(riso.id, slots);
    expect(outcomes.filter((o) => o.booking !== undefined)).toHaveLength(1);
    const loser = outcomes.find((o) => o.booking === undefined)!;
    const winner = outcomes.find((o) => o.booking !== undefined)!.booking!;
    expect(loser.clashes.map((c) => c.id)).toEqual([winner.id]);
    const stored = await inTx((s) => s.listBookings(LOFT, riso.id, new Date(0), new Date(8.64e15)));
    expect(stored.map((b) => b.id)).toEqual([winner.id]);
    // On PostgreSQL the loser really ran on a snapshot without the winner's slot, was aborted, and ran again.
    if (storage.dialect === 'postgres') expect(attempts).toBeGreaterThan(2);
    else expect(attempts).toBe(2);
  });

  it('two units booking slots that only touch both book', async () => {
    const riso = await add('Risograph');
    const { outcomes } = await race(riso.id, [
      [24, 26],
      [26, 28],
    ]);
    expect(outcomes.every((o) => o.booking !== undefined)).toBe(true);
  });
});

describe('resources', () => {
  it('refuses a second resource of the same name, whatever its case and spacing, per community', async () => {
    await add('Photo studio');
    const again = await inTx((s) =>
      s.addResource({
        community: LOFT,
        name: '  photo   STUDIO ',
        kind: 'space',
        bookable: true,
        lendable: false,
        trainingRequired: false,
        createdBy: 'host',
        now: NOW,
      }),
    );
    expect(again).toBeUndefined();
    expect((await inTx((s) => s.findResourceByName(LOFT, 'PHOTO studio')))?.name).toBe('Photo studio');
    expect(await add('Photo studio', { community: STUDIO })).toBeDefined();
    expect(await inTx((s) => s.listResources(LOFT, {}, 10))).toHaveLength(1);
  });

  it('books only in the resource’s community, cancels once, and reads bookings by window', async () => {
    const riso = await add('Risograph');
    const elsewhere = await inTx((s) =>
      s.book({ community: STUDIO, resourceId: riso.id, userId: 'ana', startsAt: hours(1), endsAt: hours(2), now: NOW }),
    );
    expect(elsewhere).toEqual({ clashes: [] });
    const { booking } = await inTx((s) =>
      s.book({ community: LOFT, resourceId: riso.id, userId: 'ana', startsAt: hours(1), endsAt: hours(2), now: NOW }),
    );
    expect(await inTx((s) => s.listBookings(LOFT, riso.id, hours(2), hours(3)))).toEqual([]);
    expect(await inTx((s) => s.busyResources(LOFT, hours(1.5), hours(1.6)))).toEqual([riso.id]);
    expect(await inTx((s) => s.cancelBooking(STUDIO, booking!.id))).toBe(false);
    expect(await inTx((s) => s.cancelBooking(LOFT, booking!.id))).toBe(true);
    expect(await inTx((s) => s.cancelBooking(LOFT, booking!.id))).toBe(false);
    expect(await inTx((s) => s.busyResources(LOFT, hours(1.5), hours(1.6)))).toEqual([]);
  });

  it('marks a booking reminded once', async () => {
    const riso = await add('Risograph');
    const { booking } = await inTx((s) =>
      s.book({ community: LOFT, resourceId: riso.id, userId: 'ana', startsAt: hours(1), endsAt: hours(2), now: NOW }),
    );
    expect((await inTx((s) => s.listBookingsToRemind(LOFT, NOW, hours(2)))).map((b) => b.id)).toEqual([booking!.id]);
    expect(await inTx((s) => s.markBookingReminded(LOFT, booking!.id, NOW))).toBe(true);
    expect(await inTx((s) => s.markBookingReminded(LOFT, booking!.id, NOW))).toBe(false);
    expect(await inTx((s) => s.listBookingsToRemind(LOFT, NOW, hours(2)))).toEqual([]);
  });
});

describe('loans', () => {
  it('keeps one head per queue and one open loan per member; moves only from the expected status', async () => {
    const tripod = await add('Tripod', { lendable: true, owner: 'lucas' });
    const request = (userId: string, status: 'waiting' | 'requested') =>
      inTx((s) => s.requestLoan({ community: LOFT, resourceId: tripod.id, userId, status, now: NOW }));
    const mia = await request('mia', 'requested');
    expect(mia?.status).toBe('requested');
    expect(await request('raj', 'requested')).toBeUndefined();
    expect(await request('mia', 'waiting')).toBeUndefined();
    const raj = await request('raj', 'waiting');
    expect((await inTx((s) => s.listQueue(LOFT, tripod.id))).map((l) => l.borrower)).toEqual(['mia', 'raj']);
    expect(await inTx((s) => s.moveLoan(LOFT, mia!.id, ['waiting'], 'lent', NOW, hours(48)))).toBe(false);
    expect(await inTx((s) => s.moveLoan(LOFT, mia!.id, ['requested'], 'lent', NOW, hours(48)))).toBe(true);
    expect(await inTx((s) => s.moveLoan(LOFT, mia!.id, ['requested'], 'lent', NOW, hours(48)))).toBe(false);
    expect(await inTx((s) => s.lentResources(LOFT))).toEqual([tripod.id]);
    expect(await inTx((s) => s.moveLoan(STUDIO, raj!.id, ['waiting'], 'requested', NOW))).toBe(false);
    expect(await inTx((s) => s.moveLoan(LOFT, mia!.id, ['lent'], 'returned', hours(5)))).toBe(true);
    expect((await inTx((s) => s.getLoan(LOFT, mia!.id)))?.closedAt).toEqual(hours(5));
    expect(await inTx((s) => s.moveLoan(LOFT, raj!.id, ['waiting'], 'requested', NOW))).toBe(true);
    expect(
      await inTx((s) =>
        s.requestLoan({ community: STUDIO, resourceId: tripod.id, userId: 'zoe', status: 'waiting', now: NOW }),
      ),
    ).toBeUndefined();
  });

  it('counts a loan reminder once per count, and at most one a day', async () => {
    const tripod = await add('Tripod', { lendable: true, owner: 'lucas' });
    const loan = await inTx((s) =>
      s.requestLoan({ community: LOFT, resourceId: tripod.id, userId: 'mia', status: 'requested', now: NOW }),
    );
    await inTx((s) => s.moveLoan(LOFT, loan!.id, ['requested'], 'lent', NOW, hours(72)));
    const mark = (sent: number, at: Date) =>
      inTx((s) => s.markLoanReminded(LOFT, loan!.id, sent, at, new Date(at.getTime() - DAY)));
    expect(await mark(0, hours(50))).toBe(true);
    expect(await mark(0, hours(50))).toBe(false);
    expect(await mark(1, hours(60))).toBe(false);
    expect(await mark(1, hours(96))).toBe(true);
    expect((await inTx((s) => s.listLoansToRemind(LOFT, hours(200), 3))).map((l) => l.remindersSent)).toEqual([2]);
    expect(await inTx((s) => s.listLoansToRemind(LOFT, hours(200), 2))).toEqual([]);
  });
});
