/**
 * Issue 20 item 3: one member's flood does not fill the outbox: `/match` typed again and again does not resend the
 * same suggestions within the day.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { TestBot } from '../support/test-bot.ts';
import { loadLoft } from './matching-support.ts';

let bot: TestBot;

beforeEach(async () => {
  bot = await TestBot.create({ start: '2026-11-16T08:00:00Z' });
  await loadLoft(bot);
  bot.clearSent();
});

async function queuedFor(userId: string): Promise<number> {
  const items = await bot.repos.outbox.list(bot.community, 10_000);
  return items.filter((item) => item.target.kind === 'dm' && item.target.userIds.includes(userId)).length;
}

describe('one member flooding /match', () => {
  it('sends the same suggestions once a day, whatever the number of /match', async () => {
    await bot.run('/match', { as: 'emma' });
    const first = await queuedFor('emma');
    expect(first).toBeGreaterThan(0);
    for (let i = 0; i < 20; i++) await bot.run('/match', { as: 'emma' });
    expect(await queuedFor('emma')).toBe(first);
    // The next day they may come again.
    bot.clock.advance(24 * 3_600_000);
    await bot.run('/match', { as: 'emma' });
    expect(await queuedFor('emma')).toBe(2 * first);
  });
});
