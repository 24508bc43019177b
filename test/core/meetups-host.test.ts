import { describe, expect, it } from 'vitest';
import { TestBot } from '../support/test-bot.ts';

describe('/meetup create host:', () => {
  it('names only members Hallway knows here, so a meetup cannot be used to ping anyone at will', async () => {
    const bot = await TestBot.create({ start: '2026-11-16T08:00:00Z' });
    await bot.run('/hallway config meetup-channel:events');
    const stranger = await bot.run('/meetup create title:Zines when:"fri 19:00" host:<@U0STRANGER1>', { as: 'mia' });
    expect(bot.text(stranger)).toMatch(/only name a host who is a member here/);
    expect(bot.postsIn('events')).toHaveLength(0);
    await bot.run('/skills offer printmaking', { as: 'ana' });
    const known = await bot.run('/meetup create title:Zines when:"fri 19:00" host:@ana', { as: 'mia' });
    expect(bot.text(known)).toMatch(/Fri 20 Nov 2026, 19:00/);
    expect(bot.postsIn('events')).toHaveLength(1);
  });
});
