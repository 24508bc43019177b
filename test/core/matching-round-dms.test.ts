/**
 * The weekly round's DMs, byte for byte, against a recorded copy (test/fixtures/matching/round-dms.json): how a
 * round is planned, held and written may change (its memory, its batches), what members read may not. Two
 * communities: 61 synthetic members and the loft's seven (with their own terms) written 4 groups a batch, one
 * round; then the loft over eight weeks, so pairs meet again ("you last met …") and trios form. Both databases.
 * `UPDATE_GOLDEN=1` records the copy anew (only when the wording is meant to change).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { syntheticCommunity } from '../../bench/synthetic-community.ts';
import { introductionsFeature } from '../../commands/introductions/index.ts';
import { matchingFeature } from '../../commands/matching/index.ts';
import { roundJob } from '../../commands/matching/round.job.ts';
import type { Feature } from '#core/command.ts';
import { TestBot } from '../support/test-bot.ts';
import { loadLoft, ROUND_TIME, WEEK_MS } from './matching-support.ts';

const GOLDEN = fileURLToPath(new URL('../fixtures/matching/round-dms.json', import.meta.url));
const features = [
  introductionsFeature,
  { ...matchingFeature, jobs: [roundJob({ batchGroups: 4 })] },
] as unknown as Feature<never>[];

/** Every DM delivered so far, in a stable order (by member, then as sent). */
function dms(bot: TestBot): unknown[] {
  return bot.sent
    .filter((d) => d.kind === 'dm')
    .map((d, k) => ({ to: d.to, reply: d.reply, k }))
    .sort((x, y) => String(x.to).localeCompare(String(y.to)) || x.k - y.k)
    .map(({ to, reply }) => ({ to, reply }));
}

async function syntheticRound(): Promise<unknown[]> {
  const bot = await TestBot.create({ start: ROUND_TIME, features });
  await loadLoft(bot);
  for (const m of syntheticCommunity({ members: 61, seed: 3 })) {
    await bot.repos.members.touch(bot.community, m.userId, m.displayName, bot.clock.now());
    await bot.repos.profiles.addSkills(bot.community, m.userId, 'offer', m.offers, bot.clock.now());
    await bot.repos.profiles.addSkills(bot.community, m.userId, 'need', m.needs, bot.clock.now());
  }
  bot.clearSent();
  expect(await bot.runJob('match-round')).toBe('ran');
  return dms(bot);
}

/** The loft's rounds over eight weeks, nobody answering (so the silent are paused after three). */
async function loftWeeks(): Promise<unknown[][]> {
  const bot = await TestBot.create({ start: ROUND_TIME, features });
  await loadLoft(bot);
  const weeks: unknown[][] = [];
  for (let week = 0; week < 8; week++) {
    bot.clearSent();
    expect(await bot.runJob('match-round')).toBe('ran');
    weeks.push(dms(bot));
    if (week === 3) for (const m of ['emma', 'lucas', 'mia', 'raj', 'ana']) await bot.run('/match resume', { as: m });
    bot.clock.advance(WEEK_MS);
  }
  return weeks;
}

describe('the weekly round DMs', () => {
  it('are byte for byte the recorded ones', async () => {
    const actual = JSON.stringify({ synthetic: await syntheticRound(), loft: await loftWeeks() }, null, 1);
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(GOLDEN, `${actual}\n`);
    expect(actual).toBe(readFileSync(GOLDEN, 'utf8').trimEnd());
    // The copy covers what the wording varies on: trios, a pair meeting again, a member's own terms, silence.
    expect(actual).toMatch(/Your trio this week/);
    expect(actual).toMatch(/you last met \d+ weeks ago|you last met this week/);
    expect(actual).toMatch(/paused your weekly matches/);
  });
});
