/**
 * The core's single entry point: an inbound event in, a Reply out. Never throws. Member mistakes (UserError) come
 * back as ephemeral messages with the usage line; anything else is logged with a correlation id and the member sees
 * a short apology carrying it. Each handler runs in one transaction, so a failure leaves nothing half-written.
 */
import { randomUUID } from 'node:crypto';
import { buildCatalog, type CommandSpec, commandSpec } from './catalog.ts';
import type { CommandDef, Context, Feature } from './command.ts';
import { buildContext, type ContextExtras, type CoreDeps, loadCommunity } from './context.ts';
import { isUserError, UserError } from './errors.ts';
import { handleAction, handleForm, handleHome, handleJoin, handleLeave } from './handlers.ts';
import { helpForCommand } from './help.ts';
import type { CommunityId } from './ids.ts';
import type { CommandEvent, Dispatch, InboundEvent } from './inbound.ts';
import { runJob } from './jobs.ts';
import type { Reply } from './reply.ts';
import { routeCommand } from './route-command.ts';
import { fmt, sanitizeDeep } from './text.ts';

export interface Core {
  readonly dispatch: Dispatch;
  /** Discord autocomplete: suggestions for an option source, answered by the feature that owns it. */
  autocomplete(event: CommandEvent, source: string, prefix: string): { name: string; value: string }[];
  readonly catalog: ReturnType<typeof buildCatalog>;
}

export interface DispatcherDeps extends CoreDeps {
  readonly features: readonly Feature[];
  /** Called after a handler committed, so the outbox drainer sends what it enqueued now. */
  readonly onCommit?: () => void;
}

export function createCore(deps: DispatcherDeps): Core {
  const catalog = buildCatalog(deps.features);
  const jobs = deps.features.flatMap((f) => f.jobs ?? []);
  const commands = new Map<string, { def: CommandDef; spec: CommandSpec }>();
  for (const def of deps.features.flatMap((f) => f.commands ?? [])) {
    commands.set(def.name, { def, spec: commandSpec(def) });
  }

  function runCommand(event: CommandEvent, ctx: Context): Reply {
    const command = commands.get(event.command);
    if (!command) throw new UserError('unknown_command', `I don't know \`/${event.command}\`. Try \`/hallway help\`.`);
    const { def, spec } = command;
    const text = event.input.kind === 'text' ? event.input.text.trim() : undefined;
    const hasHelp = spec.subcommands.some((s) => s.name === 'help');
    if (text !== undefined && !hasHelp && (/^help\b/i.test(text) || (text === '' && needsSubcommand(spec)))) {
      return helpForCommand(spec, ctx.actor.isAdmin);
    }
    const refuseNonAdmin = (sub: { name: string; admin: boolean }) => {
      if (sub.admin && !ctx.actor.isAdmin) {
        throw new UserError('not_admin', `Only community managers can use \`/${spec.name} ${sub.name}\`.`);
      }
    };
    // Checked before the arguments are read, so a non-admin never learns an admin command's grammar.
    const routed = routeCommand(def, spec, event.input, ctx.community.id, deps.repos.members, refuseNonAdmin);
    refuseNonAdmin({ name: routed.spec.name, admin: Boolean(routed.def.admin) });
    try {
      return routed.def.run(routed.args, ctx);
    } catch (error) {
      if (isUserError(error) && !error.usage) throw new UserError(error.code, error.message, routed.usage);
      throw error;
    }
  }

  function handle(event: InboundEvent, ctx: Context): Reply | undefined {
    switch (event.kind) {
      case 'command':
        return runCommand(event, ctx);
      case 'action':
        return handleAction(deps.features, event, ctx);
      case 'form_submit':
        return handleForm(deps.features, event, ctx);
      case 'member_joined':
        return handleJoin(deps.features, ctx);
      case 'member_left':
        return handleLeave(deps.features, ctx);
      case 'home_opened':
        return handleHome(deps.features, ctx);
    }
  }

  async function dispatch(raw: InboundEvent): Promise<Reply | undefined> {
    const correlationId = randomUUID().slice(0, 8);
    const log = deps.log.child({ correlationId, event: raw.kind, community: raw.actor?.community });
    try {
      const event = sanitizeDeep(raw);
      const now = deps.clock.now();
      const { actor } = event;
      // Sanitizing can empty a forged id (control characters only); nothing may be stored or sent under it.
      if (!actor.userId.trim()) throw new UserError('invalid_actor', 'I could not tell who you are. Try again.');
      const fresh = deps.repos.transaction(() => {
        if (event.eventId && !deps.repos.inboundEvents.firstSight(actor.community, event.eventId, now)) return false;
        deps.repos.communities.ensure(actor.community, now);
        // A departure is not activity; a join records when they arrived.
        if (event.kind === 'member_joined') {
          deps.repos.members.markJoined(actor.community, actor.userId, actor.displayName, now);
        } else if (event.kind !== 'member_left') {
          deps.repos.members.touch(actor.community, actor.userId, actor.displayName, now);
        }
        return true;
      });
      if (!fresh) return undefined;
      const deferred: (() => Promise<string | undefined>)[] = [];
      const reply = deps.repos.transaction(() => {
        const ctx = buildContext(deps, actor, event.channelId, now, log, extras(actor.community, deferred));
        return withDmNotice(ctx, handle(event, ctx));
      });
      deps.onCommit?.();
      return await withDeferred(reply, deferred);
    } catch (error) {
      if (isUserError(error)) return userErrorReply(error);
      log.error({ err: error }, 'dispatch failed');
      return {
        text: `Sorry, something went wrong on my side and nothing was changed. If it happens again, tell a community manager this code: ${fmt.code(correlationId)}.`,
      };
    }
  }

  function extras(community: CommunityId, deferred: (() => Promise<string | undefined>)[]): ContextExtras {
    return {
      catalog,
      defer: (task) => deferred.push(task),
      runJobNow: async (name) => {
        const job = jobs.find((j) => j.name === name);
        if (!job) throw new UserError('unknown_job', `There is no job called ${name}.`);
        const result = await runJob(job, loadCommunity(deps, community, deps.clock.now()), deps);
        deps.onCommit?.();
        return result;
      },
    };
  }

  async function withDeferred(reply: Reply | undefined, deferred: (() => Promise<string | undefined>)[]) {
    const lines: string[] = [];
    for (const task of deferred) {
      const line = await task();
      if (line) lines.push(line);
    }
    if (lines.length === 0) return reply;
    const text = lines.join('\n');
    return reply ? { ...reply, context: reply.context ? `${reply.context}\n${text}` : text } : { text };
  }

  function autocomplete(event: CommandEvent, source: string, prefix: string) {
    const now = deps.clock.now();
    const actor = sanitizeDeep(event.actor);
    const ctx = buildContext(deps, actor, event.channelId, now, deps.log, extras(actor.community, []));
    for (const feature of deps.features) {
      const found = feature.autocomplete?.(source, prefix, ctx);
      if (found) return found.slice(0, 25);
    }
    return [];
  }

  return { dispatch, autocomplete, catalog };
}

function needsSubcommand(spec: CommandSpec): boolean {
  return spec.defaultSubcommand === undefined && spec.subcommands.every((s) => s.name !== '');
}

function userErrorReply(error: UserError): Reply {
  return { text: error.message, context: error.usage ? `Usage: ${fmt.code(error.usage)}` : undefined };
}

/** Tells a member, once, that their DMs are closed, on the next thing they do. */
function withDmNotice(ctx: Context, reply: Reply | undefined): Reply | undefined {
  const member = ctx.repos.members.get(ctx.community.id, ctx.actor.userId);
  if (!member?.dmUnreachable || member.dmNoticeShown) return reply;
  ctx.repos.members.markDmNoticeShown(ctx.community.id, ctx.actor.userId);
  const notice =
    "Heads-up: I couldn't send you a direct message — your DMs seem closed to me. Open them to get matches, reminders and feedback requests.";
  if (!reply) return { text: notice };
  return { ...reply, context: reply.context ? `${reply.context}\n${notice}` : notice };
}
