/**
 * Issue 20 item 3: one member's flood does not fill the outbox. `/match` typed again and again neither resends the
 * same suggestions within the day nor queues more than the per-member budget a minute (a friendly "slow down",
 * nothing queued), and a newcomer's welcome is not stuck behind it.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { MEMBER_SENDS_PER_MINUTE } from '#core/send-budget.ts';
import { TestBot } from '../support/test-bot.ts';
import { loadLoft } from './matching-support.ts';
import { createdId, meetupBot } from './meetups-support.ts';

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

describe('one member flooding RSVP toggles', () => {
  it('refuses with "slow down" past the per-minute budget, changing nothing, while others go on', async () => {
    const meetups = await meetupBot('2026-11-16T08:00:00Z');
    const created = await meetups.run('/meetup create title:"Zine night" when:"fri 19:00" where:"Print shop"', {
      as: 'ana',
    });
    const id = createdId(meetups, created);
    const toggle = (user: string, status: 'going' | 'no') =>
      meetups.click({ action: 'meetup.rsvp', value: `${id}:${status}` }, { as: user });
    const before = (await meetups.repos.outbox.counts(meetups.community)).pending;
    let refusedAt: number | undefined;
    for (let i = 0; i < 200 && refusedAt === undefined; i++) {
      const reply = await toggle('kim', i % 2 === 0 ? 'going' : 'no');
      if (/going a little fast/.test(meetups.text(reply))) refusedAt = i;
    }
    expect(refusedAt).toBeDefined();
    const queued = (await meetups.repos.outbox.counts(meetups.community)).pending - before;
    // What was queued before the refusal stays within the budget (the card edits among it coalesce further).
    expect(queued).toBeLessThanOrEqual(MEMBER_SENDS_PER_MINUTE);
    // Someone else is not slowed down by kim's flood, and kim may go on after a minute.
    expect(meetups.text(await toggle('lee', 'going'))).toContain("You're going");
    meetups.clock.advance(61_000);
    expect(meetups.text(await toggle('kim', 'going'))).not.toMatch(/going a little fast/);
  });
});
