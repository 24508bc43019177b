/**
 * One week's digest, prompt or round goes out once, whatever the settings do in between; and catching up is for an
 * occurrence the bot missed while it was down, never for one that passed before the community existed or before
 * its schedule said so.
 */
import { describe, expect, it } from 'vitest';
import { TestBot } from '../support/test-bot.ts';

// Monday 7 December 2026, 09:30 UTC.
const MONDAY = '2026-12-07T09:30:00Z';

/** The weekly-round DMs a member got so far. */
const rounds = (bot: TestBot, userId: string) =>
  bot.dmsTo(userId).filter((reply) => /^Your (match|trio) this week$/.test(reply.title ?? ''));

describe('scheduled jobs and their settings', () => {
  it('a manual run, then a new prompt time, then the scheduled time: one post that week', async () => {
    const bot = await TestBot.create({ start: '2026-12-06T12:00:00Z' });
    await bot.run('/hallway config feedback-channel:feedback prompt-day:monday prompt-time:09:00');
    bot.clock.set(MONDAY);
    await bot.run('/hallway run feedback-prompt');
    expect(bot.postsIn('feedback')).toHaveLength(1);
    await bot.run('/hallway config prompt-time:10:00');
    bot.clock.set('2026-12-07T10:05:00Z');
    await bot.tick();
    expect(bot.postsIn('feedback')).toHaveLength(1);
    // Next week's goes out as usual.
    bot.clock.set('2026-12-14T10:01:00Z');
    await bot.tick();
    expect(bot.postsIn('feedback')).toHaveLength(2);
  });

  it('a community that first appears after this week’s round gets no round until next week, yet a manager may run it', async () => {
    const bot = await TestBot.create({ start: MONDAY });
    await bot.run('/skills offer photography', { as: 'lucas' });
    await bot.run('/skills offer layout design', { as: 'emma' });
    await bot.run('/skills need photography', { as: 'emma' });
    await bot.run('/skills need layout design', { as: 'lucas' });
    bot.clearSent();
    bot.clock.set('2026-12-07T09:31:00Z');
    await bot.tick();
    expect(rounds(bot, 'emma')).toEqual([]);
    const ran = await bot.run('/hallway run match-round');
    expect(bot.text(ran)).toMatch(/match-round done/);
    expect(rounds(bot, 'emma')).toHaveLength(1);
    bot.clock.set('2026-12-14T09:00:00Z');
    await bot.tick();
    expect(rounds(bot, 'emma')).toHaveLength(2);
  });

  it('moving match-day to a day already past this week does not start a round at once', async () => {
    const bot = await TestBot.create({ start: '2026-12-01T08:00:00Z' });
    await bot.run('/skills offer photography', { as: 'lucas' });
    await bot.run('/skills need photography', { as: 'emma' });
    bot.clock.set('2026-12-09T12:00:00Z'); // Wednesday: Monday's round of this week ran at the next tick
    await bot.tick();
    const before = rounds(bot, 'emma').length;
    expect(before).toBe(1);
    await bot.run('/hallway config match-day:tuesday');
    bot.clock.set('2026-12-09T12:01:00Z');
    await bot.tick();
    expect(rounds(bot, 'emma')).toHaveLength(before);
    bot.clock.set('2026-12-15T09:00:00Z'); // next Tuesday 09:00
    await bot.tick();
    expect(rounds(bot, 'emma')).toHaveLength(before + 1);
  });
});
