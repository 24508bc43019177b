/**
 * Benchmark 1: command latency in the core. Platform-neutral events in, Reply out, through `createCore` with every
 * feature over a real SQLite file in WAL mode, at each community size. Each command runs in its own block, one
 * distinct member per call, with the event loop free between calls (as between network requests). Side by side:
 * SQLite's automatic checkpoints (on whichever commit crosses 1000 WAL pages) against checkpoints from a timer.
 */
import { join } from 'node:path';
import { skillLabel } from '../commands/skills/index.ts';
import type { InboundEvent } from '#core/inbound.ts';
import type { MatchMember } from '../commands/matching/store.ts';
import { numberOption, quick, sizeLabel, sizes, yieldToLoop } from './lib/args.ts';
import { actorOf, buildDatabase, type CheckpointMode, copyDatabase, openCore, tempDir } from './lib/core-harness.ts';
import { median, ms, quantile, ratio, table, verdict } from './lib/stats.ts';
import { syntheticVocabulary } from './synthetic-community.ts';

const RUNS = numberOption('runs', 3);
const CALLS = numberOption('calls', quick ? 300 : 400);
/** A slow command stops after this long per block, so one miss cannot stall the whole suite. */
const BLOCK_MS = numberOption('block-ms', 1_000);
const WARMUP_CALLS = 30;
const MEETUPS = 20;
/** The budgets: p99 ≤ 1 ms at 10k, ≤ 2 ms at 100k (none at 1k). */
const budget = (n: number) => (n >= 100_000 ? 2 : n >= 10_000 ? 1 : undefined);

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

interface Sample {
  readonly times: number[];
  readonly errors: number;
}

async function block(
  harness: ReturnType<typeof openCore>,
  members: MatchMember[],
  make: Make,
  offset: number,
  calls = CALLS,
) {
  const times: number[] = [];
  let errors = 0;
  const started = performance.now();
  for (let k = 0; k < calls && performance.now() - started < BLOCK_MS; k++) {
    const member = members[(offset + k * 7919) % members.length]!;
    const other = members[(offset + k * 104_729 + 1) % members.length]!;
    const event = make(k, member, other);
    await yieldToLoop();
    const start = performance.now();
    const reply = await harness.core.dispatch(event);
    times.push(performance.now() - start);
    if (!reply || /went wrong/.test(reply.text)) errors++;
  }
  return { times, errors };
}

async function oneRun(template: string, dir: string, members: MatchMember[], mode: CheckpointMode, run: number) {
  const harness = openCore(copyDatabase(template, join(dir, `run-${mode}-${run}.db`)), mode);
  const admin = actorOf(members[0]!, true);
  for (let i = 0; i < MEETUPS; i++) {
    const when = `"${new Date(Date.now() + (7 + i) * 86_400_000).toISOString().slice(0, 10)} 19:00"`;
    await harness.core.dispatch({
      kind: 'command',
      actor: admin,
      command: 'meetup',
      input: { kind: 'text', text: `create title:"Meetup ${i}" when:${when} capacity:40` },
    });
  }
  const results: Record<string, Sample> = {};
  let offset = run * 1_000 + { worker: 0, timer: 300, auto: 600 }[mode];
  for (const [name, make] of Object.entries(COMMANDS)) {
    await block(harness, members, make, offset + 50_000, WARMUP_CALLS); // warm-up with other members
    results[name] = await block(harness, members, make, offset);
    offset += 97;
  }
  const checkpoints = [...harness.checkpoints];
  harness.close();
  return { results, checkpoints };
}

const rows: string[][] = [];
const checkpointRows: string[][] = [];
const { dir, cleanup } = tempDir();
try {
  // JIT warm-up on a throwaway 1k community, so the first size measured is not the one that compiles everything.
  {
    const warm = join(dir, 'warm-up.db');
    const members = buildDatabase(warm, { members: 1_000, popularity: 'skewed' });
    await oneRun(warm, dir, members, 'worker', 99);
  }
  for (const n of sizes()) {
    const template = join(dir, `template-${n}-${rows.length}.db`);
    const members = buildDatabase(template, { members: n, popularity: 'skewed' });
    const byMode: Record<
      CheckpointMode,
      Record<string, { p50: number; p99: number; max: number; calls: number; errors: number }>
    > = {
      worker: {},
      timer: {},
      auto: {},
    };
    const blocking: number[] = [];
    for (const mode of ['worker', 'timer', 'auto'] as const) {
      // The shipping configuration gets every run; the two alternatives one run each, for the side-by-side columns.
      const runs = [];
      for (let r = 0; r < (mode === 'worker' ? RUNS : 1); r++) runs.push(await oneRun(template, dir, members, mode, r));
      for (const name of Object.keys(COMMANDS)) {
        const samples = runs.map((run) => run.results[name]!);
        byMode[mode][name] = {
          p50: median(samples.map((s) => quantile(s.times, 0.5))),
          p99: median(samples.map((s) => quantile(s.times, 0.99))),
          max: Math.max(...samples.map((s) => Math.max(...s.times))),
          calls: median(samples.map((s) => s.times.length)),
          errors: samples.reduce((a, s) => a + s.errors, 0),
        };
      }
      if (mode === 'timer') blocking.push(...runs.flatMap((run) => run.checkpoints));
    }
    for (const name of Object.keys(COMMANDS)) {
      const w = byMode.worker[name]!;
      const t = byMode.timer[name]!;
      const a = byMode.auto[name]!;
      const errors = w.errors + t.errors + a.errors;
      rows.push([
        sizeLabel(n),
        name,
        String(w.calls),
        ms(w.p50),
        ms(w.p99),
        ms(w.max),
        budget(n) === undefined ? '—' : verdict(w.p99, budget(n)!),
        ms(t.p99),
        ms(a.p99),
        ms(a.max),
        ratio(a.p99 / w.p99),
        errors ? `${errors} errors` : '',
      ]);
    }
    checkpointRows.push([
      sizeLabel(n),
      String(blocking.length),
      ms(quantile(blocking, 0.5)),
      ms(quantile(blocking, 0.99)),
      ms(Math.max(0, ...blocking)),
    ]);
  }
} finally {
  cleanup();
}
console.log(
  table(
    `1. Command latency in the core (ms; skewed skills; medians of ${RUNS} runs, 1 for the checkpoint alternatives; checkpoints in a worker thread unless named; budget p99 ≤ 1 ms at 10k, ≤ 2 ms at 100k)`,
    [
      'members',
      'command',
      'calls/run',
      'p50',
      'p99',
      'max',
      'budget',
      'p99 timer-ckpt',
      'p99 auto-ckpt',
      'max auto-ckpt',
      'auto/worker p99',
      'note',
    ],
    rows,
  ),
);
console.log(
  table(
    '1b. Main-thread timer checkpoints (PASSIVE, every 1 s, between requests): time each held the event loop (ms); the worker thread holds it 0 ms',
    ['members', 'checkpoints', 'p50', 'p99', 'max'],
    checkpointRows,
  ),
);
