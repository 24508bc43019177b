/** Lowering a meetup's capacity below the seats taken: nobody loses a seat, and the card never says "3/1 going". */
import { describe, expect, it } from 'vitest';
import { card, createdId, meetupBot } from './meetups-support.ts';

describe('meetups: fewer seats than members seated', () => {
  it('keeps everyone seated, says so, and shows the count as full rather than 3/1', async () => {
    const bot = await meetupBot('2026-11-16T08:00:00Z');
    const id = createdId(bot, await bot.run('/meetup create title:Crit when:"fri 19:00" capacity:5', { as: 'ana' }));
    for (const who of ['kim', 'leo', 'mia']) await bot.run(`/meetup rsvp ${id} going`, { as: who });
    const saved = await bot.run(`/meetup edit ${id} capacity:1`, { as: 'ana' });
    expect(bot.text(saved)).toContain('3 members already have a seat: nobody was moved to the waitlist.');
    const shown = bot.text(card(bot));
    expect(shown).toContain('3 going (1 seat: full)');
    expect(shown).not.toMatch(/3\/1 going/);
  });
});
