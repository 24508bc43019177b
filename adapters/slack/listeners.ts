/**
 * Bolt listeners: each one acknowledges first (Slack gives 3 seconds), then turns the payload into an
 * `InboundEvent`, hands it to the core and shows the answer. No business logic lives here.
 */
import type { App } from '@slack/bolt';
import type { CommandCatalog } from '#core/catalog.ts';
import type { CommunityId } from '#core/ids.ts';
import type { Dispatch, InboundEvent } from '#core/inbound.ts';
import type { Logger } from '#core/ports/logger.ts';
import type { Answerer } from './answer.ts';
import { renderModal, renderOutcomeModal } from './render-view.ts';
import * as inbound from './to-inbound.ts';
import type { Workspace } from './workspaces.ts';

/** What the listeners need from the adapter. */
export interface ListenerDeps {
  readonly dispatch: Dispatch;
  /** The clients of the workspace a request came from (its own token in OAuth mode). */
  readonly workspace: (teamId: string) => Promise<Workspace>;
  readonly log: Logger;
}

/**
 * A view_submission must be acked within 3 s, and the ack is the only way to show something in the modal. The core
 * answers in milliseconds, so we wait for it up to this long and put its answer in the modal; past that, the modal
 * closes and the answer comes as a DM.
 */
const VIEW_ANSWER_BUDGET_MS = 2_000;

export function registerListeners(app: App, catalog: CommandCatalog, deps: ListenerDeps): void {
  const run = safeDispatch(deps);
  // HALLWAY_MANAGERS is the core's business: the adapter reports Slack's own admins and owners only.
  const facts = async (teamId: string, userId: string, name?: string): Promise<inbound.UserFacts> =>
    (await deps.workspace(teamId)).users.factsFor(userId, name);
  const answers = async (teamId: string) => (await deps.workspace(teamId)).answers;

  for (const spec of catalog) {
    app.command(`/${spec.name}`, async ({ command, ack, respond, context }) => {
      await ack();
      const who = await facts(command.team_id, command.user_id, command.user_name);
      const reply = await run(once(inbound.commandEvent(command, who), context));
      const target = { userId: command.user_id, respond, triggerId: command.trigger_id };
      if (reply) await (await answers(command.team_id)).answer(reply, target);
    });
  }

  app.action({ type: 'block_actions' }, async ({ body, ack, respond, context }) => {
    await ack();
    const who = await facts(inbound.interactionTeam(body), body.user.id, body.user.name ?? body.user.username);
    const parsed = inbound.actionEvent(body, who);
    const event = parsed && once(parsed, context);
    if (!event) return;
    const reply = await run(event);
    const fromHome = body.view?.type === 'home';
    const target = {
      userId: body.user.id,
      triggerId: body.trigger_id,
      respond: body.response_url ? respond : undefined,
      inModal: body.view?.type === 'modal',
    };
    const team = inbound.interactionTeam(body);
    if (reply) await (await answers(team)).answer(reply, target);
    // A click on the Home tab usually changes what Home shows (an RSVP, a new suggestion): redraw it.
    if (fromHome) await refreshHome(event.actor.community, body.user.id, who, run, await answers(team));
  });

  app.view({ type: 'view_submission' }, async ({ body, ack, context }) => {
    // The member lookup counts against the budget too: a slow users.info must not make the ack late.
    const pending = facts(inbound.interactionTeam(body), body.user.id, body.user.name).then((who) =>
      run(once(inbound.formSubmitEvent(body, who), context)),
    );
    const outcome = await within(pending, VIEW_ANSWER_BUDGET_MS);
    if (!outcome.done) {
      await ack();
      const late = await pending;
      if (late) await (await answers(inbound.interactionTeam(body))).dm(body.user.id, late);
      return;
    }
    const reply = outcome.value;
    if (!reply) return ack();
    // Refused: the modal stays open with everything typed, the error under its field (or the first one).
    if (reply.formError) {
      const blocks = Object.keys(body.view.state.values);
      const field = reply.formError.field && blocks.includes(reply.formError.field) ? reply.formError.field : blocks[0];
      if (field) return ack({ response_action: 'errors', errors: { [field]: reply.formError.message } });
    }
    if (reply.form) return ack({ response_action: 'update', view: renderModal(reply.form) });
    await ack({ response_action: 'update', view: renderOutcomeModal(reply, body.view.title?.text ?? 'Hallway') });
    // A modal cannot hold a file: the outcome says the file is in the member's messages, and this puts it there.
    await (await answers(inbound.interactionTeam(body))).upload(reply, body.user.id);
  });

  registerEvents(app, deps, run, facts, answers);
}

/**
 * A command, click or form submission keyed by its signed request (see replay.ts), so an identical copy of the
 * request has one effect: the core records the key as it records Slack's event ids.
 */
function once<E extends InboundEvent>(event: E, context: Readonly<Record<string, unknown>>): E {
  // Set by the HTTP receiver (slack.adapter.ts); absent in Socket Mode, where no request is signed.
  const key = context['hallwayRequestKey'];
  return typeof key === 'string' && !event.eventId ? { ...event, eventId: key } : event;
}

function registerEvents(
  app: App,
  deps: ListenerDeps,
  run: Dispatch,
  facts: (teamId: string, userId: string, name?: string) => Promise<inbound.UserFacts>,
  answers: (teamId: string) => Promise<Answerer>,
): void {
  app.event('team_join', async ({ body, event, context }) => {
    logRetry(deps.log, body.event_id, context.retryNum, context.retryReason);
    (await deps.workspace(body.team_id)).users.remember(event.user as inbound.SlackUser);
    const joined = inbound.teamJoinEvent({ ...body, event: { user: event.user as inbound.SlackUser } });
    const reply = joined && (await run(joined));
    if (reply) await (await answers(body.team_id)).dm(event.user.id, reply);
  });

  app.event('member_joined_channel', async ({ body, event, context }) => {
    logRetry(deps.log, body.event_id, context.retryNum, context.retryReason);
    if (event.user === context.botUserId) return; // the app itself was added to a channel
    const joined = inbound.channelJoinEvent(body, await facts(body.team_id, event.user));
    const reply = joined && (await run(joined));
    if (reply) await (await answers(body.team_id)).dm(event.user, reply);
  });

  app.event('user_change', async ({ body, event }) => {
    const user = event.user as inbound.SlackUser;
    (await deps.workspace(body.team_id)).users.remember(user); // keeps admin rights and names fresh
    const left = inbound.userChangeEvent({ ...body, event: { user } });
    if (left) await run(left);
  });

  app.event('app_home_opened', async ({ body, event, context }) => {
    logRetry(deps.log, body.event_id, context.retryNum, context.retryReason);
    const opened = inbound.homeOpenedEvent(body, await facts(body.team_id, event.user));
    const reply = opened && (await run(opened));
    if (reply) await (await answers(body.team_id)).publishHome(event.user, reply);
  });
}

async function refreshHome(
  community: CommunityId,
  userId: string,
  who: inbound.UserFacts,
  run: Dispatch,
  answers: Answerer,
): Promise<void> {
  const actor = { community, userId, displayName: who.displayName, isPlatformAdmin: who.isPlatformAdmin };
  const home = await run({ kind: 'home_opened', actor: who.timezone ? { ...actor, timezone: who.timezone } : actor });
  if (home) await answers.publishHome(userId, home);
}

/**
 * Slack redelivers an event it thinks we missed (`X-Slack-Retry-Num`). The redelivery keeps its `event_id`, which
 * travels as `eventId`, and the core handles each id once; dropping retries here instead would lose the event when
 * the first delivery really failed (the app was restarting).
 */
function logRetry(log: Logger, eventId: string | undefined, retryNum?: number, retryReason?: string): void {
  if (retryNum) log.info({ eventId, retryNum, retryReason }, 'Slack redelivered an event');
}

/** `dispatch` never throws by contract; this keeps a broken promise from escaping into Bolt anyway. */
function safeDispatch(deps: ListenerDeps): Dispatch {
  return async (event: InboundEvent) => {
    try {
      return await deps.dispatch(event);
    } catch (error) {
      deps.log.error({ kind: event.kind, error: String(error) }, 'dispatch threw; nothing shown');
      return undefined;
    }
  };
}

/** Settles with the promise's value if it resolves within `ms`, else reports that it is still running. */
async function within<T>(promise: Promise<T>, ms: number): Promise<{ done: true; value: T } | { done: false }> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<{ done: false }>((resolve) => {
    timer = setTimeout(() => resolve({ done: false }), Math.max(0, ms));
  });
  try {
    return await Promise.race([promise.then((value) => ({ done: true as const, value })), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
