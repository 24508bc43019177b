/**
 * The judges the property tests rely on must be able to fail: a crashing handler, a refusal that changed data, a
 * mass mention or a forged mention in rendered output are all caught.
 */
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { defineCommand, defineFeature, defineSubcommand } from '#core/command.ts';
import { UserError } from '#core/errors.ts';
import { fmt } from '#core/text.ts';
import { botWithDb } from './support/capture-db.ts';
import { discordTextProblems, mentionProblems, slackParsed, slackTextProblems } from './support/mentions.ts';
import { prober } from './support/probe.ts';

const none = z.object({});
const boom = defineFeature({
  name: 'boom',
  commands: [
    defineCommand({
      name: 'boom',
      description: 'Misbehaves on purpose',
      subcommands: {
        crash: defineSubcommand({ description: 'x', examples: [], args: none, run: async () => JSON.parse('{') }),
        refuse: defineSubcommand({
          description: 'x',
          examples: [],
          args: none,
          async run(_args, ctx) {
            await ctx.core.members.touch(ctx.community.id, 'written-then-refused', 'W', ctx.now);
            throw new UserError('not_allowed', 'No.');
          },
        }),
        ok: defineSubcommand({
          description: 'x',
          examples: [],
          args: none,
          run: async () => ({ text: `hi ${fmt.user('U0REAL')}` }),
        }),
      },
    }),
  ],
});

describe('the probe', () => {
  it('flags a crash and the apology it produces', async () => {
    const { bot, db } = await botWithDb({ features: [boom] });
    const verdict = await prober(bot, db).probe('crash', async () => await bot.run('/boom crash'));
    expect(verdict.problems.join('\n')).toMatch(/crash: SyntaxError/);
    expect(verdict.problems.join('\n')).toMatch(/apology/);
  });

  it('accepts a refusal that rolled back, and flags one that left a change behind', async () => {
    const { bot, db } = await botWithDb({ features: [boom] });
    const p = prober(bot, db);
    const clean = await p.probe('refuse', async () => await bot.run('/boom refuse'));
    expect(clean).toMatchObject({ rejected: true, problems: [] });
    const dirty = await p.probe('refuse', async () => {
      const reply = await bot.run('/boom refuse');
      await bot.repos.members.touch(bot.community, 'sneaked-in', 'S', bot.clock.now());
      return reply;
    });
    expect(dirty.problems).toEqual(['refuse: rejected, yet the database changed: member_active_weeks, members']);
  });

  it('passes a reply whose only mention is a core token', async () => {
    const { bot, db } = await botWithDb({ community: 'slack:T1', features: [boom] });
    expect((await prober(bot, db).probe('ok', async () => await bot.run('/boom ok'))).problems).toEqual([]);
    expect(mentionProblems({ text: 'member wrote <!channel> @everyone <@U0FORGED>' })).toEqual([]);
  });

  it('catches mass and forged mentions in rendered output', () => {
    const users = new Set(['U0REAL']);
    expect(slackTextProblems('hi <!channel> and <!here|here>', users, new Set())).toEqual([
      'slack <!channel>',
      'slack <!here|here>',
    ]);
    expect(slackTextProblems('<@U0FORGED> <@U0REAL> <!date^1^{time}|x>', users, new Set())).toEqual([
      'slack forged <@U0FORGED>',
    ]);
    expect(
      slackParsed({
        blocks: [
          { type: 'header', text: { type: 'plain_text', text: '<!channel>' } },
          { type: 'section', text: { type: 'mrkdwn', text: 'x' } },
        ],
      }),
    ).toEqual(['x']);
    const ids = new Set(['123456789012345678']);
    expect(discordTextProblems('@everyone <@&1> <@99999999999999999> <@123456789012345678>', ids, new Set())).toEqual([
      'discord raw @everyone',
      'discord role mention',
      'discord forged <@99999999999999999>',
    ]);
    expect(discordTextProblems('@\u200Beveryone \\\\<@&1> https://example.org/@everyone', ids, new Set())).toEqual([]);
  });
});
