/**
 * The core's single entry point: an inbound event in, a Reply out. Never throws. Member mistakes (UserError) come
 * back as ephemeral messages; anything else is logged with a correlation id and the member sees a short apology
 * carrying it. Each handler runs in one transaction, so a failure leaves nothing half-written.
 */
import { randomUUID } from 'node:crypto';
import { answerInPlace } from './answer-in-place.ts';
import { buildCatalog } from './catalog.ts';
import type { BoundFeature } from './command.ts';
import {
  type ContextExtras,
  type CoreDeps,
  type EventScope,
  featureContext,
  isAdmin,
  loadCommunity,
  toCommunity,
} from './context.ts';
import { isUserError, UserError } from './errors.ts';
import { handleEvent } from './handlers.ts';
import type { CommunityId } from './ids.ts';
import type { CommandEvent, Dispatch, DispatchHooks, InboundEvent } from './inbound.ts';
import { runJob } from './jobs.ts';
import type { CoreStores } from './ports/storage.ts';
import type { Reply } from './reply.ts';
import { checkSendBudget } from './send-budget.ts';
import type { MemberRecord } from './stores/members.ts';
import { fmt, longestString, MAX_INBOUND_CHARS, sanitizeDeep } from './text.ts';
import { inUnit, type Unit } from './unit.ts';

export interface Core {
  readonly dispatch: Dispatch;
  /** Discord autocomplete: suggestions for an option source, answered by the feature that owns it. */
  autocomplete(event: CommandEvent, source: string, prefix: string): Promise<{ name: string; value: string }[]>;
  readonly catalog: ReturnType<typeof buildCatalog>;
}

export interface DispatcherDeps extends CoreDeps {
  /** Called after a handler committed, so the outbox drainer sends what it enqueued now. */
  readonly onCommit?: () => void;
}

export function createCore(deps: DispatcherDeps): Core {
  const catalog = buildCatalog(deps.features);
  const jobs = deps.features.flatMap((feature) => (feature.jobs ?? []).map((job) => ({ feature, job })));

  async function dispatch(raw: InboundEvent, hooks?: DispatchHooks): Promise<Reply | undefined> {
    const correlationId = randomUUID().slice(0, 8);
    const log = deps.log.child({ correlationId, event: raw.kind, community: raw.actor?.community });
    try {
      // Every parser after this point sees bounded input, whatever the platform let through.
      if (longestString(raw) > MAX_INBOUND_CHARS) {
        throw new UserError(
          'too_long',
          `That is more text than I can take at once (${MAX_INBOUND_CHARS.toLocaleString('en')} characters at most). Shorten it and try again.`,
        );
      }
      const event = sanitizeDeep(raw);
      const now = deps.clock.now();
      const { actor } = event;
      // Sanitizing can empty a forged id (control characters only); nothing may be stored or sent under it.
      if (!actor.userId.trim()) throw new UserError('invalid_input', 'I could not tell who you are. Try again.');
      // One transaction for the whole event: who acted, then the handler. A handler that fails rolls all of it back,
      // and `record` then keeps who acted (and the event id) in a small unit of its own.
      const record = async (core: CoreStores) => {
        if (event.eventId && !(await core.inboundEvents.firstSight(actor.community, event.eventId, now))) return;
        // A departure is not activity; a join records when they arrived. Either way the community comes back with
        // the member's row (one round trip), or the community is new and is created.
        if (event.kind === 'member_left') return { community: await core.communities.ensure(actor.community, now) };
        const { member, community } = await core.members.arrive(
          actor.community,
          actor.userId,
          actor.displayName,
          now,
          event.kind === 'member_joined',
        );
        return { member, community: community ?? (await core.communities.ensure(actor.community, now)) };
      };
      // Made anew by each attempt: a unit PostgreSQL retries must not keep the failed attempt's after-commit work.
      let deferred: (() => Promise<string | undefined>)[] = [];
      let duplicate = false;
      let reply: Reply | undefined;
      try {
        reply = await inUnit(deps, 'interactive', async (unit) => {
          deferred = [];
          const seen = await record(unit.core);
          duplicate = seen === undefined;
          if (!seen) return undefined;
          const community = toCommunity(deps, seen.community);
          // Managers' actions are theirs to answer for; everyone else's new messages count in their send budget.
          const counted = !isAdmin(deps, actor);
          if (counted) unit.notify.sentFor = actor.userId;
          const scope: EventScope = {
            actor,
            channelId: event.channelId,
            community,
            now,
            log,
            extras: extras(actor.community, deferred),
          };
          const found = await handleEvent(deps, unit, scope, event);
          const limit = community.settings['member-sends'] as number;
          if (counted) await checkSendBudget(unit, community.id, actor.userId, limit, now);
          const inPlace = await answerInPlace(unit, community.id, event, found);
          return withDmNotice(unit, scope, seen.member, inPlace);
        });
      } catch (error) {
        await inUnit(deps, 'interactive', ({ core }) => record(core)).catch((failure: unknown) =>
          log.error({ err: failure }, 'could not record the event after its handler failed'),
        );
        throw error;
      }
      if (duplicate) {
        hooks?.onDuplicate?.();
        return undefined;
      }
      deps.onCommit?.();
      return await withDeferred(reply, deferred);
    } catch (error) {
      if (isUserError(error)) return userErrorReply(error, raw);
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
        const found = jobs.find((j) => j.job.name === name);
        if (!found) throw new UserError('not_found', `There is no job called ${name}.`);
        const result = await runJob(found.feature, found.job, community, deps, { manual: true });
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

  async function autocomplete(event: CommandEvent, source: string, prefix: string) {
    const now = deps.clock.now();
    const actor = sanitizeDeep(event.actor);
    try {
      return await inUnit(deps, 'interactive', async (unit) => {
        const community = await loadCommunity(deps, unit.core.communities, actor.community, now);
        const scope: EventScope = {
          actor,
          channelId: event.channelId,
          community,
          now,
          log: deps.log,
          extras: extras(actor.community, []),
        };
        for (const feature of deps.features) {
          const found = await feature.autocomplete?.(source, prefix, featureContext(deps, unit, scope, feature));
          if (found) return found.slice(0, 25);
        }
        return [];
      });
    } catch (error) {
      deps.log.error({ err: error }, 'autocomplete failed');
      return [];
    }
  }

  return { dispatch, autocomplete, catalog };
}

function userErrorReply(error: UserError, event: InboundEvent): Reply {
  // A refused form: the adapter keeps what was typed and shows the error at its field (see Reply.formError).
  const formError = event.kind === 'form_submit' ? { field: error.field, message: error.message } : undefined;
  return { text: error.message, context: error.hint, formError };
}

/** Tells a member, once, that their DMs are closed, on the next thing they do. */
async function withDmNotice(
  unit: Unit,
  scope: EventScope,
  member: MemberRecord | undefined,
  reply: Reply | undefined,
): Promise<Reply | undefined> {
  const { community, actor } = scope;
  if (!member?.dmUnreachable || member.dmNoticeShown) return reply;
  await unit.core.members.markDmNoticeShown(community.id, actor.userId);
  const notice =
    "Heads-up: I couldn't send you a direct message — your DMs seem closed to me. Open them to get matches, reminders and feedback requests.";
  if (!reply) return { text: notice };
  return { ...reply, context: reply.context ? `${reply.context}\n${notice}` : notice };
}

export type { BoundFeature };
