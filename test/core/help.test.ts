/**
 * `/hallway help` fits one screen: one line per command, its subcommands by name, one example that works as typed;
 * `/<command> help` has the detail, each description said once.
 */
import { describe, expect, it } from 'vitest';
import { TestBot } from '../support/test-bot.ts';

describe('/hallway help', () => {
  it('fits one screen for a manager: a line per command naming every subcommand, with one example', async () => {
    const bot = await TestBot.create();
    const reply = await bot.run('/hallway help', { as: 'host' });
    const text = bot.text(reply);
    // One screen: the title, two short lines, then one line per command (about 25 visible lines at most).
    expect(text.split('\n').length).toBe(bot.core.catalog.length + 3);
    expect(text.split('\n').length).toBeLessThanOrEqual(20);
    expect(text.length).toBeLessThanOrEqual(2600);
    const lines = text.split('\n').filter((line) => line.startsWith('• '));
    expect(lines).toHaveLength(bot.core.catalog.length);
    for (const [i, command] of bot.core.catalog.entries()) {
      const line = lines[i]!;
      expect(line).toContain(`/${command.name}`);
      expect(line).toContain(command.description);
      for (const sub of command.subcommands) if (sub.name) expect(line).toContain(sub.name);
      expect(line).toMatch(new RegExp(`e\\.g\\. \`?/${command.name}\\b`));
    }
    expect(text).toContain('/meetup help');
  });

  it('every example it shows works as typed (no usage error)', async () => {
    const bot = await TestBot.create({ start: '2026-11-16T08:00:00Z' });
    await bot.run('/hallway config meetup-channel:events');
    await bot.run('/skills offer illustration', { as: 'lucas' }); // the member the examples name
    const reply = await bot.run('/hallway help', { as: 'host' });
    const bullets = bot
      .text(reply)
      .split('\n')
      .filter((line) => line.startsWith('• '));
    const examples = bullets.map((line) => /e\.g\. (\/.+)$/.exec(line)![1]!);
    expect(examples.length).toBe(bot.core.catalog.length);
    for (const example of examples) {
      if (example.startsWith('/hallway help')) continue;
      const answer = bot.text(await bot.run(example, { as: 'host' }));
      expect(answer, example).not.toMatch(/Usage:|I don't know|has no `/);
    }
  });
});

describe('/<command> help', () => {
  it('gives each subcommand its usage, description and example, each description once', async () => {
    const bot = await TestBot.create();
    for (const command of bot.core.catalog.filter((c) => c.name !== 'hallway')) {
      const text = bot.text(await bot.run(`/${command.name} help`, { as: 'host' }));
      const count = (s: string) => text.split(s).length - 1;
      expect(count(command.description), command.name).toBe(1);
      for (const sub of command.subcommands) {
        expect(count(sub.description), `${command.name} ${sub.name}`).toBe(1);
        if (sub.examples[0] !== undefined) expect(text).toContain('e.g.');
      }
    }
  });
});
