import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createAdminFeature } from '../../commands/admin/index.ts';
import { defineAction, defineCommand, defineFeature, defineJob, defineSubcommand } from '#core/command.ts';
import { UserError } from '#core/errors.ts';
import { opt } from '#core/options.ts';
import { TestBot } from '../support/test-bot.ts';

/** A tiny feature that writes, then maybe fails, so we can see what dispatch keeps. */
const probe = defineFeature({
  name: 'probe',
  commands: [
    defineCommand({
      name: 'probe',
      description: 'Test command',
      default: 'echo',
      subcommands: {
        echo: defineSubcommand({
          description: 'Echo',
          examples: ['echo hello'],
          args: z.object({
            words: opt.string('Words', { max: 20 }).optional(),
            times: opt.integer('Times', { min: 1, max: 3 }).optional(),
          }),
          run: async ({ words, times }) => ({ text: `${words ?? ''}×${times ?? 1}` }),
        }),
        crash: defineSubcommand({
          description: 'Write then crash',
          examples: [],
          args: z.object({}),
          async run(_a, ctx) {
            await ctx.core.communities.saveSettings(ctx.community.id, { timezone: 'Europe/Paris' });
            ctx.notify.dm(ctx.community.id, 'mia', { text: 'should never arrive' });
            throw new Error('boom: internal details');
          },
        }),
        refuse: defineSubcommand({
          description: 'Write then refuse',
          examples: [],
          args: z.object({}),
          async run(_a, ctx) {
            ctx.notify.dm(ctx.community.id, 'mia', { text: 'should never arrive' });
            throw new UserError('conflict', 'Not like that.');
          },
        }),
        who: defineSubcommand({
          description: 'Who',
          examples: [],
          args: z.object({ member: opt.user('Member') }),
          run: async ({ member }) => ({ text: `member=${member}` }),
        }),
      },
    }),
  ],
  actions: [
    defineAction({ id: 'probe.press', value: z.string().regex(/^\d+$/), run: async (v) => ({ text: `pressed ${v}` }) }),
  ],
  // The admin feature (for `/hallway config`) offers the other features' jobs, and needs one.
  jobs: [defineJob({ name: 'probe-job', description: 'Nothing', period: () => undefined, run: async () => {} })],
});

const create = () => TestBot.create({ features: [probe, createAdminFeature([probe])] });

describe('dispatch', () => {
  it('validates options and shows an example', async () => {
    const bot = await create();
    expect(bot.text(await bot.run('/probe echo hi times:2'))).toBe('hi×2');
    const tooMany = await bot.run('/probe echo hi times:9');
    expect(bot.text(tooMany)).toMatch(/`times` must be at most 3/);
    expect(tooMany.context).toBe('Example: `/probe echo hello`');
    expect(bot.text(await bot.run('/probe echo times:two'))).toMatch(/`times` must be a whole number/);
    expect(bot.text(await bot.run('/probe echo ' + 'x'.repeat(30)))).toMatch(/at most 20 characters/);
  });

  it('answers a bug with an apology and a correlation id, and keeps nothing it wrote', async () => {
    const bot = await create();
    const reply = await bot.run('/probe crash');
    expect(bot.text(reply)).toMatch(/Sorry, something went wrong.*code: [0-9a-f]{8}/);
    expect(bot.text(reply)).not.toContain('internal details');
    expect((await bot.repos.communities.get(bot.community))?.settings).toEqual({});
    expect(bot.sent).toEqual([]);
  });

  it('rolls back a refused command and shows the message', async () => {
    const bot = await create();
    expect(bot.text(await bot.run('/probe refuse'))).toContain('Not like that.');
    expect(await bot.repos.outbox.counts(bot.community)).toMatchObject({ pending: 0, sent: 0 });
  });

  it('resolves members from mentions and names, and refuses unknown ones', async () => {
    const bot = await create();
    await bot.run('/probe', { as: 'lucas' });
    expect(bot.text(await bot.run('/probe who @lucas'))).toBe('member=lucas');
    expect(bot.text(await bot.run('/probe who <@U0123ABCD|lucas>'))).toBe('member=U0123ABCD');
    expect(bot.text(await bot.run('/probe who @nobody'))).toMatch(/don't know a member called @nobody/);
  });

  it('accepts Discord-style typed options through the same schema', async () => {
    const bot = await create();
    expect(bot.text(await bot.runOptions('probe', 'echo', { words: 'hey', times: 3 }))).toBe('hey×3');
    expect(bot.text(await bot.runOptions('probe', 'echo', { times: 0 }))).toMatch(/at least 1/);
  });

  it('strips control characters and token delimiters from member text', async () => {
    const bot = await create();
    expect(bot.text(await bot.run('/probe echo a\u0007b\uE000c'))).toBe('abc×1');
  });

  it('validates button values', async () => {
    const bot = await create();
    expect(bot.text(await bot.click({ action: 'probe.press', value: '42' }))).toBe('pressed 42');
    expect(bot.text(await bot.click({ action: 'probe.press', value: 'DROP TABLE' }))).toMatch(/no longer valid/);
    expect(bot.text(await bot.click({ action: 'probe.nothing', value: '1' }))).toMatch(/no longer does anything/);
  });

  it('handles a redelivered platform event once', async () => {
    const bot = await create();
    const event = { kind: 'member_joined', actor: bot.actor({ as: 'zoe' }), eventId: 'Ev1' } as const;
    await bot.dispatch(event);
    expect(await bot.dispatch(event)).toBeUndefined();
    expect((await bot.repos.members.get(bot.community, 'zoe'))?.joinedAt).toBeDefined();
  });

  it('tells a member once that their DMs are closed', async () => {
    const bot = await create();
    await bot.run('/probe', { as: 'mia' });
    await bot.repos.members.setDmUnreachable(bot.community, 'mia', true);
    expect((await bot.run('/probe echo hi', { as: 'mia' })).context).toMatch(/DMs seem closed/);
    expect((await bot.run('/probe echo hi', { as: 'mia' })).context).toBeUndefined();
  });

  it('keeps communities apart', async () => {
    const bot = await create();
    await bot.run('/hallway config timezone:Europe/Paris', { community: 'slack:T1' });
    expect((await bot.repos.communities.get('slack:T1'))?.settings).toEqual({ timezone: 'Europe/Paris' });
    expect(await bot.repos.communities.get('discord:1')).toBeUndefined();
    await bot.run('/probe', { as: 'lucas', community: 'discord:1' });
    expect(bot.text(await bot.run('/probe who @lucas', { community: 'slack:T1' }))).toMatch(/don't know/);
  });
});

describe('input the core refuses before any parser', () => {
  it('refuses a string longer than the core takes, and strips invisible characters that disguise text', async () => {
    const bot = await TestBot.create();
    const long = await bot.run(`/skills offer ${'a'.repeat(5_000)}`, { as: 'emma' });
    expect(bot.text(long)).toMatch(/more text than I can take at once/);
    expect(await bot.repos.profiles.skills(bot.community, 'emma', 'offer')).toEqual([]);
    for (const hidden of ['\u2060', '\u200D', '\u200C', '\u00AD', '\u3164', '\u115F', '\u061C', '\u034F', '\u180E']) {
      await bot.run(`/skills offer phot${hidden}ography`, { as: 'lucas' });
    }
    const skills = await bot.repos.profiles.skills(bot.community, 'lucas', 'offer');
    expect(skills.map((s) => s.term)).toEqual(['photography']);
  });
});
