import { beforeEach, describe, expect, it } from 'vitest';
import {
  type BoundFeature,
  bindStore,
  type Community,
  defineFeature,
  defineJob,
  type JobContext,
  type JobDef,
} from '#core/command.ts';
import { type JobDeps, runDueJobs, runJob } from '#core/jobs.ts';
import type { Logger } from '#core/ports/logger.ts';
import { weeklyPeriod } from '#core/schedule.ts';
import { parseSettings } from '#core/settings.ts';
import { openTestStorage } from '../support/databases.ts';
import { FakeClock } from '../support/fake-clock.ts';
import { type TestRepos, testRepos } from '../support/test-bot.ts';

const SEEN = { createdAt: new Date(0), settingsChanged: {} };
const LOFT: Community = { id: 'shell:loft', settings: parseSettings({}, {}), timezone: 'Europe/Paris', ...SEEN };
const STUDIO: Community = { id: 'shell:studio', settings: parseSettings({}, {}), timezone: 'UTC', ...SEEN };

/** A logger that keeps error lines, to check failures are logged. */
function recordingLogger(errors: string[]): Logger {
  const log: Logger = {
    debug: () => {},
    info: () => {},
    warn: () => {},
    error: (_fields, message) => void errors.push(message ?? ''),
    child: () => log,
  };
  return log;
}

let clock: FakeClock;
let deps: JobDeps;
let repos: TestRepos;
let errors: string[];
beforeEach(async () => {
  // Tuesday 17 Nov 2026, 10:00 in Paris: Monday's 09:00 round is the current period.
  clock = new FakeClock('2026-11-17T09:00:00Z');
  const storage = await openTestStorage();
  repos = testRepos(storage);
  errors = [];
  deps = { storage, clock, log: recordingLogger(errors), settings: {}, defaultTimezone: 'UTC' };
});

/** A feature with these jobs and no store of its own. */
const featureOf = (...jobs: JobDef[]): BoundFeature =>
  bindStore(defineFeature({ name: 'test', jobs }), () => undefined);

/** Runs `job` (of a feature of its own) as the scheduler would. */
const run = (job: JobDef, community: Community = LOFT, options?: { period?: string }) =>
  runJob(featureOf(job), job, community, deps, options);

/** The weekly digest: DMs each recipient once per period. */
function digestJob(calls: JobContext[], options: { fail?: () => boolean; recipients?: string[] } = {}): JobDef {
  return defineJob({
    name: 'digest',
    description: 'test digest',
    period: (now, community) => weeklyPeriod(now, community.timezone, 'monday', '09:00'),
    async run(ctx) {
      calls.push(ctx);
      for (const userId of options.recipients ?? ['mia']) {
        ctx.notify.dm(ctx.community.id, userId, { text: 'your digest' }, { key: `digest:${ctx.period}:${userId}` });
      }
      if (options.fail?.()) throw new Error('digest broke');
    },
  });
}

const outboxCount = async (community = LOFT) => (await repos.outbox.list(community.id)).length;

describe('runJob', () => {
  it('runs a period once: a second run of the same period does nothing', async () => {
    const calls: JobContext[] = [];
    const job = digestJob(calls);
    expect(await run(job)).toBe('ran');
    expect(await run(job)).toBe('already-ran');
    expect(calls.map((c) => c.period)).toEqual(['2026-11-16T09:00']);
    expect(await outboxCount()).toBe(1);
    clock.set('2026-11-23T08:00:00Z'); // next Monday 09:00 Paris
    expect(await run(job)).toBe('ran');
    expect(calls.map((c) => c.period)).toEqual(['2026-11-16T09:00', '2026-11-23T09:00']);
  });

  it('claims per community', async () => {
    const calls: JobContext[] = [];
    const job = digestJob(calls);
    expect(await run(job)).toBe('ran');
    expect(await run(job, STUDIO)).toBe('ran');
    expect(calls.map((c) => c.community.id)).toEqual([LOFT.id, STUDIO.id]);
  });

  it('leaves no claim and no message behind when run throws, so the next tick runs it again', async () => {
    const calls: JobContext[] = [];
    let failing = true;
    const job = digestJob(calls, { fail: () => failing, recipients: ['mia', 'lucas'] });
    await expect(run(job)).rejects.toThrow('digest broke');
    expect(errors).toHaveLength(1);
    expect(await outboxCount()).toBe(0);
    expect(await repos.jobRuns.lastPeriod('digest', LOFT.id)).toBeUndefined();
    failing = false;
    expect(await run(job)).toBe('ran');
    expect(await outboxCount()).toBe(2);
  });

  it('lets only one of two concurrent runs of a period through', async () => {
    const calls: JobContext[] = [];
    const entered: (() => void)[] = [];
    let prepared = 0;
    const job = defineJob({
      ...digestJob(calls),
      // Both callers get past the cheap check and into prepare before either claims.
      prepare: () =>
        new Promise<string>((resolve) => {
          prepared++;
          entered.push(() => resolve('plan'));
          if (entered.length === 2) for (const go of entered) go();
        }),
    });
    const results = await Promise.all([run(job), run(job)]);
    expect(prepared).toBe(2);
    expect(results.sort()).toEqual(['already-ran', 'ran']);
    expect(calls).toHaveLength(1);
    expect(await outboxCount()).toBe(1);
  });

  it('hands the prepared plan to run, and skips prepare once the period is claimed', async () => {
    const plans: unknown[] = [];
    let prepared = 0;
    const job = defineJob<unknown, { pairs: number }>({
      name: 'match-round',
      description: 'test round',
      period: (now, c) => weeklyPeriod(now, c.timezone, 'monday', '09:00'),
      prepare: async () => {
        prepared++;
        return { pairs: 3 };
      },
      run: async (_ctx, plan) => void plans.push(plan),
    });
    expect(await run(job)).toBe('ran');
    expect(await run(job)).toBe('already-ran');
    expect(plans).toEqual([{ pairs: 3 }]);
    expect(prepared).toBe(1);
  });

  it('claims nothing when prepare fails', async () => {
    const job = defineJob({
      ...digestJob([]),
      prepare: async () => {
        throw new Error('worker died');
      },
    });
    await expect(run(job)).rejects.toThrow('worker died');
    expect(await repos.jobRuns.lastPeriod('digest', LOFT.id)).toBeUndefined();
  });

  it('is not due when the job names no period, and takes an explicit period (/hallway run)', async () => {
    const calls: JobContext[] = [];
    const job = defineJob({ ...digestJob(calls), period: () => undefined });
    expect(await run(job)).toBe('not-due');
    expect(await run(job, LOFT, { period: 'manual-1' })).toBe('ran');
    expect(await run(job, LOFT, { period: 'manual-1' })).toBe('already-ran');
    expect(calls.map((c) => c.period)).toEqual(['manual-1']);
  });
});

describe('runDueJobs', () => {
  it('catches up a period missed while down, once, and keeps going past a failing job', async () => {
    const digests: JobContext[] = [];
    const broken = defineJob({
      name: 'feedback-prompt',
      description: 'always fails',
      period: (now, c) => weeklyPeriod(now, c.timezone, 'monday', '09:00'),
      run: async () => {
        throw new Error('nope');
      },
    });
    const features = [featureOf(broken, digestJob(digests))];
    // The bot was down on Monday morning; it starts on Tuesday.
    const first = await runDueJobs(features, [LOFT, STUDIO], deps);
    expect(first).toEqual([
      { job: 'feedback-prompt', community: LOFT.id, result: 'failed' },
      { job: 'digest', community: LOFT.id, result: 'ran' },
      { job: 'feedback-prompt', community: STUDIO.id, result: 'failed' },
      { job: 'digest', community: STUDIO.id, result: 'ran' },
    ]);
    clock.advance(60_000);
    const second = await runDueJobs(features, [LOFT, STUDIO], deps);
    expect(second.filter((o) => o.job === 'digest').map((o) => o.result)).toEqual(['already-ran', 'already-ran']);
    expect(digests.map((c) => c.period)).toEqual(['2026-11-16T09:00', '2026-11-16T09:00']);
    expect(errors).toHaveLength(4);
  });
});

describe('runJob with batches', () => {
  /** Writes `items` DMs, `per` a batch; `prepare` plans only those not yet sent (what a resumed run must do). */
  function batchedJob(sent: string[][], options: { items: string[]; per: number; failAt?: () => number }) {
    let prepared = 0;
    const job = defineJob<unknown, string[]>({
      name: 'fanout',
      description: 'test batches',
      period: (now, c) => weeklyPeriod(now, c.timezone, 'monday', '09:00'),
      prepare: async () => {
        prepared++;
        const done = new Set(sent.flat());
        return options.items.filter((i) => !done.has(i));
      },
      async run(ctx, plan) {
        const { index } = ctx.batch!;
        if (index === options.failAt?.()) throw new Error('batch broke');
        const slice = plan.slice(index * options.per, (index + 1) * options.per);
        for (const item of slice) ctx.notify.dm(ctx.community.id, item, { text: 'hi' }, { key: `fanout:${item}` });
        // Recorded as committed only if the unit commits (the outbox is the truth; this mirrors it for `prepare`).
        ctx.notify.dm(ctx.community.id, 'log', { text: slice.join(',') }, { key: `log:${slice.join(',')}` });
        sent.push(slice);
      },
      batches: (plan) => Math.ceil(plan.length / options.per),
    });
    return { job, prepared: () => prepared };
  }

  it('writes each batch in its own transaction and marks the period done with the last', async () => {
    const sent: string[][] = [];
    const { job } = batchedJob(sent, { items: ['a', 'b', 'c', 'd', 'e'], per: 2 });
    expect(await run(job)).toBe('ran');
    expect(sent).toEqual([['a', 'b'], ['c', 'd'], ['e']]);
    expect(await repos.jobRuns.state('fanout', LOFT.id, '2026-11-16T09:00', clock.now())).toBe('done');
    expect(await run(job)).toBe('already-ran');
  });

  it('after a failed batch, keeps what committed and resumes the rest at the next tick', async () => {
    const sent: string[][] = [];
    let failAt = 1;
    const { job, prepared } = batchedJob(sent, { items: ['a', 'b', 'c', 'd', 'e'], per: 2, failAt: () => failAt });
    await expect(run(job)).rejects.toThrow('batch broke');
    expect(await repos.jobRuns.state('fanout', LOFT.id, '2026-11-16T09:00', clock.now())).toBe('stalled');
    expect(await outboxCount()).toBe(3); // a, b and their log line
    failAt = -1;
    expect(await run(job)).toBe('ran');
    expect(prepared()).toBe(2);
    expect(sent).toEqual([['a', 'b'], ['c', 'd'], ['e']]);
    expect(await outboxCount()).toBe(5 + 3);
  });

  it('lets one of two concurrent runs write the period; the other finds it running or done', async () => {
    const sent: string[][] = [];
    const { job } = batchedJob(sent, { items: ['a', 'b', 'c', 'd'], per: 1 });
    const results = await Promise.all([run(job), run(job)]);
    expect(results).toContain('ran');
    expect(results.filter((r) => r === 'ran')).toHaveLength(1);
    expect(await outboxCount()).toBe(8);
  });
});
