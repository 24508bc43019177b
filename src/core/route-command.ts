/** From a command event to a validated subcommand call: grammar, coercion, member resolution, zod. */
import type { z } from 'zod';
import type { CommandSpec, SubcommandSpec } from './catalog.ts';
import { exampleOf } from './catalog.ts';
import type { CommandDef, SubcommandDef } from './command.ts';
import { subcommandsOf } from './command.ts';
import { UserError } from './errors.ts';
import { findSubcommand, parseCommandText, unknownOption } from './grammar.ts';
import type { CommunityId } from './ids.ts';
import type { CommandInput } from './inbound.ts';
import { coerceOption, type OptionSpec } from './options.ts';
import type { MembersStore } from './stores/members.ts';
import { resolveChannel, resolveUser } from './resolve.ts';

export interface RoutedCommand<S = unknown> {
  readonly def: SubcommandDef<S>;
  readonly spec: SubcommandSpec;
  readonly args: Record<string, unknown>;
  /** One example of this subcommand that works, as a member would type it (the hint under an input error). */
  readonly example?: string;
}

/** Raw values by option name, from text (Slack, shell) or typed options (Discord). */
function rawValues(spec: CommandSpec, input: CommandInput): { sub: SubcommandSpec; values: Record<string, unknown> } {
  if (input.kind === 'text') {
    const parsed = parseCommandText(spec, input.text);
    const values: Record<string, unknown> = {};
    for (const [name, raw] of Object.entries(parsed.values)) {
      const option = parsed.subcommand.options.find((o) => o.name === name)!;
      values[name] = coerceOption(option, raw);
    }
    return { sub: parsed.subcommand, values };
  }
  const name = input.subcommand ?? spec.defaultSubcommand ?? '';
  const sub = spec.subcommands.find((s) => s.name === name);
  if (!sub) throw new UserError('not_found', `\`/${spec.name}\` has no \`${name}\`.`);
  // Typed options are checked as strictly as text: a name the subcommand does not have is refused, not dropped.
  const names = new Set(sub.options.map((o) => o.name));
  const unknown = Object.keys(input.options).find((key) => !names.has(key));
  if (unknown !== undefined) throw unknownOption(unknown, names);
  return { sub, values: { ...input.options } };
}

async function resolveIds(
  options: readonly OptionSpec[],
  values: Record<string, unknown>,
  community: CommunityId,
  members: MembersStore,
): Promise<void> {
  for (const o of options) {
    const v = values[o.name];
    if (typeof v !== 'string' || v === '') continue;
    if (o.type === 'user') values[o.name] = await resolveUser(v, community, members);
    if (o.type === 'channel') values[o.name] = resolveChannel(v);
  }
}

function describeIssue(issue: z.core.$ZodIssue, values: Record<string, unknown>): string {
  const path = issue.path.map(String).join('.');
  const given = issue.path.length > 0 && values[String(issue.path[0])] !== undefined;
  if (issue.code === 'invalid_type' && !given) return `\`${path}\` is required.`;
  return path ? `\`${path}\` ${issue.message}.` : `${issue.message}.`;
}

/** The subcommand an input names, before any of its arguments are read. */
function subcommandOf(spec: CommandSpec, input: CommandInput): SubcommandSpec {
  if (input.kind === 'text') return findSubcommand(spec, input.text).sub;
  return rawValues(spec, input).sub;
}

/**
 * `authorize` runs once the subcommand is known and before its arguments are parsed, resolved or validated: a
 * member without the right gets the refusal, never a lesson in the arguments of a command they may not use.
 */
export async function routeCommand<S>(
  command: CommandDef<S>,
  spec: CommandSpec,
  input: CommandInput,
  community: CommunityId,
  members: MembersStore,
  authorize: (sub: SubcommandSpec) => void = () => {},
): Promise<RoutedCommand<S>> {
  authorize(subcommandOf(spec, input));
  const { sub, values } = rawValues(spec, input);
  const def = subcommandsOf(command)[sub.name]!;
  const example = exampleOf(spec.name, sub, Object.keys(values));
  await resolveIds(sub.options, values, community, members);
  const parsed = def.args.safeParse(values);
  if (!parsed.success) {
    const message = parsed.error.issues
      .slice(0, 3)
      .map((i) => describeIssue(i, values))
      .join(' ');
    throw new UserError('invalid_input', message, example);
  }
  return { def, spec: sub, args: parsed.data as Record<string, unknown>, example };
}
