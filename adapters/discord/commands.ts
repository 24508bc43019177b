/**
 * Application command definitions generated from the core's catalog, and the comparison that keeps registration
 * idempotent. Pure: `syncApplicationCommands` in the adapter does the fetching and the PUT.
 */
import {
  ApplicationCommandOptionType as T,
  ApplicationCommandType,
  ApplicationIntegrationType,
  type APIApplicationCommandBasicOption,
  type APIApplicationCommandOption,
  ChannelType,
  InteractionContextType,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { CommandCatalog, CommandSpec, SubcommandSpec } from '#core/catalog.ts';
import type { OptionSpec } from '#core/options.ts';
import { foldedOptionsJSON, isFolded } from './folded-options.ts';

/** Discord's rule for command, subcommand and option names (and they must be lower case). */
export const NAME_PATTERN = /^[-_'\p{L}\p{N}]{1,32}$/u;

const TYPE: Record<OptionSpec['type'], APIApplicationCommandBasicOption['type']> = {
  string: T.String,
  integer: T.Integer,
  number: T.Number,
  boolean: T.Boolean,
  user: T.User,
  channel: T.Channel,
};

type CommandJSON = RESTPostAPIChatInputApplicationCommandsJSONBody;

function checkName(name: string, where: string): string {
  if (!NAME_PATTERN.test(name) || name !== name.toLowerCase()) {
    throw new Error(`Discord: "${name}" (${where}) is not a valid command name: lower case, 1-32 letters/digits/-_'`);
  }
  return name;
}

function description(text: string, where: string): string {
  const chars = Array.from(text.trim());
  if (chars.length === 0) throw new Error(`Discord: ${where} needs a description`);
  return chars.length <= 100 ? chars.join('') : chars.slice(0, 99).join('') + '…';
}

function optionJSON(o: OptionSpec, where: string): APIApplicationCommandBasicOption {
  const at = `${where} option ${o.name}`;
  const choices = o.choices?.map((c) => ({ name: description(c, `${at} choice`), value: c.slice(0, 100) }));
  if (choices && choices.length > 25) throw new Error(`Discord: ${at} has more than 25 choices`);
  const numeric = o.type === 'integer' || o.type === 'number';
  return {
    type: TYPE[o.type],
    name: checkName(o.name, at),
    description: description(o.description, at),
    required: o.required,
    ...(choices && { choices }),
    ...(numeric && o.min !== undefined && { min_value: o.min }),
    ...(numeric && o.max !== undefined && { max_value: o.max }),
    ...(o.type === 'string' && o.maxLength !== undefined && { max_length: Math.min(o.maxLength, 6000) }),
    // Discord forbids autocomplete together with fixed choices.
    ...(o.autocomplete && !choices && { autocomplete: true }),
    ...(o.type === 'channel' && { channel_types: [ChannelType.GuildText, ChannelType.GuildAnnouncement] }),
  } as APIApplicationCommandBasicOption;
}

function optionsJSON(sub: SubcommandSpec, where: string): APIApplicationCommandBasicOption[] {
  if (isFolded(sub)) return foldedOptionsJSON();
  // Discord requires required options first; the core looks options up by name, so order is free.
  const ordered = [...sub.options.filter((o) => o.required), ...sub.options.filter((o) => !o.required)];
  return ordered.map((o) => optionJSON(o, where));
}

/** One command: a flat command keeps its options at the top, others get one type-1 option per subcommand. */
export function commandJSON(spec: CommandSpec): CommandJSON {
  const name = checkName(spec.name, `/${spec.name}`);
  const flat = spec.subcommands.length === 1 && spec.subcommands[0]?.name === '';
  if (spec.subcommands.length > 25) throw new Error(`Discord: /${name} has more than 25 subcommands`);
  const options: APIApplicationCommandOption[] = flat
    ? optionsJSON(spec.subcommands[0]!, `/${name}`)
    : spec.subcommands.map((sub) => ({
        type: T.Subcommand,
        name: checkName(sub.name, `/${name} ${sub.name}`),
        description: description(sub.description, `/${name} ${sub.name}`),
        options: optionsJSON(sub, `/${name} ${sub.name}`),
      }));
  const json: CommandJSON = {
    type: ApplicationCommandType.ChatInput,
    name,
    description: description(spec.description, `/${name}`),
    options,
    // Hallway works per server: commands are offered in guilds only.
    contexts: [InteractionContextType.Guild],
    integration_types: [ApplicationIntegrationType.GuildInstall],
  };
  if (JSON.stringify(json).length > 8000) throw new Error(`Discord: /${name} is over Discord's 8000-character limit`);
  return json;
}

/** The whole registration payload (≤ 100 chat-input commands). */
export function applicationCommands(catalog: CommandCatalog): CommandJSON[] {
  if (catalog.length > 100) throw new Error('Discord allows at most 100 slash commands');
  const names = new Set<string>();
  return catalog.map((spec) => {
    if (names.has(spec.name)) throw new Error(`Discord: /${spec.name} is defined twice`);
    names.add(spec.name);
    return commandJSON(spec);
  });
}

/**
 * The part of a command definition we set, with Discord's defaults filled in, so a definition we built and the
 * one Discord returns (with ids, versions, omitted `false`s) compare equal when nothing changed.
 */
export function normalizeCommands(commands: readonly unknown[]): string {
  const norm = (commands as Record<string, unknown>[]).map((c) => ({
    type: c['type'] ?? 1,
    name: c['name'],
    description: c['description'],
    options: normalizeOptions(c['options']),
    contexts: sorted(c['contexts']),
    integration_types: sorted(c['integration_types']),
    default_member_permissions: c['default_member_permissions'] ?? null,
    nsfw: c['nsfw'] ?? false,
  }));
  norm.sort((a, b) => String(a.name).localeCompare(String(b.name)));
  return JSON.stringify(norm);
}

function sorted(value: unknown): unknown {
  return Array.isArray(value) ? [...value].sort() : null;
}

function normalizeOptions(options: unknown): unknown[] {
  if (!Array.isArray(options)) return [];
  return options.map((o: Record<string, unknown>) => ({
    type: o['type'],
    name: o['name'],
    description: o['description'],
    required: o['required'] ?? false,
    choices: Array.isArray(o['choices']) ? o['choices'].map((c) => ({ name: c.name, value: c.value })) : [],
    min_value: o['min_value'] ?? null,
    max_value: o['max_value'] ?? null,
    min_length: o['min_length'] ?? null,
    max_length: o['max_length'] ?? null,
    autocomplete: o['autocomplete'] ?? false,
    channel_types: sorted(o['channel_types']),
    options: normalizeOptions(o['options']),
  }));
}
