/**
 * The command surface as plain data, generated from the features' schemas: Discord registers it, help renders it.
 */
import type { CommandDef, Feature } from './command.ts';
import { subcommandsOf } from './command.ts';
import { commandTable } from './command-table.ts';
import { describeOptions, type OptionSpec } from './options.ts';

export interface SubcommandSpec {
  /** '' for a flat command. */
  readonly name: string;
  readonly description: string;
  readonly examples: readonly string[];
  readonly admin: boolean;
  readonly options: readonly OptionSpec[];
}

export interface CommandSpec {
  readonly name: string;
  readonly description: string;
  /** A flat command has exactly one subcommand named ''. */
  readonly subcommands: readonly SubcommandSpec[];
  readonly defaultSubcommand?: string;
}

export type CommandCatalog = readonly CommandSpec[];

export function commandSpec<S>(command: CommandDef<S>): CommandSpec {
  return {
    name: command.name,
    description: command.description,
    defaultSubcommand: 'subcommands' in command ? command.default : undefined,
    subcommands: Object.entries(subcommandsOf(command)).map(([name, sub]) => ({
      name,
      description: sub.description,
      examples: sub.examples,
      admin: sub.admin ?? false,
      options: describeOptions(sub.args),
    })),
  };
}

/** An example as typed after the command: examples may omit the subcommand word, this always has it. */
export function exampleWords(sub: SubcommandSpec, example: string): string {
  const words = example.trim();
  return sub.name && !words.toLowerCase().startsWith(sub.name) ? `${sub.name} ${words}` : words;
}

/** An example as a member types it, command and all. */
export function exampleCommand(command: string, sub: SubcommandSpec, example: string): string {
  return `/${command} ${exampleWords(sub, example)}`.trim();
}

/**
 * The example of a subcommand closest to what the member typed, as they would type it: the one naming most of the
 * options they used (a refused `duration:` is shown an example with a duration), else the first.
 */
export function exampleOf(command: string, sub: SubcommandSpec, typed: readonly string[] = []): string | undefined {
  const examples = sub.examples.filter((e) => e.trim() !== '');
  const score = (e: string) => typed.filter((name) => e.includes(`${name}:`)).length;
  const example = examples.reduce<string | undefined>(
    (best, e) => (best === undefined || score(e) > score(best) ? e : best),
    undefined,
  );
  return example === undefined ? undefined : `Example: \`${exampleCommand(command, sub, example)}\``;
}

/** Every command of `features`, with the subcommands other features add to it (see `commandTable`). */
export function buildCatalog(features: readonly Feature<never>[]): CommandCatalog {
  return commandTable(features).map((entry) => commandSpec(entry.def));
}

/** `/meetup create title:<title> when:<when> [where:<where>]`. */
export function usageLine(command: string, sub: SubcommandSpec): string {
  const opts = sub.options.map((o) => (o.required ? `${o.name}:<${o.name}>` : `[${o.name}:<${o.name}>]`));
  return ['/' + command, sub.name, ...opts].filter(Boolean).join(' ');
}
