/** Routes each kind of event to the feature that handles it, with that feature's context. */
import type { BoundFeature, CommandDef } from './command.ts';
import { type CommandSpec, commandSpec } from './catalog.ts';
import { commandTable } from './command-table.ts';
import { type CoreDeps, type EventScope, featureContext } from './context.ts';
import { UserError } from './errors.ts';
import { helpForCommand } from './help.ts';
import type { InboundEvent } from './inbound.ts';
import type { Reply } from './reply.ts';
import { routeCommand } from './route-command.ts';
import type { Unit } from './unit.ts';

interface Registered {
  readonly def: CommandDef<unknown>;
  readonly spec: CommandSpec;
  /** The feature a subcommand runs with (its own store): the command's, or the one that added it. */
  ownerOf(subcommand: string): BoundFeature<unknown>;
}

const registries = new WeakMap<readonly BoundFeature<unknown>[], Map<string, Registered>>();

function commandsOf(features: readonly BoundFeature<unknown>[]): Map<string, Registered> {
  let commands = registries.get(features);
  if (!commands) {
    commands = new Map();
    for (const { def, ownerOf } of commandTable(features))
      commands.set(def.name, { def, ownerOf, spec: commandSpec(def) });
    registries.set(features, commands);
  }
  return commands;
}

export async function handleEvent(
  deps: CoreDeps,
  unit: Unit,
  scope: EventScope,
  event: InboundEvent,
): Promise<Reply | undefined> {
  const ctxOf = <S>(feature: BoundFeature<S>) => featureContext(deps, unit, scope, feature);
  switch (event.kind) {
    case 'command': {
      const command = commandsOf(deps.features).get(event.command);
      if (!command) throw new UserError('not_found', `I don't know \`/${event.command}\`. Try \`/hallway help\`.`);
      return runCommand(command, event, (sub) => ctxOf(command.ownerOf(sub)), unit);
    }
    case 'action': {
      for (const feature of deps.features) {
        const def = feature.actions?.find((a) => a.id === event.action);
        if (!def) continue;
        const parsed = def.value.safeParse(event.value);
        if (!parsed.success)
          throw new UserError('invalid_input', 'That button is no longer valid. Try the command again.');
        return def.run(parsed.data, ctxOf(feature), { messageId: event.messageId });
      }
      throw new UserError('not_found', 'That button no longer does anything. Try the command again.');
    }
    case 'form_submit': {
      for (const feature of deps.features) {
        const def = feature.forms?.find((f) => f.id === event.formId);
        if (def) return def.submit(event.values, event.meta, ctxOf(feature));
      }
      throw new UserError('not_found', 'That form has expired. Open it again.');
    }
    case 'member_joined': {
      // Every feature greets the newcomer in its own way (the welcome DM lives in introductions).
      let reply: Reply | undefined;
      for (const feature of deps.features) reply = (await feature.onMemberJoined?.(ctxOf(feature))) ?? reply;
      return reply;
    }
    case 'member_left': {
      await unit.core.members.markLeft(scope.community.id, scope.actor.userId, scope.now);
      for (const feature of deps.features) await feature.onMemberLeft?.(ctxOf(feature));
      return undefined;
    }
    case 'home_opened': {
      const sections = [];
      for (const feature of deps.features) sections.push(...((await feature.home?.(ctxOf(feature))) ?? []));
      return {
        title: `Hallway — hi ${scope.actor.displayName}`,
        text: sections.length ? 'Your corner of the community.' : 'Introduce yourself with /intro to get started.',
        sections,
      };
    }
  }
}

async function runCommand(
  command: Registered,
  event: Extract<InboundEvent, { kind: 'command' }>,
  contextOf: (subcommand: string) => ReturnType<typeof featureContext<unknown>>,
  unit: Unit,
): Promise<Reply> {
  const { def, spec } = command;
  // Facts every feature's context shares (who acts, where); the subcommand's own context comes once it is known.
  const ctx = contextOf('');
  const text = event.input.kind === 'text' ? event.input.text.trim() : undefined;
  const hasHelp = spec.subcommands.some((s) => s.name === 'help');
  if (text !== undefined && !hasHelp && (/^help\b/i.test(text) || (text === '' && needsSubcommand(spec)))) {
    return helpForCommand(spec, ctx.actor.isAdmin);
  }
  const refuseNonAdmin = (sub: { name: string; admin: boolean }) => {
    if (sub.admin && !ctx.actor.isAdmin) {
      throw new UserError('not_allowed', `Only community managers can use \`/${spec.name} ${sub.name}\`.`);
    }
  };
  // Checked before the arguments are read, so a non-admin never learns an admin command's grammar.
  const routed = await routeCommand(def, spec, event.input, ctx.community.id, unit.core.members, refuseNonAdmin);
  refuseNonAdmin({ name: routed.spec.name, admin: Boolean(routed.def.admin) });
  try {
    return await routed.def.run(routed.args, contextOf(routed.spec.name));
  } catch (error) {
    if (error instanceof UserError && !error.hint && routed.example) {
      throw new UserError(error.code, error.message, routed.example);
    }
    throw error;
  }
}

function needsSubcommand(spec: CommandSpec): boolean {
  return spec.defaultSubcommand === undefined && spec.subcommands.every((s) => s.name !== '');
}
