/**
 * Benchmark 1: command latency in the core, on SQLite and on PostgreSQL side by side. Platform-neutral events in,
 * Reply out, through `createCore` with every feature, at each community size: SQLite in a WAL file with checkpoints
 * in a worker thread (as the app ships), PostgreSQL on an embedded server with durable commits (fsync on). Each
 * command runs in its own block, one distinct member per call, with the event loop free between calls (as between
 * network requests). After each measured block, a short diagnostic block counts the statements and transactions
 * a call makes and the time spent waiting on them (the reason behind a missed budget).
 *
 * Also: SQLite's checkpoint alternatives (automatic, on whichever commit crosses 1000 WAL pages; from a timer on
 * the main thread), the floor under any command on each database (one statement; one write transaction), and,
 * with `--baseline=<checkout of round 1>`, round 1's commands benchmark run right before in the same session, for
 * the ratio new/old at 10k on SQLite (without it, round 1's figures are taken from its bench/RESULTS.md).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { sql } from 'kysely';
import { skillLabel } from '../commands/skills/index.ts';
import type { InboundEvent } from '#core/inbound.ts';
import type { MatchMember } from '../commands/matching/store.ts';
import { numberOption, option, quick, sizeLabel, sizes, yieldToLoop } from './lib/args.ts';
import {
  actorOf,
  buildDatabase,
  type CheckpointMode,
  copyDatabase,
  DIALECT_LABEL,
  DIALECTS,
  type Dialect,
  dropDatabase,
  type Harness,
  openCore,
  type Template,
  tempDir,
} from './lib/core-harness.ts';
import { postgresVersion, stopPostgres } from './lib/postgres.ts';
import { BENCH_COMMUNITY } from './lib/seed.ts';
import { median, ms, quantile, ratio, table, verdict } from './lib/stats.ts';
import { syntheticVocabulary } from './synthetic-community.ts';

const RUNS = numberOption('runs', 3);
const CALLS = numberOption('calls', quick ? 300 : 400);
/** A slow command stops after this long per block, so one miss cannot stall the whole suite. */
const BLOCK_MS = numberOption('block-ms', 1_000);
const WARMUP_CALLS = 30;
/** Calls of the diagnostic block (statements and transactions counted). */
const PROFILE_CALLS = 20;
const MEETUPS = 20;
/** The round-1 commit (synchronous SQLite repositories), for the comparison. */
const ROUND_ONE = '63051d6';

/** p99 budgets (ms): SQLite ≤ 1 ms at 10k and ≤ 2 ms at 100k; PostgreSQL ≤ 5 ms at 10k. None at 1k. */
const BUDGET: Record<Dialect, (n: number) => number | undefined> = {
  sqlite: (n) => (n >= 100_000 ? 2 : n >= 10_000 ? 1 : undefined),
  postgres: (n) => (n === 10_000 ? 5 : undefined),
};

type Make = (k: number, member: MatchMember, other: MatchMember) => InboundEvent;
const vocabulary = syntheticVocabulary(500);
const command = (member: MatchMember, name: string, text: string): InboundEvent => ({
  kind: 'command',
  actor: actorOf(member),
  channelId: 'CGENERAL',
  command: name,
  input: { kind: 'text', text },
});

const COMMANDS: Record<string, Make> = {
  '/skills offer': (k, m) => command(m, 'skills', `offer ${skillLabel(vocabulary[(k * 37) % vocabulary.length]!)}`),
  '/profile': (k, m, other) => command(m, 'profile', k % 2 ? `<@${other.userId}>` : ''),
  '/match': (_k, m) => command(m, 'match', ''),
  'RSVP click': (k, m) => ({
    kind: 'action',
    actor: actorOf(m),
    action: 'meetup.rsvp',
    value: `${1 + (k % MEETUPS)}:${['going', 'maybe', 'no'][k % 3]}`,
  }),
  '/feedback request': (k, m) =>
    command(
      m,
      'feedback',
      `request about:"Draft of my zine, pages ${k}" skills:"${skillLabel(vocabulary[(k * 11) % 300]!)}"`,
    ),
};

interface Profile {
  readonly statements: number;
  readonly transactions: number;
  readonly dbMs: number;
}

interface Sample {
  readonly times: number[];
  readonly errors: number;
  readonly firstError?: string;
  /** Per call, from the diagnostic block. */
  readonly profile: Profile;
}

async function block(harness: Harness, members: MatchMember[], make: Make, offset: number, calls = CALLS) {
  const times: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  const started = performance.now();
  for (let k = 0; k < calls && performance.now() - started < BLOCK_MS; k++) {
    const member = members[(offset + k * 7919) % members.length]!;
    const other = members[(offset + k * 104_729 + 1) % members.length]!;
    const event = make(k, member, other);
    await yieldToLoop();
    const start = performance.now();
    const reply = await harness.core.dispatch(event);
    times.push(performance.now() - start);
    if (!reply || /went wrong/.test(reply.text)) {
      errors++;
      firstError ??= reply?.text ?? '(no reply)';
    }
  }
  return { times, errors, firstError };
}

async function profile(harness: Harness, members: MatchMember[], make: Make, offset: number): Promise<Profile> {
  const { counter } = harness;
  counter.reset();
  counter.enabled = true;
  const { times } = await block(harness, members, make, offset, PROFILE_CALLS);
  counter.enabled = false;
  const calls = Math.max(1, times.length);
  return {
    statements: counter.statements / calls,
    transactions: counter.transactions / calls,
    dbMs: counter.statementMs / calls,
  };
}

/** The floor under any command: one statement (a round trip), and one write transaction (a commit). p50, ms. */
async function floor(harness: Harness): Promise<{ statement: number; commit: number }> {
  const statement: number[] = [];
  const commit: number[] = [];
  for (let i = 0; i < 200; i++) {
    await yieldToLoop();
    let start = performance.now();
    await sql`SELECT 1`.execute(harness.db);
    statement.push(performance.now() - start);
    await yieldToLoop();
    start = performance.now();
    await harness.db
      .transaction()
      .execute((trx) => sql`UPDATE communities SET created_at = created_at WHERE id = ${BENCH_COMMUNITY}`.execute(trx));
    commit.push(performance.now() - start);
  }
  return { statement: median(statement), commit: median(commit) };
}

async function createMeetups(harness: Harness, members: MatchMember[]) {
  const admin = actorOf(members[0]!, true);
  for (let i = 0; i < MEETUPS; i++) {
    const when = `"${new Date(Date.now() + (7 + i) * 86_400_000).toISOString().slice(0, 10)} 19:00"`;
    const reply = await harness.core.dispatch({
      kind: 'command',
      actor: admin,
      command: 'meetup',
      input: { kind: 'text', text: `create title:"Meetup ${i}" when:${when} capacity:40` },
    });
    if (!reply || /went wrong|Example:/.test(reply.text)) {
      throw new Error(`creating the meetups failed: ${reply?.text ?? '(no reply)'}`);
    }
  }
}

type Mode = CheckpointMode | 'postgres';

async function oneRun(template: Template, dir: string, mode: Mode, run: number) {
  const target = await copyDatabase(template, dir, `run_${mode}_${run}`);
  const harness = await openCore(target, { checkpoints: mode === 'postgres' ? undefined : mode });
  const { members } = template;
  await createMeetups(harness, members);
  const results: Record<string, Sample> = {};
  let offset = run * 1_000 + { worker: 0, postgres: 0, timer: 300, auto: 600 }[mode];
  for (const [name, make] of Object.entries(COMMANDS)) {
    await block(harness, members, make, offset + 50_000, WARMUP_CALLS); // warm-up with other members
    const measured = await block(harness, members, make, offset);
    results[name] = { ...measured, profile: await profile(harness, members, make, offset + 70_000) };
    offset += 97;
  }
  const floors = mode === 'timer' || mode === 'auto' ? undefined : await floor(harness);
  const checkpoints = [...harness.checkpoints];
  await harness.close();
  await dropDatabase(target);
  return { results, checkpoints, floors };
}

interface Summary {
  p50: number;
  p99: number;
  max: number;
  calls: number;
  errors: number;
  firstError?: string;
  profile: Profile;
}

function summarize(runs: Awaited<ReturnType<typeof oneRun>>[], name: string): Summary {
  const samples = runs.map((run) => run.results[name]!);
  return {
    p50: median(samples.map((s) => quantile(s.times, 0.5))),
    p99: median(samples.map((s) => quantile(s.times, 0.99))),
    max: Math.max(...samples.map((s) => Math.max(...s.times))),
    calls: median(samples.map((s) => s.times.length)),
    errors: samples.reduce((a, s) => a + s.errors, 0),
    firstError: samples.find((s) => s.firstError)?.firstError,
    profile: {
      statements: median(samples.map((s) => s.profile.statements)),
      transactions: median(samples.map((s) => s.profile.transactions)),
      dbMs: median(samples.map((s) => s.profile.dbMs)),
    },
  };
}

/** Round 1's p50/p99/max per command at 10k (SQLite, worker checkpoints), and where they come from. */
interface RoundOne {
  readonly source: string;
  readonly rows: ReadonlyMap<string, { p50: number; p99: number; max: number }>;
}

/** The 10k rows of a commands table as round 1 printed it: members | command | calls/run | p50 | p99 | max | … */
function parseRoundOne(text: string): Map<string, { p50: number; p99: number; max: number }> {
  const rows = new Map<string, { p50: number; p99: number; max: number }>();
  const section = text.split('### 1.')[1]?.split('###')[0] ?? '';
  for (const line of section.split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    if (cells[1] !== '10k' || !cells[2]) continue;
    rows.set(cells[2], { p50: Number(cells[4]), p99: Number(cells[5]), max: Number(cells[6]) });
  }
  return rows;
}

/** Runs round 1's own commands benchmark (10k only, same calls and runs) in the checkout at `dir`. */
function runRoundOne(dir: string): RoundOne {
  const args = ['--import', 'tsx', 'bench/commands.bench.ts', '--sizes=10000', `--runs=${RUNS}`, `--calls=${CALLS}`];
  const out = spawnSync(process.execPath, quick ? [...args, '--quick'] : args, {
    cwd: dir,
    encoding: 'utf8',
    maxBuffer: 16 * 2 ** 20,
  });
  if (out.status !== 0) throw new Error(`round 1's commands benchmark failed in ${dir}: ${out.stderr}`);
  const commit = execFileSync('git', ['-C', dir, 'rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
  return {
    source: `round 1 (${commit}) run in this session, right before, from ${dir}, same calls and runs`,
    rows: parseRoundOne(out.stdout),
  };
}

function roundOneFromResults(): RoundOne | undefined {
  try {
    const doc = execFileSync('git', ['show', `${ROUND_ONE}:bench/RESULTS.md`], { encoding: 'utf8' });
    const date = /- date: (\S+)/.exec(doc)?.[1] ?? 'an earlier day';
    return {
      source: `round 1's figures from ${ROUND_ONE}:bench/RESULTS.md (run ${date}, another session: compare with care)`,
      rows: parseRoundOne(doc),
    };
  } catch {
    return undefined;
  }
}

const baselineDir = option('baseline');
const roundOne = baselineDir ? runRoundOne(baselineDir) : roundOneFromResults();

const rows: string[][] = [];
const checkpointRows: string[][] = [];
const blockingRows: string[][] = [];
const floorRows: string[][] = [];
const verdicts: string[] = [];
const atTenK: Partial<Record<string, Summary>> = {};
const { dir, cleanup } = tempDir();
let pgVersion = 'PostgreSQL';
try {
  pgVersion = await postgresVersion();
  // JIT warm-up on a throwaway 1k community per database, so the first size measured is not the one that compiles.
  for (const dialect of DIALECTS) {
    const warm = await buildDatabase(dialect, dir, { members: 1_000, popularity: 'skewed' });
    await oneRun(warm, dir, dialect === 'sqlite' ? 'worker' : 'postgres', 99);
    await dropDatabase(warm.target);
  }
  for (const n of sizes()) {
    const byDialect = {} as Record<Dialect, Record<string, Summary>>;
    const alternatives = {} as Record<'timer' | 'auto', Record<string, Summary>>;
    const blocking: number[] = [];
    for (const dialect of DIALECTS) {
      const template = await buildDatabase(dialect, dir, { members: n, popularity: 'skewed' });
      // The shipping configuration gets every run; SQLite's two checkpoint alternatives one run each.
      const modes: Mode[] = dialect === 'sqlite' ? ['worker', 'timer', 'auto'] : ['postgres'];
      for (const mode of modes) {
        const runs: Awaited<ReturnType<typeof oneRun>>[] = [];
        for (let r = 0; r < (mode === 'worker' || mode === 'postgres' ? RUNS : 1); r++) {
          runs.push(await oneRun(template, dir, mode, r));
        }
        const summaries = Object.fromEntries(Object.keys(COMMANDS).map((name) => [name, summarize(runs, name)]));
        if (mode === 'timer' || mode === 'auto') alternatives[mode] = summaries;
        else {
          byDialect[dialect] = summaries;
          const floors = runs.flatMap((run) => (run.floors ? [run.floors] : []));
          floorRows.push([
            sizeLabel(n),
            DIALECT_LABEL[dialect],
            ms(median(floors.map((f) => f.statement))),
            ms(median(floors.map((f) => f.commit))),
          ]);
        }
        if (mode === 'timer') blocking.push(...runs.flatMap((run) => run.checkpoints));
      }
      await dropDatabase(template.target);
    }
    for (const name of Object.keys(COMMANDS)) {
      const s = byDialect.sqlite[name]!;
      const p = byDialect.postgres[name]!;
      const errors = s.errors + p.errors;
      const budgetCell = (dialect: Dialect, x: Summary) => {
        const budget = BUDGET[dialect](n);
        return budget === undefined ? '—' : verdict(x.p99, budget);
      };
      rows.push([
        sizeLabel(n),
        name,
        `${s.calls} / ${p.calls}`,
        ms(s.p50),
        ms(s.p99),
        ms(s.max),
        budgetCell('sqlite', s),
        ms(p.p50),
        ms(p.p99),
        ms(p.max),
        budgetCell('postgres', p),
        ratio(p.p99 / s.p99),
        `${s.profile.statements.toFixed(0)} / ${s.profile.transactions.toFixed(0)}`,
        errors ? `${errors} errors: ${(s.firstError ?? p.firstError ?? '').slice(0, 60)}` : '',
      ]);
      const t = alternatives.timer[name]!;
      const a = alternatives.auto[name]!;
      checkpointRows.push([sizeLabel(n), name, ms(s.p99), ms(t.p99), ms(a.p99), ms(a.max), ratio(a.p99 / s.p99)]);
      if (n === 10_000) {
        atTenK[name] = s;
      }
      for (const dialect of DIALECTS) {
        const budget = BUDGET[dialect](n);
        if (budget !== undefined) verdicts.push(explain(n, name, dialect, byDialect[dialect][name]!, budget));
      }
    }
    blockingRows.push([
      sizeLabel(n),
      String(blocking.length),
      ms(quantile(blocking, 0.5)),
      ms(quantile(blocking, 0.99)),
      ms(Math.max(0, ...blocking)),
    ]);
  }
} finally {
  cleanup();
  await stopPostgres();
}

/** Met or missed, and why, from the latencies, the diagnostic block's counts and the database's floor. */
function explain(n: number, name: string, dialect: Dialect, x: Summary, budget: number): string {
  const { statements, transactions, dbMs } = x.profile;
  const work = `${statements.toFixed(0)} statements in ${transactions.toFixed(0)} transactions a call, ${ms(dbMs)} ms of it waiting on the database`;
  const head = `- ${sizeLabel(n)} ${DIALECT_LABEL[dialect]} ${name}: p99 ${ms(x.p99)} ms vs ≤ ${budget} ms`;
  if (x.p99 <= budget) return `${head}: **met** (p50 ${ms(x.p50)} ms; ${work}).`;
  const floors = floorRows.find((r) => r[0] === sizeLabel(n) && r[1] === DIALECT_LABEL[dialect]);
  let floorText = '';
  if (floors) {
    const statement = Number(floors[2]);
    const commit = Number(floors[3]);
    // Each transaction as one write transaction (BEGIN, a statement, a durable COMMIT), the rest as round trips.
    const estimate = transactions * commit + Math.max(0, statements - transactions) * statement;
    floorText = `; here one statement costs ${floors[2]} ms and one write transaction ${floors[3]} ms at p50, so this call's floor is ≈ ${ms(estimate)} ms when each of its transactions commits a write`;
  }
  if (x.p50 > budget) {
    return `${head}: **missed** (${(x.p99 / budget).toFixed(1)}×) — every call is over, p50 ${ms(x.p50)} ms: ${work}${floorText}.`;
  }
  return `${head}: **missed** (${(x.p99 / budget).toFixed(1)}×) — the tail only: p50 ${ms(x.p50)} ms is within, max ${ms(x.max)} ms (${work}${floorText}); the outliers are pauses outside the command's own work: GC, WAL flushes and the machine's other load (load average ${loadavg()[0]!.toFixed(2)} at the end).`;
}

console.log(
  table(
    `1. Command latency in the core, SQLite vs PostgreSQL (ms; skewed skills; medians of ${RUNS} runs; SQLite: WAL file, checkpoints in a worker thread; ${pgVersion}: embedded, loopback, fsync on, pool of 10; budgets p99: SQLite ≤ 1 ms at 10k, ≤ 2 ms at 100k; PostgreSQL ≤ 5 ms at 10k)`,
    [
      'members',
      'command',
      'calls/run SQLite / PG',
      'SQLite p50',
      'SQLite p99',
      'SQLite max',
      'SQLite budget',
      'PG p50',
      'PG p99',
      'PG max',
      'PG budget',
      'PG/SQLite p99',
      'statements / transactions a call (PG: + BEGIN, COMMIT each)',
      'note',
    ],
    rows,
  ),
);
console.log('Budgets met and missed:\n');
console.log(`${verdicts.join('\n')}\n`);
console.log(
  table(
    '1a. The floor under any command (p50 ms, measured between the runs): one statement (SELECT 1), one write transaction (BEGIN, a one-row UPDATE, COMMIT)',
    ['members', 'database', 'one statement', 'one write transaction'],
    floorRows,
  ),
);
console.log(
  table(
    '1b. SQLite checkpoint alternatives (p99 ms; one run each): checkpoints in a worker thread (shipping) vs a timer on the main thread vs SQLite automatic',
    ['members', 'command', 'p99 worker', 'p99 timer-ckpt', 'p99 auto-ckpt', 'max auto-ckpt', 'auto/worker p99'],
    checkpointRows,
  ),
);
console.log(
  table(
    '1c. Main-thread timer checkpoints (PASSIVE, every 1 s, between requests): time each held the event loop (ms); the worker thread holds it 0 ms',
    ['members', 'checkpoints', 'p50', 'p99', 'max'],
    blockingRows,
  ),
);
if (!sizes().includes(10_000)) {
  console.log('1d. Against round 1: not measured (10k is not among the sizes).\n');
} else if (!roundOne || roundOne.rows.size === 0) {
  console.log('1d. Against round 1: no round-1 figures found (pass --baseline=<checkout of round 1>).\n');
} else {
  const compare = Object.keys(COMMANDS).map((name) => {
    const old = roundOne.rows.get(name);
    const now = atTenK[name];
    return [
      name,
      ms(old?.p50 ?? Number.NaN),
      ms(old?.p99 ?? Number.NaN),
      ms(now?.p50 ?? Number.NaN),
      ms(now?.p99 ?? Number.NaN),
      ratio((now?.p50 ?? Number.NaN) / (old?.p50 ?? Number.NaN)),
      ratio((now?.p99 ?? Number.NaN) / (old?.p99 ?? Number.NaN)),
    ];
  });
  console.log(
    table(
      `1d. Round 2 (async Kysely storage) against round 1 (synchronous better-sqlite3 repositories) at 10k on SQLite, worker checkpoints (ms; ${roundOne.source})`,
      ['command', 'round 1 p50', 'round 1 p99', 'round 2 p50', 'round 2 p99', 'new/old p50', 'new/old p99'],
      compare,
    ),
  );
}
