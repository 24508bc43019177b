/**
 * A weekly round written in batches, with the process dying in the middle of the write: the period stays running
 * while its lease holds (no second writer), then the next process takes it over and writes the rest. Everyone
 * taking part ends up in exactly one group and gets exactly one DM. Fake clock, both databases.
 */
import { describe, expect, it } from 'vitest';
import { syntheticCommunity } from '../../bench/synthetic-community.ts';
import { introductionsFeature } from '../../commands/introductions/index.ts';
import { matchingFeature } from '../../commands/matching/index.ts';
import { roundJob } from '../../commands/matching/round.job.ts';
import type { Feature } from '#core/command.ts';
import { JOB_LEASE_MS } from '#core/jobs.ts';
import type { CoreStores, Storage } from '#core/ports/storage.ts';
import { TestBot } from '../support/test-bot.ts';
import { lastRoundGroups, ROUND_TIME } from './matching-support.ts';

const MEMBERS = 41;
/** 41 members: 19 pairs and a trio, written 3 groups a batch (7 batches). */
const BATCH_GROUPS = 3;

const features = [
  introductionsFeature,
  { ...matchingFeature, jobs: [roundJob({ batchGroups: BATCH_GROUPS })] },
] as unknown as Feature<never>[];

/**
 * `storage` as a process that dies once `batches` batches of a job have begun: the next transaction it starts never
 * begins, nor ends (nothing after it runs, nothing is released), like a process killed between two batches.
 */
function dyingAfter(storage: Storage, batches: number): Storage {
  let begun = 0;
  const counted = (core: CoreStores): CoreStores => ({
    ...core,
    jobRuns: {
      ...core.jobRuns,
      claimRunning: (...args) => {
        begun++;
        return core.jobRuns.claimRunning(...args);
      },
      renew: (...args) => {
        begun++;
        return core.jobRuns.renew(...args);
      },
    },
  });
  return {
    ...storage,
    core: (tx) => counted(storage.core(tx)),
    transaction: (fn) => (begun >= batches ? new Promise(() => {}) : storage.transaction(fn)),
  };
}

async function seeded(): Promise<TestBot> {
  const bot = await TestBot.create({ start: ROUND_TIME, features });
  for (const m of syntheticCommunity({ members: MEMBERS, seed: 7 })) {
    await bot.repos.members.touch(bot.community, m.userId, m.displayName, bot.clock.now());
    await bot.repos.profiles.addSkills(bot.community, m.userId, 'offer', m.offers, bot.clock.now());
    await bot.repos.profiles.addSkills(bot.community, m.userId, 'need', m.needs, bot.clock.now());
  }
  return bot;
}

/** A fresh process on the same database, `ms` after the round was due. */
async function restarted(storage: Storage, ms: number): Promise<TestBot> {
  return TestBot.create({ storage, start: new Date(Date.parse(ROUND_TIME) + ms), features });
}

/** The round DMs a member was sent, by any of these processes. */
const roundDms = (bots: readonly TestBot[], userId: string) =>
  bots.flatMap((bot) => bot.dmsTo(userId)).filter((r) => /^Your (match|trio) this week$/.test(r.title ?? ''));

describe('a round written in batches, after a crash in the middle of the write', () => {
  it('is resumed once its lease runs out: everyone paired once, told once', async () => {
    const bot = await seeded();
    const dying = await TestBot.create({ storage: dyingAfter(bot.storage, 3), start: ROUND_TIME, features });
    // Never settles: the process "dies" after its third batch committed.
    void dying.runJob('match-round');
    await expect.poll(async () => (await lastRoundGroups(bot)).length).toBe(3 * BATCH_GROUPS);
    // The period as the job names it (the round's first batch recorded it).
    const period = (await bot.repos.matching.lastRound(bot.community))?.period ?? 'no round';
    expect(await bot.repos.jobRuns.state('match-round', bot.community, period, bot.clock.now())).toBe('held');

    // Within the lease nobody else writes the period.
    const early = await restarted(bot.storage, 60_000);
    expect(await early.runJob('match-round')).toBe('running');
    expect(await lastRoundGroups(bot)).toHaveLength(3 * BATCH_GROUPS);

    // Once it ran out, the next process takes the period over and writes the rest.
    const later = await restarted(bot.storage, JOB_LEASE_MS + 60_000);
    expect(await later.runJob('match-round')).toBe('ran');
    expect(await later.runJob('match-round')).toBe('already-ran');

    const groups = await lastRoundGroups(bot);
    const paired = groups.flat().sort();
    expect(paired).toHaveLength(MEMBERS);
    expect(new Set(paired).size).toBe(MEMBERS);
    expect(groups.every((g) => g.length === 2 || g.length === 3)).toBe(true);
    // Every DM went out once: the dead process's batches' (sent by the next process up) and the resumed ones'.
    for (const userId of paired) expect(roundDms([early, later], userId), userId).toHaveLength(1);
    const round = await bot.repos.matching.roundFor(bot.community, period);
    expect(round?.members).toBe(MEMBERS);
    expect(await bot.repos.jobRuns.state('match-round', bot.community, period, later.clock.now())).toBe('done');
  });

  it('without a crash, writes every batch and marks the period done', async () => {
    const bot = await seeded();
    expect(await bot.runJob('match-round')).toBe('ran');
    const groups = await lastRoundGroups(bot);
    expect(groups.flat()).toHaveLength(MEMBERS);
    for (const userId of groups.flat()) expect(roundDms([bot], userId)).toHaveLength(1);
    expect(await bot.runJob('match-round')).toBe('already-ran');
  });
});
