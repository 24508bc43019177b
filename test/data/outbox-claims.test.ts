/**
 * Claims that overlap never hand one item out twice. On PostgreSQL the transactions truly run at once (a pool of
 * four connections, `FOR UPDATE SKIP LOCKED`); on SQLite one storage's transactions run in turn, and two storages
 * on one file (two processes) take the write lock in turn: the same property must hold either way.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import type { Storage } from '#core/ports/storage.ts';
import type { OutboxItem } from '#core/stores/outbox.ts';
import { freshPostgresUrl, openTestStorage, TEST_DIALECT } from '../support/databases.ts';
import { at, dm, item, runner, T0 } from './outbox-support.ts';

const postgres = TEST_DIALECT === 'postgres';
const temps: string[] = [];
afterEach(() => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function fill(storage: Storage, pending: number, expired = 0): Promise<void> {
  const run = runner(() => storage);
  const items = Array.from({ length: pending + expired }, (_, n) => item(`k${n}`, dm(`U${n}`)));
  await run(async ({ outbox }) => await outbox.enqueue(items));
  // The first `expired` items were claimed by a process that died: their lease ran out at 10 s.
  if (expired > 0) await run(async ({ outbox }) => await outbox.claimDue('discord', T0, expired, at(10)));
}

/**
 * `n` transactions claiming `limit` items each. On PostgreSQL each stays open until all have claimed, so the claims
 * overlap for certain; on SQLite that would wait for ever (transactions run in turn), so they just start together.
 */
async function overlappingClaims(storage: Storage, n: number, limit: number): Promise<OutboxItem[][]> {
  let arrived = 0;
  let release = () => {};
  const allClaimed = new Promise<void>((resolve) => {
    release = resolve;
  });
  return Promise.all(
    Array.from(
      { length: n },
      async () =>
        await storage.transaction(async (tx) => {
          try {
            return await storage.core(tx).outbox.claimDue('discord', at(20), limit, at(300));
          } finally {
            // Released even when a claim fails, so that the others do not wait for ever.
            if (++arrived === n) release();
            if (postgres) await allClaimed;
          }
        }),
    ),
  );
}

describe('outbox claims in concurrent transactions', () => {
  it('never return the same item twice, pending or taken over from an expired lease', async () => {
    const storage = await openTestStorage();
    await fill(storage, 24, 12);
    const batches = await overlappingClaims(storage, 4, 5);
    const ids = batches.flat().map((i) => i.id);
    expect(new Set(ids).size).toBe(ids.length);
    // Skipping locked rows, not waiting for them: every transaction got a full batch.
    expect(batches.map((b) => b.length)).toEqual([5, 5, 5, 5]);
    // The expired leases come first (due earliest, then oldest), and were each taken once.
    expect(batches.flat().filter((i) => i.attempts === 2)).toHaveLength(12);
  });

  it('between them claim everything due exactly once', async () => {
    const storage = await openTestStorage();
    await fill(storage, 30, 7);
    const seen: number[] = [];
    for (let round = 0; round < 4; round++) {
      for (const batch of await overlappingClaims(storage, 4, 3)) seen.push(...batch.map((i) => i.id));
    }
    expect(seen).toHaveLength(37);
    expect(new Set(seen).size).toBe(37);
  });
});

describe('a claim on an outbox the planner believes nearly empty', () => {
  /**
   * PostgreSQL's statistics as ANALYZE (autovacuum, at a time that depends on load) leaves them once the outbox was
   * emptied: they lead the planner to run a claim's `LIMIT n … SKIP LOCKED` again for each row it updates, which
   * once claimed every due item for a claim of one (the flake of the PostgreSQL test project). No-op on SQLite.
   */
  async function emptiedAndAnalyzed(storage: Storage, url: string | undefined): Promise<void> {
    if (!url) return;
    await fill(storage, 10);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query('DELETE FROM outbox');
      await client.query('ANALYZE outbox');
    } finally {
      await client.end();
    }
  }

  it('claims no more than its limit, and returns every item it claimed', async () => {
    const url = postgres ? await freshPostgresUrl() : undefined;
    const storage = await openTestStorage({ url });
    await emptiedAndAnalyzed(storage, url);
    await fill(storage, 10);
    const run = runner(() => storage);
    const claimed = await run(async ({ outbox }) => await outbox.claimDue('discord', T0, 1, at(300)));
    expect(claimed).toHaveLength(1);
    expect(await run(async ({ outbox }) => await outbox.counts())).toMatchObject({ pending: 9, sending: 1 });
    const three = await run(async ({ outbox }) => await outbox.claimDue('discord', T0, 3, at(300)));
    expect(three).toHaveLength(3);
    expect(await run(async ({ outbox }) => await outbox.counts())).toMatchObject({ pending: 6, sending: 4 });
  });
});

describe('outbox enqueues in concurrent transactions', () => {
  it('insert a key once: the later transaction waits for the earlier and counts nothing', async () => {
    const storage = await openTestStorage();
    const items = ['k1', 'k2', 'k3'].map((key) => item(key, dm('U1')));
    const counts = await Promise.all(
      [0, 1].map(() => storage.transaction(async (tx) => await storage.core(tx).outbox.enqueue(items))),
    );
    expect(counts.sort()).toEqual([0, 3]);
    const total = await storage.transaction(async (tx) => await storage.core(tx).outbox.counts());
    expect(total.pending).toBe(3);
  });
});

describe('outbox claims from two processes', () => {
  /** Two storages on one database, as two processes would open it. */
  async function twoStorages(): Promise<[Storage, Storage]> {
    if (postgres) {
      const url = await freshPostgresUrl();
      return [await openTestStorage({ url }), await openTestStorage({ url })];
    }
    const dir = mkdtempSync(join(tmpdir(), 'hallway-claim-'));
    temps.push(dir);
    const path = join(dir, 'h.db');
    return [await openTestStorage({ path }), await openTestStorage({ path })];
  }

  it('never hands one item to two processes', async () => {
    const [a, b] = await twoStorages();
    await fill(a, 50);
    const claimA = async () => a.transaction(async (tx) => await a.core(tx).outbox.claimDue('discord', T0, 1, at(300)));
    const claimB = async () => b.transaction(async (tx) => await b.core(tx).outbox.claimDue('discord', T0, 2, at(300)));
    const seen: number[] = [];
    for (let round = 0; round < 30; round++) {
      // Two SQLite connections in one thread cannot overlap a write (the busy wait would block the other's
      // commit): they alternate, as the old synchronous test did. PostgreSQL claims at once.
      const claimed = postgres
        ? (await Promise.all([claimA(), claimB()])).flat()
        : [...(await claimA()), ...(await claimB())];
      seen.push(...claimed.map((i) => i.id));
    }
    expect(seen).toHaveLength(50);
    expect(new Set(seen).size).toBe(50);
  });
});
