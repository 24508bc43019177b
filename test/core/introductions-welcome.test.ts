/** The welcome DM, the one reminder, and cards that wait for an intro channel. */
import { beforeEach, describe, expect, it } from 'vitest';
import { TestBot } from '../support/test-bot.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const ABOUT = { role: 'Sound designer', working_on: 'A radio play', offers: 'mixing', needs: '', links: '' };

let bot: TestBot;

beforeEach(async () => {
  bot = await TestBot.create();
  await bot.repos.communities.ensure(bot.community, bot.clock.now());
});

/** Runs the reminders job `hours` times, an hour apart. */
async function hourly(hours: number) {
  for (let i = 0; i < hours; i++) {
    bot.clock.advance(HOUR);
    await bot.runJob('intro-reminders');
  }
}

describe('welcome and reminder', () => {
  it('welcomes a newcomer once, even when the join is delivered twice', async () => {
    await bot.join('ana');
    await bot.join('ana');
    expect(bot.dmsTo('ana')).toHaveLength(1);
    expect(bot.dmsTo('ana')[0]!.buttons?.[0]).toMatchObject({ action: 'intro.open', value: 'about' });
  });

  it('reminds once after intro-reminder-days, never more', async () => {
    await bot.repos.communities.saveSettings(bot.community, { 'intro-reminder-days': 2 });
    await bot.join('ana');
    await hourly(47);
    expect(bot.dmsTo('ana')).toHaveLength(1);
    await hourly(2);
    expect(bot.dmsTo('ana')).toHaveLength(2);
    expect(bot.text(bot.dmsTo('ana')[1])).toMatch(/my only reminder/);
    await hourly(24 * 10);
    expect(bot.dmsTo('ana')).toHaveLength(2);
  });

  it('does not remind members who introduced themselves or left', async () => {
    await bot.join('ana');
    await bot.join('bob');
    await bot.submit('intro.about', ABOUT, { as: 'ana' });
    await bot.leave('bob');
    bot.clearSent();
    bot.clock.advance(10 * DAY);
    await bot.runJob('intro-reminders');
    expect(bot.sent.filter((d) => d.kind === 'dm' && /reminder/.test(d.reply.text))).toEqual([]);
  });
});

describe('no intro channel', () => {
  it('tells the member and the managers, then posts the card once the channel is set', async () => {
    await bot.run('/skills', { as: 'host' }); // a manager Hallway has seen
    const reply = await bot.submit('intro.about', ABOUT, { as: 'ana' });
    expect(bot.text(reply)).toMatch(
      /posted as soon as a manager sets the intro channel \(\/hallway config intro-channel:#intros\)/,
    );
    expect(bot.text(bot.dmsTo('host')[0])).toMatch(/no intro channel/);

    await bot.repos.communities.saveSettings(bot.community, { 'intro-channel': 'intros' });
    await hourly(1);
    expect(bot.postsIn('intros')).toHaveLength(1);
    await hourly(1);
    expect(bot.postsIn('intros')).toHaveLength(1);
  });
});
