/**
 * A word shaped like `name:value` whose name is not an option is refused with a "did you mean", on every command,
 * as text (Slack, shell) and as typed options (Discord), and nothing is saved or sent.
 */
import { describe, expect, it } from 'vitest';
import { TestBot } from '../support/test-bot.ts';

describe('unknown options', () => {
  it('/hallway config aproval:on is refused with a suggestion, and saves nothing', async () => {
    const bot = await TestBot.create();
    const reply = await bot.run('/hallway config aproval:on');
    expect(bot.text(reply)).toMatch(/Unknown option `aproval` — did you mean `approval`\?/);
    const settings = (await bot.repos.communities.get(bot.community))?.settings ?? {};
    expect(settings).toEqual({});
  });

  it('/meetup create titel:… posts no meetup named after the typo', async () => {
    const bot = await TestBot.create();
    await bot.run('/hallway config meetup-channel:events');
    const reply = await bot.run('/meetup create titel:"Typo night" when:"fri 20:00"', { as: 'emma' });
    expect(bot.text(reply)).toMatch(/did you mean `title`/);
    expect(await bot.repos.meetups.listUpcoming(bot.community, bot.clock.now(), 10)).toEqual([]);
    expect(bot.postsIn('events')).toEqual([]);
  });

  it('every subcommand refuses an unknown name, as text and as typed options, and changes nothing', async () => {
    const bot = await TestBot.create();
    let checked = 0;
    for (const command of bot.core.catalog) {
      for (const sub of command.subcommands) {
        if (sub.name === 'help') continue;
        const before = await bot.repos.outbox.counts(bot.community);
        const text = await bot.run(`/${command.name} ${sub.name} zzbogus:1`, { as: 'host' });
        expect(bot.text(text), `/${command.name} ${sub.name}`).toMatch(/Unknown option `zzbogus`/);
        const typed = await bot.runOptions(command.name, sub.name || undefined, { zzbogus: '1' }, { as: 'host' });
        expect(bot.text(typed), `/${command.name} ${sub.name} (typed)`).toMatch(/Unknown option `zzbogus`/);
        expect(await bot.repos.outbox.counts(bot.community)).toEqual(before);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(20);
  });
});
