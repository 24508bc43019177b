/**
 * The mentorship store on the run's database: offers with their loads, one open request per mentee, one waiting
 * ask per request, places that cannot be over-filled — also by two transactions racing for the last place —
 * check-ins recorded once, and a member's data forgotten while a mentor's completed count survives.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { CommunityId } from '#core/ids.ts';
import type { Storage } from '#core/ports/storage.ts';
import type { MentorshipStore, NewMentorship } from '../../commands/mentorship/store.ts';
import { mentorshipStore } from '../../data/stores/mentorship.store.ts';
import { openTestStorage, TEST_DIALECT } from '../support/databases.ts';
import { MENTORSHIP_TABLES, tableRows } from '../support/table-rows.ts';

const LOFT: CommunityId = 'shell:loft';
const STUDIO: CommunityId = 'shell:studio';
const NOW = new Date('2026-11-16T08:00:00Z');
const WEEK = 7 * 86_400_000;
const at = (ms: number) => new Date(NOW.getTime() + ms);

let storage: Storage;
beforeEach(async () => {
  storage = await openTestStorage();
});

const run = <T>(fn: (store: MentorshipStore) => Promise<T>) => storage.transaction((tx) => fn(mentorshipStore(tx)));

async function members(community: CommunityId, ...ids: string[]) {
  await storage.transaction(async (tx) => {
    for (const id of ids) await storage.core(tx).members.touch(community, id, id, NOW);
  });
}

const ship = (mentorId: string, menteeId: string, community: CommunityId = LOFT): NewMentorship => ({
  community,
  mentorId,
  menteeId,
  skill: 'pricing',
  term: 'pricing my work',
  about: 'first commission',
  now: NOW,
  endsAt: at(12 * WEEK),
  nextCheckInAt: at(2 * WEEK),
});

async function request(menteeId: string, status: 'pending' | 'waiting' = 'pending', community: CommunityId = LOFT) {
  return await run((s) =>
    s.createRequest({ community, menteeId, skill: 'pricing', term: 'pricing', about: 'help', status, now: NOW }),
  );
}

describe('offers', () => {
  it('keeps skills in order and a pause across updates, with loads, only in their community', async () => {
    await members(LOFT, 'ana', 'ben');
    await run(async (s) => {
      await s.saveOffer(
        LOFT,
        'ana',
        {
          skills: [
            { skill: 'pricing', term: 'pricing your work' },
            { skill: 'typography', term: 'type' },
          ],
          capacity: 2,
          note: 'Fridays',
        },
        NOW,
      );
      expect(await s.setPaused(LOFT, 'ana', true, NOW)).toBe(true);
      await s.saveOffer(LOFT, 'ana', { skills: [{ skill: 'typography', term: 'typography' }], capacity: 3 }, NOW);
      expect(await s.setPaused(LOFT, 'nobody', true, NOW)).toBe(false);
    });
    const offer = await run((s) => s.offer(LOFT, 'ana'));
    expect(offer).toMatchObject({
      userId: 'ana',
      skills: [{ skill: 'typography', term: 'typography' }],
      capacity: 3,
      paused: true,
      active: 0,
      pending: 0,
    });
    expect(offer?.note).toBeUndefined();
    expect(await run((s) => s.offer(STUDIO, 'ana'))).toBeUndefined();
    expect((await run((s) => s.mentors(LOFT, 10))).map((o) => o.userId)).toEqual(['ana']);
    expect(await run((s) => s.mentors(STUDIO, 10))).toEqual([]);
    // A mentor who left the community is not listed.
    await storage.transaction((tx) => storage.core(tx).members.markLeft(LOFT, 'ana', NOW));
    expect(await run((s) => s.mentors(LOFT, 10))).toEqual([]);
    expect(await run((s) => s.removeOffer(LOFT, 'ana'))).toBe(true);
    expect(await run((s) => s.removeOffer(LOFT, 'ana'))).toBe(false);
  });
});

describe('requests and asks', () => {
  it('allows one open request per mentee: the database refuses the second', async () => {
    const first = await request('leo');
    expect(first).toMatchObject({ menteeId: 'leo', status: 'pending' });
    expect(await request('leo', 'waiting')).toBeUndefined();
    expect(await request('leo', 'waiting', STUDIO)).toBeDefined();
    await run((s) => s.setRequestStatus(LOFT, first!.id, ['pending'], 'matched', NOW));
    expect(await request('leo', 'waiting')).toBeDefined();
  });

  it('keeps one ask waiting per request, never the same mentor twice, and moves statuses once', async () => {
    const r = (await request('leo'))!;
    await run(async (s) => {
      expect(await s.addAsk(LOFT, r.id, 'ana', false, NOW)).toBe(true);
      expect(await s.addAsk(LOFT, r.id, 'ben', true, NOW)).toBe(false);
      expect(await s.addAsk(STUDIO, r.id, 'ben', true, NOW)).toBe(false);
      expect(await s.answerAsk(LOFT, r.id, 'ana', ['asked'], 'declined', at(1000))).toBe(true);
      expect(await s.answerAsk(LOFT, r.id, 'ana', ['asked'], 'accepted', at(2000))).toBe(false);
      expect(await s.addAsk(LOFT, r.id, 'ana', false, NOW)).toBe(false);
      expect(await s.addAsk(LOFT, r.id, 'ben', true, at(3000))).toBe(true);
      expect((await s.asksOf(LOFT, r.id)).map((a) => [a.mentorId, a.status, a.viaRound])).toEqual([
        ['ana', 'declined', false],
        ['ben', 'asked', true],
      ]);
      expect((await s.pendingAsksFor(LOFT, 'ben')).map((p) => p.request.id)).toEqual([r.id]);
      expect(await s.pendingAsksFor(STUDIO, 'ben')).toEqual([]);
      expect(await s.unansweredAsks(LOFT, at(2999))).toEqual([]);
      expect((await s.unansweredAsks(LOFT, at(3000))).map((a) => a.mentorId)).toEqual(['ben']);
    });
  });
});

describe('mentorships', () => {
  it('takes the lowest free place up to the capacity, and frees it when a mentorship ends', async () => {
    await run(async (s) => {
      const a = await s.startMentorship(ship('ana', 'leo'), 2);
      const b = await s.startMentorship(ship('ana', 'mia'), 2);
      expect([a?.slot, b?.slot]).toEqual([1, 2]);
      expect(await s.startMentorship(ship('ana', 'zoe'), 2)).toBeUndefined();
      expect(await s.startMentorship(ship('ana', 'leo'), 3)).toBeUndefined(); // one active mentorship per pair
      expect(await s.endMentorship(LOFT, a!.id, 'completed', NOW)).toBe(true);
      expect(await s.endMentorship(LOFT, a!.id, 'stopped', NOW)).toBe(false);
      expect((await s.startMentorship(ship('ana', 'zoe'), 2))?.slot).toBe(1);
      expect(await s.completedCount(LOFT, 'ana')).toBe(1);
      expect(await s.completedCount(STUDIO, 'ana')).toBe(0);
      expect(await s.mentorship(STUDIO, a!.id)).toBeUndefined();
    });
  });

  it('never fills a place twice when two transactions race for the last one', async () => {
    // Both read the mentor's places before either writes. SQLite runs one transaction at a time, so there the
    // second simply starts after the first; PostgreSQL runs them together and the loser is retried.
    let waiting = 0;
    let release: () => void = () => {};
    const bothRead = new Promise<void>((resolve) => {
      release = resolve;
    });
    const barrier = async () => {
      if (TEST_DIALECT !== 'postgres') return;
      if (++waiting >= 2) release();
      await bothRead;
    };
    const attempts: string[] = [];
    const race = (mentee: string) =>
      storage.transaction(async (tx) => {
        const store = mentorshipStore(tx);
        attempts.push(mentee);
        await store.mentorshipsOf(LOFT, 'ana', ['active']);
        await barrier();
        return await store.startMentorship(ship('ana', mentee), 1);
      });
    const [leo, mia] = await Promise.all([race('leo'), race('mia')]);
    expect([leo, mia].filter(Boolean)).toHaveLength(1);
    const active = await run((s) => s.mentorshipsOf(LOFT, 'ana', ['active']));
    expect(active).toHaveLength(1);
    if (TEST_DIALECT === 'postgres') expect(attempts.length).toBeGreaterThan(2); // the loser ran again
  });

  it('sends each check-in once and records each answer once', async () => {
    await run(async (s) => {
      const m = (await s.startMentorship(ship('ana', 'leo'), 1))!;
      expect((await s.dueMentorships(LOFT, at(2 * WEEK - 1), 10)).map((d) => d.id)).toEqual([]);
      expect((await s.dueMentorships(LOFT, at(2 * WEEK), 10)).map((d) => d.id)).toEqual([m.id]);
      expect(await s.dueMentorships(STUDIO, at(2 * WEEK), 10)).toEqual([]);
      expect(await s.markCheckInSent(LOFT, m.id, 1, at(4 * WEEK))).toBe(true);
      expect(await s.markCheckInSent(LOFT, m.id, 1, at(4 * WEEK))).toBe(false);
      expect(await s.dueMentorships(LOFT, at(2 * WEEK), 10)).toEqual([]);
      expect(await s.recordCheckIn(LOFT, m.id, 1, 'leo', 'stuck', NOW)).toBe(true);
      expect(await s.recordCheckIn(LOFT, m.id, 1, 'leo', 'going', NOW)).toBe(false);
      expect(await s.recordCheckIn(STUDIO, m.id, 1, 'ana', 'going', NOW)).toBe(false);
      expect(await s.recordClosing(LOFT, m.id, 'leo', 'Price higher', NOW)).toBe(true);
      expect(await s.recordClosing(LOFT, m.id, 'leo', 'again', NOW)).toBe(false);
      expect(await s.hasClosing(LOFT, m.id, 'leo')).toBe(true);
      expect(await s.hasClosing(LOFT, m.id, 'ana')).toBe(false);
    });
  });
});

describe("a member's data", () => {
  it('forgets a member everywhere; completed mentorships they were mentored in stay, without them', async () => {
    await members(LOFT, 'ana', 'leo', 'mia');
    await run(async (s) => {
      await s.saveOffer(LOFT, 'leo', { skills: [{ skill: 'pricing', term: 'pricing' }], capacity: 1 }, NOW);
      const done = (await s.startMentorship(ship('ana', 'leo'), 2))!;
      await s.recordCheckIn(LOFT, done.id, 1, 'leo', 'going', NOW);
      await s.recordCheckIn(LOFT, done.id, 1, 'ana', 'going', NOW);
      await s.endMentorship(LOFT, done.id, 'completed', NOW);
      await s.recordClosing(LOFT, done.id, 'leo', 'Thanks Ana', NOW);
      const mine = (await s.startMentorship(ship('leo', 'mia'), 1))!;
      void mine;
    });
    const open = (await request('leo', 'waiting'))!;
    const other = (await request('mia', 'pending'))!;
    await run((s) => s.addAsk(LOFT, other.id, 'leo', false, NOW));
    const gone = await run((s) => s.forgetMember(LOFT, 'leo'));
    expect(gone).toEqual({
      'mentoring offer': 1,
      'mentorship requests': 2,
      mentorships: 2,
      'mentorship answers': 2,
    });
    const rows = await tableRows(storage, MENTORSHIP_TABLES, LOFT);
    expect(JSON.stringify(rows)).not.toContain('leo');
    expect(rows.mentorships).toEqual([
      expect.objectContaining({ mentor_id: 'ana', mentee_id: '', about: '', status: 'completed' }),
    ]);
    expect(await run((s) => s.completedCount(LOFT, 'ana'))).toBe(1);
    expect(await run((s) => s.request(LOFT, open.id))).toBeUndefined();
    expect(await run((s) => s.asksOf(LOFT, other.id))).toEqual([]);
  });
});
