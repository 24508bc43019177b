/**
 * The lane leases store on both databases: one holder per lane, a lease taken over only once it ran out, given up
 * only by its holder; the processes alive counted, expired ones dropped; and, at READ COMMITTED as the drainer
 * runs them, a thousand lanes taking and giving up their leases at once, five at a time, each get their answer.
 */
import { describe, expect, it } from 'vitest';
import { READ_COMMITTED } from '#core/outbox/deliver.ts';
import type { Storage } from '#core/ports/storage.ts';
import { freshPostgresUrl, openTestStorage, TEST_DIALECT } from '../support/databases.ts';

const T0 = new Date('2026-11-16T08:00:00Z');
const at = (s: number) => new Date(T0.getTime() + s * 1000);

function leases(storage: Storage) {
  const run = <T>(fn: (l: ReturnType<Storage['core']>['laneLeases']) => Promise<T>) =>
    storage.transaction((tx) => fn(storage.core(tx).laneLeases), READ_COMMITTED);
  return {
    take: (lane: string, holder: string, now: number, until: number) =>
      run((l) => l.take(lane, holder, at(now), at(until))),
    release: (lane: string, holder: string) => run((l) => l.release(lane, holder)),
    alive: (holder: string, now: number, until: number) => run((l) => l.alive(holder, at(now), at(until))),
    leave: (holder: string) => run((l) => l.leave(holder)),
  };
}

describe('lane leases store', () => {
  it('one holder at a time; the holder renews; another takes over only once the lease ran out', async () => {
    const l = leases(await openTestStorage());
    expect(await l.take('slack:TA', 'p1', 0, 20)).toEqual({ ours: true });
    expect(await l.take('slack:TA', 'p2', 5, 25)).toEqual({ ours: false, heldUntil: at(20) });
    expect(await l.take('slack:TA', 'p1', 10, 30)).toEqual({ ours: true });
    expect(await l.take('slack:TA', 'p2', 29, 49)).toEqual({ ours: false, heldUntil: at(30) });
    expect(await l.take('slack:TA', 'p2', 30, 50)).toEqual({ ours: true });
    // The first holder, back from a stall, has lost it.
    expect(await l.take('slack:TA', 'p1', 31, 51)).toEqual({ ours: false, heldUntil: at(50) });
    // Other lanes are not affected.
    expect(await l.take('slack:TB', 'p1', 31, 51)).toEqual({ ours: true });
  });

  it('a lease is given up only by its holder', async () => {
    const l = leases(await openTestStorage());
    await l.take('slack:TA', 'p1', 0, 20);
    await l.release('slack:TA', 'p2');
    expect(await l.take('slack:TA', 'p2', 1, 21)).toEqual({ ours: false, heldUntil: at(20) });
    await l.release('slack:TA', 'p1');
    expect(await l.take('slack:TA', 'p2', 1, 21)).toEqual({ ours: true });
  });

  it('counts the processes alive, itself included; drops those that ran out and those that left', async () => {
    const l = leases(await openTestStorage());
    expect(await l.alive('p1', 0, 150)).toBe(1);
    expect(await l.alive('p2', 10, 160)).toBe(2);
    expect(await l.alive('p3', 20, 170)).toBe(3);
    await l.leave('p3');
    expect(await l.alive('p2', 100, 250)).toBe(2);
    // p1 was last seen alive until 150.
    expect(await l.alive('p2', 150, 300)).toBe(1);
  });

  it.runIf(TEST_DIALECT === 'postgres')(
    'a thousand lanes taking and giving up their leases at once, five at a time, all get an answer',
    async () => {
      const storage = await openTestStorage({ url: await freshPostgresUrl() });
      const l = leases(storage);
      const lanes = Array.from({ length: 1_000 }, (_, n) => `slack:T${String(n).padStart(5, '0')}`);
      for (const holder of ['p1', 'p2']) {
        const answers: boolean[] = [];
        const queue = [...lanes];
        await Promise.all(
          Array.from({ length: 5 }, async () => {
            for (let lane = queue.shift(); lane; lane = queue.shift()) {
              const taken = await l.take(lane, holder, 0, 20);
              answers.push(taken.ours);
              if (taken.ours) await l.release(lane, holder);
            }
          }),
        );
        expect(answers).toHaveLength(1_000);
        expect(answers.every(Boolean)).toBe(true);
      }
    },
  );
});
