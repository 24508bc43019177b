import { describe, expect, it } from 'vitest';
import { TestBot } from '../support/test-bot.ts';

describe('/hallway stats', () => {
  it('counts every feature for managers, counts only', async () => {
    const bot = await TestBot.create({ start: '2026-11-16T08:00:00Z', timezone: 'Europe/Paris' });
    await bot.run('/hallway config meetup-channel:events feedback-channel:feedback');
    await bot.run('/skills offer photography, layout design', { as: 'lucas' });
    await bot.run('/skills need photography', { as: 'emma' });
    await bot.run('/skills offer layout design', { as: 'emma' });
    const made = await bot.run('/meetup create title:Zines when:"tue 19:00"', { as: 'ana' });
    expect(bot.text(made)).toContain('Tue 17 Nov 2026, 19:00');
    const id = (await bot.repos.meetups.listUpcoming(bot.community, bot.clock.now(), 10))[0]!.id;
    await bot.run(`/meetup rsvp ${id} going`, { as: 'emma' });
    await bot.run(`/meetup rsvp ${id} going`, { as: 'lucas' });
    await bot.run('/feedback request about:"Zine layout" skills:layout', { as: 'mia' });
    bot.clock.set('2026-11-18T08:00:00Z');
    const stats = bot.text(await bot.run('/hallway stats'));
    expect(stats).toContain('Skills offered / needed: 2 / 1');
    expect(stats).toContain('Meetups held / upcoming: 1 / 0');
    expect(stats).toContain('Seats taken at held meetups: 2');
    expect(stats).toContain('Feedback requests (open): 1 (1)');
    expect(stats).toContain('Helpfulness: no ratings yet');
    expect(stats).not.toMatch(/emma|lucas|mia/i);
    expect(bot.text(await bot.run('/hallway stats', { as: 'emma' }))).toMatch(/Only community managers/);
  });
});
