import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type CommandSpec, commandSpec } from '#core/catalog.ts';
import { defineCommand, defineSubcommand } from '#core/command.ts';
import { UserError } from '#core/errors.ts';
import { parseCommandText, renderCommandText, splitWords } from '#core/grammar.ts';
import { opt } from '#core/options.ts';

const noop = async () => ({ text: '' });
const meetup = commandSpec(
  defineCommand({
    name: 'meetup',
    description: 'Meetups',
    default: 'list',
    subcommands: {
      create: defineSubcommand({
        description: 'Create',
        examples: [],
        args: z.object({
          title: opt.string('Title'),
          when: opt.string('When'),
          where: opt.string('Where').optional(),
          repeat: opt.choice('Repeat', ['weekly', 'biweekly', 'monthly']).optional(),
        }),
        run: noop,
      }),
      list: defineSubcommand({ description: 'List', examples: [], args: z.object({}), run: noop }),
    },
  }),
);
const skills = commandSpec(
  defineCommand({
    name: 'skills',
    description: 'Skills',
    default: 'show',
    subcommands: {
      show: defineSubcommand({ description: 'Show', examples: [], args: z.object({}), run: noop }),
      offer: defineSubcommand({
        description: 'Offer',
        examples: [],
        args: z.object({ skills: opt.string('Skills') }),
        run: noop,
      }),
    },
  }),
);
const profile = commandSpec(
  defineCommand({
    name: 'profile',
    description: 'P',
    examples: [],
    args: z.object({ member: opt.user('Who').optional() }),
    run: noop,
  }),
);

describe('parseCommandText', () => {
  const cases: [string, typeof meetup, string, Record<string, string>][] = [
    [
      'create title:"Zine night" when:"fri 19:00" repeat:weekly',
      meetup,
      'create',
      { title: 'Zine night', when: 'fri 19:00', repeat: 'weekly' },
    ],
    ['create title:“Zine night” when:“fri 19:00”', meetup, 'create', { title: 'Zine night', when: 'fri 19:00' }],
    ['create Zine fri 19:00', meetup, 'create', { title: 'Zine', when: 'fri', where: '19:00' }],
    [
      'create "Zine night" when:tomorrow The loft, 2nd floor',
      meetup,
      'create',
      { title: 'Zine night', when: 'tomorrow', where: 'The', repeat: 'loft, 2nd floor' },
    ],
    ['CREATE title:x when:y', meetup, 'create', { title: 'x', when: 'y' }],
    ['', meetup, 'list', {}],
    ['', skills, 'show', {}],
    ['offer photography, layout design', skills, 'offer', { skills: 'photography, layout design' }],
    ['offer https://example.com', skills, 'offer', { skills: 'https://example.com' }],
    ['offer it\'s "quoted', skills, 'offer', { skills: 'it\'s "quoted' }],
    ['<@U123|lucas>', profile, '', { member: '<@U123|lucas>' }],
    ['', profile, '', {}],
  ];
  it.each(cases)('%s', (text, spec, sub, values) => {
    const parsed = parseCommandText(spec, text);
    expect(parsed.subcommand.name).toBe(sub);
    expect(parsed.values).toEqual(values);
  });

  it('refuses unknown subcommands, repeated options and extra words', () => {
    expect(() => parseCommandText(skills, 'juggle')).toThrow(UserError);
    expect(() => parseCommandText(meetup, 'create title:a title:b when:c')).toThrow(/given twice/);
    expect(() => parseCommandText(meetup, 'list extra words')).toThrow(/did not understand/);
  });

  it('keeps escaped quotes and backslashes inside quoted values', () => {
    const words = splitWords('title:"say \\"hi\\" \\\\ there"', new Set(['title']));
    expect(words).toEqual([{ name: 'title', value: 'say "hi" \\ there', quoted: true }]);
  });
});

describe('renderCommandText', () => {
  const create = meetup.subcommands.find((s) => s.name === 'create')!;
  const value = fc.string({ unit: 'grapheme', maxLength: 40 });
  it('parse(render(args)) == args for any values', () => {
    fc.assert(
      fc.property(value, value, fc.option(value, { nil: undefined }), (title, when, where) => {
        const args: Record<string, string> = { title, when };
        if (where !== undefined) args.where = where;
        const parsed = parseCommandText(meetup, renderCommandText(create, args));
        expect(parsed.subcommand.name).toBe('create');
        expect(parsed.values).toEqual(args);
      }),
      { numRuns: 500 },
    );
  });
});

describe('unknown option names', () => {
  const config: CommandSpec = {
    name: 'hallway',
    description: 'd',
    subcommands: [
      {
        name: 'config',
        description: 'd',
        examples: [''],
        admin: true,
        options: [
          { name: 'approval', type: 'boolean', description: 'd', required: false },
          { name: 'intro-channel', type: 'channel', description: 'd', required: false },
        ],
      },
    ],
  };
  const meetup: CommandSpec = {
    name: 'meetup',
    description: 'd',
    subcommands: [
      {
        name: 'create',
        description: 'd',
        examples: [''],
        admin: false,
        options: [
          { name: 'title', type: 'string', description: 'd', required: true },
          { name: 'when', type: 'string', description: 'd', required: false },
          { name: 'where', type: 'string', description: 'd', required: false },
        ],
      },
    ],
  };

  it('refuses a name:value word whose name is no option, with the closest name offered', () => {
    expect(() => parseCommandText(config, 'config aproval:on')).toThrow(
      /Unknown option `aproval` — did you mean `approval`\?/,
    );
    expect(() => parseCommandText(meetup, 'create titel:"Typo night" when:"fri 20:00"')).toThrow(
      /Unknown option `titel` — did you mean `title`\?/,
    );
    expect(() => parseCommandText(meetup, 'create title:x colour:red')).toThrow(/Unknown option `colour`\./);
  });

  it('still takes values that hold a colon: URLs, times, quoted text, a colon followed by a space', () => {
    expect(
      parseCommandText(meetup, 'create title:"Re: draft" when:"fri 19:00" where:https://x.example/a:b').values,
    ).toEqual({
      title: 'Re: draft',
      when: 'fri 19:00',
      where: 'https://x.example/a:b',
    });
    expect(parseCommandText(meetup, 'create title:"Agenda" where:"Room 2: upstairs"').values).toEqual({
      title: 'Agenda',
      where: 'Room 2: upstairs',
    });
    expect(() => parseCommandText(meetup, 'create Agenda: talks at 19:00')).not.toThrow();
    expect(parseCommandText(meetup, 'create title:x where:mailto:me@x.example').values).toEqual({
      title: 'x',
      where: 'mailto:me@x.example',
    });
  });
});
