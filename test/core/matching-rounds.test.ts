/**
 * Twelve weekly rounds for a 40-member synthetic community on the real core (fake clock, in-memory SQLite): every
 * member taking part is in exactly one group each week, nobody is left out, no pair meets twice, avoided pairs are
 * never grouped and paused members sit out exactly while paused.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { syntheticCommunity } from '../../bench/synthetic-community.ts';
import { TestBot } from '../support/test-bot.ts';
import { button, lastRoundGroups, ROUND_TIME, WEEK_MS } from './matching-support.ts';

const AVOID: [string, string][] = [
  ['m01', 'm02'],
  ['m03', 'm04'],
  ['m05', 'm06'],
  ['m07', 'm01'],
];
/** m10 pauses for weeks 3-5 (auto-resume); m11 pauses from week 6 until it resumes at week 9. */
const pausedIn = (userId: string, week: number) =>
  (userId === 'm10' && week >= 3 && week < 6) || (userId === 'm11' && week >= 6 && week < 9);

const weeks: { groups: string[][]; expected: string[] }[] = [];
const dmsPerWeek: number[] = [];

beforeAll(async () => {
  const bot = await TestBot.create({ start: ROUND_TIME });
  const members = syntheticCommunity({ members: 40, seed: 42 });
  for (const m of members) {
    await bot.repos.members.touch(bot.community, m.userId, m.displayName, bot.clock.now());
    await bot.repos.profiles.addSkills(bot.community, m.userId, 'offer', m.offers, bot.clock.now());
    await bot.repos.profiles.addSkills(bot.community, m.userId, 'need', m.needs, bot.clock.now());
  }
  for (const [a, b] of AVOID) await bot.run(`/match avoid ${b}`, { as: a });
  for (let week = 0; week < 12; week++) {
    if (week === 3) await bot.run('/match pause until:"in 3 weeks"', { as: 'm10' });
    if (week === 6) await bot.run('/match pause', { as: 'm11' });
    if (week === 9) await bot.run('/match resume', { as: 'm11' });
    bot.clearSent();
    expect(await bot.runJob('match-round')).toBe('ran');
    const groups = await lastRoundGroups(bot);
    weeks.push({ groups, expected: members.map((m) => m.userId).filter((u) => !pausedIn(u, week)) });
    dmsPerWeek.push(bot.sent.length);
    // Everyone answers their round DM, so nobody is paused for silence.
    for (const userId of groups.flat())
      await bot.click(button(bot.dmsTo(userId)[0], "Can't this week"), { as: userId });
    bot.clock.advance(WEEK_MS);
  }
});

describe('twelve weekly rounds, 40 members', () => {
  it('places every member taking part exactly once each week: nobody left out, nobody twice', () => {
    expect(weeks).toHaveLength(12);
    for (const { groups, expected } of weeks) {
      expect(groups.flat().sort()).toEqual([...expected].sort());
      expect(groups.every((g) => g.length === 2 || g.length === 3)).toBe(true);
      expect(groups.filter((g) => g.length === 3).length).toBe(expected.length % 2);
    }
  });

  it('sends one DM per member per round', () => {
    weeks.forEach(({ expected }, i) => {
      expect(dmsPerWeek[i]).toBe(expected.length);
    });
  });

  it('never repeats a pair within the 12-week window', () => {
    const seen = new Set<string>();
    for (const { groups } of weeks) {
      for (const g of groups) {
        for (const a of g) {
          for (const b of g) {
            if (a >= b) continue;
            expect(seen.has(`${a}|${b}`)).toBe(false);
            seen.add(`${a}|${b}`);
          }
        }
      }
    }
  });

  it('never groups a member with someone they avoid (either way)', () => {
    for (const { groups } of weeks) {
      for (const [a, b] of AVOID) expect(groups.some((g) => g.includes(a) && g.includes(b))).toBe(false);
    }
  });

  it('keeps paused members out exactly while paused', () => {
    weeks.forEach(({ groups }, week) => {
      expect(groups.flat().includes('m10')).toBe(!pausedIn('m10', week));
      expect(groups.flat().includes('m11')).toBe(!pausedIn('m11', week));
    });
  });
});
