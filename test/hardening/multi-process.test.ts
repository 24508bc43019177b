/**
 * Several processes on one PostgreSQL (what a hosted Hallway runs): three real processes (crash/child.ts: the app's
 * jobs and outbox drainer) start at once on one database holding 30 communities whose weekly rounds are all due,
 * and one of them is SIGKILLed in the middle of the fan-out. The other two carry on; a process started once the
 * dead one's lease ran out takes over what it left in flight. Every member of every community is told exactly once,
 * except the sends in flight at the kill (delivered, but killed before `markSent` committed): at most one per
 * workspace lane the killed process was sending on.
 * Each community's round ran once, whichever process claimed it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbOf } from '../../data/db/executor.ts';
import { openStorage } from '../../data/open.ts';
import { LEASE_MS } from '#core/outbox/lane.ts';
import { freshPostgresUrl, TEST_DIALECT } from '../support/databases.ts';
import { DeliveryRecorder } from './crash/processes.ts';
import { startChild } from './crash/processes.ts';
import { CRASH_NOW } from './crash/seed.ts';
import { COMMUNITIES, communityOf, memberOf, PER_COMMUNITY, seedManyCommunities } from './crash/seed-many.ts';

let recorder: DeliveryRecorder;
beforeAll(async () => {
  recorder = await DeliveryRecorder.start();
});
afterAll(() => recorder?.close());

async function state(url: string) {
  const storage = await openStorage({ url, path: ':memory:', poolSize: 1 });
  try {
    return await storage.transaction(async (tx) => {
      const db = dbOf(tx);
      const rows = await db.selectFrom('outbox').select(['community', 'key', 'status']).execute();
      const runs = await db
        .selectFrom('job_runs')
        .select(['community', 'job'])
        .where('job', '=', 'match-round')
        .execute();
      return { rows, runs };
    });
  } finally {
    await storage.close();
  }
}

// SQLite serves one process; several processes share PostgreSQL only.
describe.skipIf(TEST_DIALECT !== 'postgres')('three processes on one PostgreSQL', () => {
  it('tell every member of 30 communities once, but for at most one message per killed process', {
    timeout: 240_000,
  }, async () => {
    const url = await freshPostgresUrl();
    await seedManyCommunities({ url });
    const { deliveries } = recorder;
    const inFlightAtKill: string[] = [];
    const runs = [0, 1, 2].map(() => startChild({ url }, CRASH_NOW, recorder.url));
    // Answers are held until all three processes are sending at once (so the work is really shared), then the first
    // process to reach its tenth delivery is killed with that delivery unanswered: in flight.
    const held: (() => void)[] = [];
    let killed: number | undefined;
    recorder.policy = (d, respond) => {
      if (new Set(deliveries.map((x) => x.pid)).size < 3 && killed === undefined) {
        held.push(respond);
        return;
      }
      for (const answer of held.splice(0)) answer();
      const own = deliveries.filter((x) => x.pid === d.pid).length;
      if (killed === undefined && own >= 10) {
        killed = d.pid;
        inFlightAtKill.push(`${d.community} ${d.key}`);
        runs.find((r) => r.child.pid === d.pid)!.child.kill('SIGKILL');
        return;
      }
      respond();
    };
    const exits = await Promise.all(runs.map((r) => r.exit));
    expect(exits.filter((e) => e.signal === 'SIGKILL')).toHaveLength(1);
    expect(exits.filter((e) => e.code === 0)).toHaveLength(2);
    expect(inFlightAtKill).toHaveLength(1);

    // What the dead process held is taken over once its lease has run out.
    const late = new Date(new Date(CRASH_NOW).getTime() + LEASE_MS + 60_000).toISOString();
    expect((await startChild({ url }, late, recorder.url).exit).code).toBe(0);

    const { rows, runs: roundRuns } = await state(url);
    expect(rows.filter((r) => r.status !== 'sent')).toEqual([]);
    expect(roundRuns).toHaveLength(COMMUNITIES);
    // Every member told: a round DM per member of every community was queued, and arrived.
    const intended = new Set(rows.map((r) => `${r.community} ${r.key}`));
    const roundDms = [...intended].filter((k) => / match-round:/.test(k));
    for (let c = 0; c < COMMUNITIES; c++) {
      for (let i = 0; i < PER_COMMUNITY; i++) {
        const told = roundDms.filter((k) => k.startsWith(`${communityOf(c)} `) && k.endsWith(`:${memberOf(c, i)}`));
        expect(told, `${communityOf(c)} ${memberOf(c, i)} in ${roundDms.slice(0, 3).join(', ')}`).toHaveLength(1);
      }
    }
    const received = deliveries.map((d) => `${d.community} ${d.key}`);
    expect([...intended].filter((k) => !received.includes(k))).toEqual([]);
    expect(new Set(received)).toEqual(intended);
    // Duplicates: only sends in flight at the kill. A process sends one message at a time per workspace's lane, so
    // what it had in flight is its last delivery in each workspace: at most one per workspace it was sending to.
    const counts = new Map<string, number>();
    for (const k of received) counts.set(k, (counts.get(k) ?? 0) + 1);
    const duplicated = [...counts].filter(([, n]) => n > 1).map(([k]) => k);
    const lastOfKilled = new Map<string, string>();
    for (const d of deliveries) if (d.pid === killed) lastOfKilled.set(d.community, `${d.community} ${d.key}`);
    expect(lastOfKilled.values()).toContain(inFlightAtKill[0]);
    for (const k of duplicated) expect([...lastOfKilled.values()]).toContain(k);
    expect(duplicated.length).toBeLessThanOrEqual(lastOfKilled.size);
    // All three processes really shared the work, and a fourth finished what the dead one held.
    const senders = new Set(deliveries.map((d) => d.pid));
    for (const run of runs) expect(senders).toContain(run.child.pid);
    console.info(
      `multi-process: ${intended.size} messages, ${received.length} deliveries, ${duplicated.length} duplicate(s)` +
        ` (the killed process was sending to ${lastOfKilled.size} workspaces),` +
        ` by process: ${[...senders].map((p) => deliveries.filter((d) => d.pid === p).length).join('/')}`,
    );
  });
});
