import { describe, expect, it } from 'vitest';
import {
  createAdminFeature,
  feedbackFeature,
  introductionsFeature,
  matchingFeature,
  meetupsFeature,
} from '../../commands/index.ts';
import { defineFeature, defineJob, type Feature } from '#core/command.ts';
import { TestBot as Bot, type BotOptions } from '../support/test-bot.ts';

// These tests are about the core and /hallway, not the features. The admin feature is made from the others (their
// settings and job names): here they bring only those, without their commands, buttons or hooks.
const features: readonly Feature<never>[] = [introductionsFeature, matchingFeature, meetupsFeature, feedbackFeature];
const others = features.map((f): Feature<never> => ({ name: f.name, settings: f.settings, jobs: f.jobs }));
const adminFeature = createAdminFeature(others);
const TestBot = {
  create: (options: BotOptions = {}) => Bot.create({ features: [...others, adminFeature], ...options }),
};

describe('/hallway', () => {
  it('lists every command with an example', async () => {
    const bot = await TestBot.create();
    const help = bot.text(await bot.run('/hallway help'));
    for (const command of ['/hallway', 'config', 'forget-me', 'export']) expect(help).toContain(command);
    expect(help).toContain('e.g.');
  });

  it('shows admin-only subcommands to admins only', async () => {
    const bot = await TestBot.create();
    expect(bot.text(await bot.run('/hallway help', { as: 'host' }))).toMatch(
      /\/hallway help · forget-me; managers: config/,
    );
    expect(bot.text(await bot.run('/hallway help', { as: 'mia' }))).not.toMatch(/config|managers:/);
  });

  it('refuses config to non-admins with a clear message and changes nothing', async () => {
    const bot = await TestBot.create();
    const reply = await bot.run('/hallway config timezone:Europe/Paris', { as: 'mia' });
    expect(bot.text(reply)).toMatch(/Only community managers/);
    expect((await bot.repos.communities.get(bot.community))?.settings).toEqual({});
  });

  it('lets HALLWAY_MANAGERS configure, and shows the saved settings', async () => {
    const bot = await TestBot.create({ managers: ['mia'] });
    const reply = await bot.run('/hallway config timezone:Europe/Paris match-day:tuesday approval:on', { as: 'mia' });
    expect(bot.text(reply)).toContain('Saved');
    expect((await bot.repos.communities.get(bot.community))?.settings).toMatchObject({
      timezone: 'Europe/Paris',
      'match-day': 'tuesday',
      approval: true,
    });
    const shown = bot.text(await bot.run('/hallway config', { as: 'mia' }));
    expect(shown).toContain('match-day: tuesday');
  });

  it('explains a bad setting with an example and saves nothing', async () => {
    const bot = await TestBot.create();
    const reply = await bot.run('/hallway config timezone:Mars/Olympus match-day:tuesday');
    expect(bot.text(reply)).toMatch(/timezone.*IANA/);
    expect(reply.context).toMatch(/^Example: `\/hallway config \S/);
    expect((await bot.repos.communities.get(bot.community))?.settings).toEqual({});
    const day = await bot.run('/hallway config match-day:caturday');
    expect(bot.text(day)).toMatch(/match-day.*one of/);
  });

  it('sets channels from mentions and clears with none', async () => {
    const bot = await TestBot.create({ community: 'slack:T1' });
    await bot.run('/hallway config intro-channel:<#C123|intros>');
    expect((await bot.repos.communities.get('slack:T1'))?.settings['intro-channel']).toBe('C123');
    await bot.run('/hallway config intro-channel:none');
    expect((await bot.repos.communities.get('slack:T1'))?.settings['intro-channel']).toBeUndefined();
  });

  it('says so for unknown commands and subcommands', async () => {
    const bot = await TestBot.create();
    expect(bot.text(await bot.run('/nope'))).toMatch(/don't know/);
    expect(bot.text(await bot.run('/hallway frobnicate'))).toMatch(/has no `frobnicate`/);
  });

  it('runs a job on demand, once per period', async () => {
    let runs = 0;
    const digest = defineFeature({
      name: 'test-digest',
      jobs: [
        defineJob({
          name: 'digest',
          description: 'test',
          period: (now) => now.toISOString().slice(0, 10),
          run: async (ctx) => {
            runs++;
            ctx.notify.post(ctx.community.id, 'events', { text: 'weekly digest' }, { key: `digest:${ctx.period}` });
          },
        }),
      ],
    });
    const bot = await Bot.create({ features: [digest, createAdminFeature([digest])] });
    const first = bot.text(await bot.run('/hallway run digest'));
    expect(first).toMatch(/`?digest`? done/);
    const second = bot.text(await bot.run('/hallway run digest'));
    expect(second).toMatch(/already ran/);
    expect(runs).toBe(1);
    expect(bot.postsIn('events').map((r) => r.text)).toEqual(['weekly digest']);
    expect(bot.text(await bot.run('/hallway run digest', { as: 'mia' }))).toMatch(/Only community managers/);
  });

  it('exports the community as JSON and CSV for admins', async () => {
    const bot = await TestBot.create();
    await bot.run('/hallway help', { as: 'mia' });
    const json = await bot.run('/hallway export');
    expect(json.files).toHaveLength(1);
    const tables = JSON.parse(json.files![0]!.content) as Record<string, unknown[]>;
    expect(tables.members!.length).toBe(2);
    const csv = await bot.run('/hallway export format:csv');
    const members = csv.files!.find((f) => f.name.endsWith('-members.csv'))!;
    expect(members.content.split('\r\n')[0]).toBe('user_id,display_name,joined_at,first_seen_at,last_active_at');
    expect(csv.files!.map((f) => f.name)).toEqual(Object.keys(tables).map((t) => `hallway-export-2026-11-16-${t}.csv`));
  });

  it('forgets a member after confirmation, and only the member who asked', async () => {
    const bot = await TestBot.create();
    const ask = await bot.run('/hallway forget-me', { as: 'mia' });
    const yes = ask.buttons!.find((b) => b.action === 'hallway.forget')!;
    expect(bot.text(await bot.click(yes, { as: 'lucas' }))).toMatch(/only delete your own/);
    expect(await bot.repos.members.get(bot.community, 'mia')).toBeDefined();
    const done = await bot.click(yes, { as: 'mia' });
    expect(bot.text(done)).toMatch(/forgotten/);
    expect(await bot.repos.members.get(bot.community, 'mia')).toBeUndefined();
  });
});
