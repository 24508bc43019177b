/** A subcommand with more options than Discord allows is registered, read and autocompleted as option/value. */
import { describe, expect, it } from 'vitest';
import { commandJSON } from '../../adapters/discord/commands.ts';
import { foldedSuggestions, unfold } from '../../adapters/discord/folded-options.ts';
import type { CommandSpec } from '#core/catalog.ts';
import type { CommandEvent } from '#core/inbound.ts';
import type { OptionSpec } from '#core/options.ts';

const option = (name: string, extra: Partial<OptionSpec> = {}): OptionSpec => ({
  name,
  type: 'string',
  description: `The ${name}`,
  required: false,
  ...extra,
});

const many: OptionSpec[] = [
  option('match-day', { choices: ['monday', 'tuesday', 'wednesday'] }),
  option('approval', { type: 'boolean' }),
  option('intro-reminder-days', { type: 'integer', min: 1, max: 30 }),
  ...Array.from({ length: 26 }, (_, i) => option(`setting-${i + 1}`)),
];

const spec: CommandSpec = {
  name: 'hallway',
  description: 'Help and settings',
  subcommands: [
    { name: 'config', description: 'Settings', examples: [''], admin: true, options: many },
    { name: 'help', description: 'Help', examples: [''], admin: false, options: [option('topic')] },
  ],
};

const event = (sub: string, options: Record<string, unknown>): CommandEvent => ({
  kind: 'command',
  command: 'hallway',
  actor: { community: 'discord:1', userId: 'u', displayName: 'U', isPlatformAdmin: true },
  input: { kind: 'options', subcommand: sub, options },
});

describe('a subcommand with more than 25 options on Discord', () => {
  it('registers as an option/value pair, and leaves smaller subcommands as they are', () => {
    const json = commandJSON(spec);
    const [config, help] = json.options as { name: string; options: { name: string; autocomplete?: boolean }[] }[];
    expect(config!.options.map((o) => o.name)).toEqual(['option', 'value']);
    expect(config!.options[0]!.autocomplete).toBe(true);
    expect(help!.options.map((o) => o.name)).toEqual(['topic']);
  });

  it('reads option/value back as the named option, coerced like typed text', () => {
    const catalog = [spec];
    const read = (o: string, v: string) => unfold(catalog, event('config', { option: o, value: v })).input;
    expect(read('match-day', 'tuesday')).toMatchObject({ options: { 'match-day': 'tuesday' } });
    expect(read('Approval', 'on')).toMatchObject({ options: { approval: true } });
    expect(read('intro-reminder-days', '4')).toMatchObject({ options: { 'intro-reminder-days': 4 } });
    // Unknown names go on to the core, which refuses them with its own answer.
    expect(read('aproval', 'on')).toMatchObject({ options: { aproval: 'on' } });
    // Without a value, nothing is set: the command shows the settings.
    expect(unfold(catalog, event('config', { option: 'approval' })).input).toMatchObject({ options: {} });
    // A subcommand that was not folded is untouched.
    const help = event('help', { topic: 'x' });
    expect(unfold(catalog, help)).toBe(help);
  });

  it('suggests option names as they are typed, then the chosen option’s choices', () => {
    const catalog = [spec];
    const names = foldedSuggestions(catalog, event('config', { option: 'match' }), 'option', 'match');
    expect(names?.map((s) => s.value)).toEqual(['match-day']);
    expect(foldedSuggestions(catalog, event('config', {}), 'option', '')).toHaveLength(25);
    const values = foldedSuggestions(
      catalog,
      event('config', { option: 'match-day', value: 'esday' }),
      'value',
      'esday',
    );
    expect(values?.map((s) => s.value)).toEqual(['tuesday', 'wednesday']);
    expect(foldedSuggestions(catalog, event('help', {}), 'topic', '')).toBeUndefined();
  });
});
