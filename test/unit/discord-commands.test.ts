import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { applicationCommands, normalizeCommands } from '../../adapters/discord/commands.ts';
import { buildCatalog } from '#core/catalog.ts';
import { defineCommand, defineFeature, defineSubcommand } from '#core/command.ts';
import { opt } from '#core/options.ts';
import { say } from '#core/reply.ts';
import { checkCommands } from '../support/fake-discord-limits.ts';

const run = async () => say('ok');

const feature = defineFeature({
  name: 'test',
  commands: [
    defineCommand({
      name: 'intro',
      description: 'Introduce yourself',
      examples: [],
      args: z.object({ bio: opt.string('A few words about you', { max: 500 }).optional() }),
      run,
    }),
    defineCommand({
      name: 'meetup',
      description: 'Meetups',
      subcommands: {
        create: defineSubcommand({
          description: 'Plan a meetup',
          examples: [],
          args: z.object({
            where: opt.string('Where', { max: 100 }).optional(),
            title: opt.string('What it is called', { max: 80 }),
            seats: opt.integer('How many seats', { min: 1, max: 50 }).optional(),
            kind: opt.choice('Kind', ['crit', 'jam', 'walk']),
            channel: opt.channel('Where to announce it'),
            online: opt.boolean('Online?').default(false),
          }),
          run,
        }),
        invite: defineSubcommand({
          description: 'Invite a member',
          examples: [],
          args: z.object({
            member: opt.user('Who'),
            meetup: opt.string('Which meetup', { autocomplete: 'meetups' }),
          }),
          run,
        }),
      },
    }),
  ],
});

describe('applicationCommands', () => {
  const [intro, meetup] = applicationCommands(buildCatalog([feature]));

  it('keeps a flat command flat, guild-only', () => {
    expect(intro).toEqual({
      type: 1,
      name: 'intro',
      description: 'Introduce yourself',
      options: [{ type: 3, name: 'bio', description: 'A few words about you', required: false, max_length: 500 }],
      contexts: [0],
      integration_types: [0],
    });
  });

  it('makes subcommands type-1 options with typed options, required first, choices and limits', () => {
    const create = meetup!.options!.find((o) => o.name === 'create') as { type: number; options: object[] };
    expect(create.type).toBe(1);
    expect(create.options).toEqual([
      { type: 3, name: 'title', description: 'What it is called', required: true, max_length: 80 },
      {
        type: 3,
        name: 'kind',
        description: 'Kind',
        required: true,
        choices: [
          { name: 'crit', value: 'crit' },
          { name: 'jam', value: 'jam' },
          { name: 'walk', value: 'walk' },
        ],
      },
      { type: 7, name: 'channel', description: 'Where to announce it', required: true, channel_types: [0, 5] },
      { type: 3, name: 'where', description: 'Where', required: false, max_length: 100 },
      { type: 4, name: 'seats', description: 'How many seats', required: false, min_value: 1, max_value: 50 },
      { type: 5, name: 'online', description: 'Online?', required: false },
    ]);
    const invite = meetup!.options!.find((o) => o.name === 'invite') as { options: object[] };
    expect(invite.options).toEqual([
      { type: 6, name: 'member', description: 'Who', required: true },
      { type: 3, name: 'meetup', description: 'Which meetup', required: true, max_length: 200, autocomplete: true },
    ]);
  });

  it('is a payload Discord accepts', () => {
    expect(checkCommands([intro, meetup])).toEqual([]);
  });

  it('refuses names Discord refuses and shortens long descriptions', () => {
    const bad = (name: string) =>
      applicationCommands([
        {
          name,
          description: 'd',
          subcommands: [{ name: '', description: 'd', examples: [], admin: false, options: [] }],
        },
      ]);
    expect(() => bad('Intro')).toThrow(/not a valid command name/);
    expect(() => bad('two words')).toThrow(/not a valid command name/);
    expect(() => bad('x'.repeat(33))).toThrow(/not a valid command name/);
    expect(bad('café')[0]!.name).toBe('café');
    const long = applicationCommands([
      {
        name: 'x',
        description: 'd'.repeat(150),
        subcommands: [{ name: '', description: '', examples: [], admin: false, options: [] }],
      },
    ]);
    expect(long[0]!.description).toHaveLength(100);
  });
});

describe('normalizeCommands', () => {
  it('sees a definition as unchanged once Discord has added ids, versions and defaults', () => {
    const wanted = applicationCommands(buildCatalog([feature]));
    const fromDiscord = wanted
      .map((c) => ({ id: '1', application_id: '2', version: '3', default_member_permissions: null, nsfw: false, ...c }))
      .map((c) => JSON.parse(JSON.stringify(c).replaceAll('"required":false,', '')))
      .reverse();
    expect(normalizeCommands(fromDiscord)).toBe(normalizeCommands(wanted));
  });

  it('sees a changed description or option as a change', () => {
    const wanted = applicationCommands(buildCatalog([feature]));
    const changed = JSON.parse(JSON.stringify(wanted).replace('How many seats', 'Seats'));
    expect(normalizeCommands(changed)).not.toBe(normalizeCommands(wanted));
    expect(normalizeCommands(wanted.slice(1))).not.toBe(normalizeCommands(wanted));
  });
});
