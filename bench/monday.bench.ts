/**
 * Benchmark 8 (issue 14): Monday morning on a hosted Hallway. 1,000 Slack workspaces × 50 members, every
 * workspace's round due the same minute (50,000 pairing DMs queued at 08:00), against a simulated Slack whose
 * `chat.postMessage` is limited per workspace to 5/s, burst 5, answering 429 with a whole-second Retry-After and
 * nothing else. Run with 1 and with 3 Hallway processes (real child processes, each the real `OutboxDrainer` with
 * the default settings, on one real PostgreSQL, fsync on), in lock-step simulated time (`lib/lockstep-time.ts`):
 * what is simulated is the clock and Slack's HTTP (an IPC call to this process, no network latency); the lanes,
 * the learning, the claims, leases and stored rates are the real ones. Then a second Monday on the same database:
 * the lanes start from the rates the first one stored. Budget: every DM delivered once, the morning within
 * 1.25 × the per-workspace floor (50 ÷ 5/s = 10 s).
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { openStorage } from '../data/open.ts';
import type { CommunityId } from '#core/ids.ts';
import type { NewOutboxItem } from '#core/stores/outbox.ts';
import { HiddenLimit } from '../test/support/hidden-limit.ts';
import { numberOption, option, quick } from './lib/args.ts';
import type { ToChild, ToParent } from './lib/monday-child.ts';
import { postgres, stopPostgres } from './lib/postgres.ts';
import { ratio, table, verdict } from './lib/stats.ts';

// `--quick`: 200 workspaces (a 1,000-workspace morning costs minutes of database time per process count).
const WORKSPACES = numberOption('workspaces', quick ? 200 : 1_000);
const MEMBERS = numberOption('members', 50);
const PROCESSES = (option('processes') ?? '1,3').split(',').map(Number);
const RATE = 5;
const BURST = 5;
const FLOOR_MS = (MEMBERS / RATE) * 1000;
const T0 = Date.parse('2026-11-16T08:00:00Z');
const CHILD = fileURLToPath(new URL('./lib/monday-child.ts', import.meta.url));
const teams = Array.from({ length: WORKSPACES }, (_, w) => `slack:TMON${String(w).padStart(5, '0')}` as CommunityId);

/** Queues every workspace's round, due at `at`, the way the round job does (one unit per workspace). */
async function queueRounds(url: string, round: string, at: number): Promise<void> {
  const storage = await openStorage({ url, path: '', poolSize: 4 });
  for (const community of teams) {
    const items: NewOutboxItem[] = Array.from({ length: MEMBERS }, (_, m) => {
      const key = `${round}:${community}:U${m}`;
      const now = new Date(at);
      return {
        community,
        key,
        target: { kind: 'dm', userIds: [`U${m}`] },
        reply: { text: key },
        notBefore: now,
        now,
        priority: 1,
      };
    });
    await storage.transaction((tx) => storage.core(tx).outbox.enqueue(items));
  }
  await storage.close();
}

interface Morning {
  readonly elapsedMs: number;
  readonly realMs: number;
  readonly delivered: number;
  readonly duplicates: number;
  readonly refused: number;
  readonly peakRssMb: number[];
  /** DMs each process delivered (how the workspaces' lanes were shared out). */
  readonly perProcess: number[];
  /** Errors the processes logged (a lane's pass that failed). */
  readonly errors: number;
}

/** Runs `processes` children until every DM of the morning is delivered (or they stall); the simulated Slack here. */
function morning(url: string, processes: number, startMs: number): Promise<Morning> {
  const limits = new Map<string, HiddenLimit>();
  const seen = new Map<string, number>();
  let refused = 0;
  const perProcess = Array.from({ length: processes }, () => 0);
  let lastDelivery = startMs;
  let now = startMs;
  let seq = 0;
  const expected = WORKSPACES * MEMBERS;
  const realStart = performance.now();
  return new Promise((resolve, reject) => {
    const quiet = new Map<number, number | undefined>();
    const rss: number[] = [];
    let errors = 0;
    let stopping = false;
    const children = Array.from({ length: processes }, (_, i) => {
      // The processes run before the morning (so each knows the others are alive when the rounds fall due at 08:00).
      const child = fork(CHILD, [url, String(startMs - 5_000)], {
        execArgv: ['--conditions=hallway-source', '--import', 'tsx'],
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      });
      child.on('message', (message: ToParent) => onMessage(i, message));
      child.on('exit', (code) => {
        if (code !== 0 && !stopping) reject(new Error(`child ${i} exited with ${code}`));
      });
      return child;
    });
    const send = (i: number, message: ToChild) => children[i]!.send(message);
    const stop = () => {
      if (stopping) return;
      stopping = true;
      for (let i = 0; i < processes; i++) send(i, { kind: 'stop' });
    };
    function onMessage(i: number, message: ToParent): void {
      if (message.kind === 'done') {
        rss[i] = message.peakRssMb;
        errors += message.errors;
        if (rss.filter((r) => r !== undefined).length === processes) {
          const duplicates = [...seen.values()].reduce((n, c) => n + c - 1, 0);
          resolve({
            elapsedMs: lastDelivery - startMs,
            realMs: performance.now() - realStart,
            delivered: seen.size,
            duplicates,
            refused,
            peakRssMb: rss,
            perProcess,
            errors,
          });
        }
        return;
      }
      if (message.kind === 'send') {
        quiet.delete(i);
        const limit = limits.get(message.community) ?? new HiddenLimit(RATE, BURST);
        limits.set(message.community, limit);
        const retryAfterMs = limit.take(now);
        if (retryAfterMs === undefined) {
          seen.set(message.key, (seen.get(message.key) ?? 0) + 1);
          perProcess[i]!++;
          lastDelivery = now;
        } else refused++;
        send(i, { kind: 'sent', id: message.id, retryAfterMs });
        return;
      }
      if (message.seq !== seq || stopping) return;
      quiet.set(i, message.next);
      if (seen.size >= expected) {
        stop();
        return;
      }
      if (quiet.size < processes) return;
      const next = Math.min(...[...quiet.values()].map((t) => t ?? Number.POSITIVE_INFINITY));
      // Every process waits on nothing and DMs are missing: stalled (reported as missing, not hidden).
      if (!Number.isFinite(next)) {
        stop();
        return;
      }
      now = Math.max(now, next);
      seq++;
      quiet.clear();
      for (let c = 0; c < processes; c++) send(c, { kind: 'advance', now, seq });
    }
  });
}

async function databaseSizeMb(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const { rows } = await client.query<{ size: string }>('select pg_database_size(current_database()) as size');
  await client.end();
  return Number(rows[0]!.size) / 2 ** 20;
}

const server = await postgres();
const rows: string[][] = [];
for (const processes of PROCESSES) {
  const url = await server.createDatabase(`monday_${processes}p_${Date.now()}`);
  for (const [week, label] of [
    ['w47', 'first Monday (nothing learned)'],
    ['w48', 'next Monday (stored rates)'],
  ] as const) {
    const start = week === 'w47' ? T0 : T0 + 7 * 86_400_000;
    await queueRounds(url, week, start);
    const m = await morning(url, processes, start);
    const expected = WORKSPACES * MEMBERS;
    rows.push([
      String(processes),
      label,
      `${m.delivered}/${expected}`,
      String(m.duplicates),
      `${(m.elapsedMs / 1000).toFixed(2)} s`,
      ratio(m.elapsedMs / FLOOR_MS),
      verdict(m.elapsedMs / FLOOR_MS, 1.25),
      ((100 * m.refused) / expected).toFixed(2),
      m.peakRssMb.map((r) => r.toFixed(0)).join(', '),
      m.perProcess.join(' / '),
      String(m.errors),
      (await databaseSizeMb(url)).toFixed(0),
      `${(m.realMs / 1000).toFixed(0)} s`,
    ]);
    console.error(rows.at(-1)!.join(' | '));
  }
}
await stopPostgres();

console.log(
  table(
    `8. Monday morning: ${WORKSPACES} Slack workspaces × ${MEMBERS} DMs due at once, ${RATE}/s burst ${BURST} per workspace (floor ${FLOOR_MS / 1000} s); lock-step simulated time and Slack, real drainers and PostgreSQL`,
    [
      'processes',
      'morning',
      'delivered',
      'duplicates',
      'simulated time',
      '× floor',
      '≤ 1.25×',
      '429s /100',
      'peak RSS per process MB',
      'DMs per process',
      'errors logged',
      'database MB',
      'real time',
    ],
    rows,
  ),
);
