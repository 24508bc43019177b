/**
 * Hallway as it runs in production — `createApp` with the real core, a fresh database of the run's dialect (see
 * `openTestStorage`), outbox drainer and Bolt app over HTTP — against the fake Slack Web API on 127.0.0.1, driven with signed requests, for full-stack tests:
 *
 *   const stack = await SlackStack.start({ users: [{ id: 'U0ANA', name: 'ana', is_admin: true }] });
 *   const { response } = await stack.command('U0ANA', '/skills offer photography');
 *   expect(stack.dmsTo('U0ANA')).toHaveLength(0);
 *
 * Every helper waits on something observable (the core's answer, a recorded Web API call or `response_url` POST,
 * `app.drainer.idle()`), never on a timer.
 */
import { randomUUID } from 'node:crypto';
import { PassThrough, Readable } from 'node:stream';
import type { SlackPlatform } from '../../adapters/slack/slack.adapter.ts';
import { loadConfig } from '../../src/app/config.ts';
import { type App, createApp } from '../../src/app/create-app.ts';
import type { CommunityId } from '#core/ids.ts';
import type { Dispatch, InboundEvent } from '#core/inbound.ts';
import type { Reply } from '#core/reply.ts';
import { viewProblems } from './block-kit-limits.ts';
import { openTestStorage } from './databases.ts';
import { FakeClock } from './fake-clock.ts';
import { type ApiCall, FakeSlack, type FakeUser, type Responded } from './fake-slack.ts';
import { Recorder } from './recorder.ts';
import { ErrorLog, type SlackButton, buttonsOf } from './slack-stack-support.ts';
import { type TestRepos, testRepos } from './test-bot.ts';
import {
  buttonClick,
  eventEnvelope,
  type SlackTarget,
  sendCommand,
  sendEvent,
  sendInteraction,
  viewSubmission,
} from './slack-requests.ts';

export { blocksText, buttonsOf, mrkdwnToPlain, type SlackButton } from './slack-stack-support.ts';

/** An event the core answered, and its answer (what the adapter then showed). */
export interface Handled {
  readonly event: InboundEvent;
  readonly reply: Reply | undefined;
}

/** What a command or click led to: the core's reply, and how Slack showed it (a `response_url` POST or a modal). */
export interface Outcome {
  readonly reply: Reply | undefined;
  readonly response?: Responded;
  readonly modal?: ApiCall;
}

export interface StackOptions {
  readonly users: readonly FakeUser[];
  readonly start?: string;
  readonly timezone?: string;
  /** The adapter's Web API timeout (`timeoutMs`), short in tests of requests that never get an answer. */
  readonly timeoutMs?: number;
}

const SECRET = 'hallway-e2e-signing-secret';

export class SlackStack {
  /** Every store of the app's database, each call in a transaction of its own (tests read and seed through these). */
  readonly repos: TestRepos;

  private constructor(
    readonly fake: FakeSlack,
    readonly app: App,
    readonly clock: FakeClock,
    readonly errors: ErrorLog,
    readonly target: SlackTarget,
    /** Every event the core finished with, in order (the real dispatch, observed, not replaced). */
    readonly handled: Recorder<Handled>,
  ) {
    this.repos = testRepos(app.storage);
  }

  /** Starts the fake, then the app (auth.test, Bolt on a free port, the drainer). */
  static async start(options: StackOptions): Promise<SlackStack> {
    const fake = await FakeSlack.start();
    for (const user of options.users) fake.addUser(user);
    const loaded = loadConfig({
      SLACK_BOT_TOKEN: fake.botToken,
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: fake.apiUrl,
      // The app runs on the storage opened below; a path other than `:memory:` would start a WAL checkpointer.
      DATABASE_PATH: ':memory:',
      HALLWAY_TIMEZONE: options.timezone ?? 'UTC',
      // The drainer's token bucket measures time on the injected clock, which stands still in these tests, so a
      // real rate would turn into an ever-growing debt paid in real time. Pacing is tested in the outbox tests.
      HALLWAY_SEND_RATE_SLACK: '1000000',
    });
    // PORT must be 1-65535 in the environment; the adapter itself takes 0 (a free port) and reports the real one.
    // The environment has no listen address either; `createPlatform` passes the rest of `config.slack` on to the
    // adapter, whose `host` keeps the test server on the loopback interface.
    const timeout = options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs };
    const config = { ...loaded, slack: { ...loaded.slack!, port: 0, host: '127.0.0.1', ...timeout } };
    const clock = new FakeClock(options.start ?? '2026-11-16T08:00:00Z');
    const errors = new ErrorLog();
    const io = { input: Readable.from([]), output: new PassThrough(), color: false };
    const storage = await openTestStorage();
    const app = await createApp(config, errors, io, { clock, scheduler: false, storage });
    const handled = new Recorder<Handled>();
    observeDispatch(app, handled);
    try {
      await app.start();
    } catch (error) {
      await app.stop();
      await fake.close();
      throw error;
    }
    const port = (app.platforms.get('slack') as SlackPlatform).port;
    const target = { url: `http://127.0.0.1:${port}/slack/events`, signingSecret: SECRET };
    return new SlackStack(fake, app, clock, errors, target, handled);
  }

  get community(): CommunityId {
    return `slack:${this.fake.teamId}`;
  }

  /** Waits until the outbox has nothing due (everything queued so far was sent, or failed for good). */
  async settle(): Promise<void> {
    await this.app.drainer.idle();
  }

  /** `/command text` typed by `userId` in `channelId`; resolves once it was answered and the outbox settled. */
  async command(userId: string, line: string, channelId = 'C0GENERAL'): Promise<Outcome> {
    const match = /^(\/\S+)\s*([\s\S]*)$/.exec(line.trim());
    if (!match) throw new Error(`not a command: ${line}`);
    const [, command, text] = match as unknown as [string, string, string];
    const responseId = randomUUID();
    const fields = {
      command,
      text,
      user_id: userId,
      team_id: this.fake.teamId,
      channel_id: channelId,
      response_url: this.fake.responseUrl(responseId),
      trigger_id: `trigger-${responseId}`,
    };
    const from = this.handled.length;
    this.expectOk(await sendCommand(this.target, fields));
    const { reply } = await this.handled.waitFor(
      ({ event: e }) => e.kind === 'command' && e.actor.userId === userId && `/${e.command}` === command,
      from,
      `core answer to ${line}`,
    );
    return this.shown(reply, responseId, fields.trigger_id);
  }

  /** Clicks the button labelled `label` on a message Hallway sent (a recorded postMessage or update). */
  async click(userId: string, message: ApiCall, label: string): Promise<Outcome> {
    const button = buttonsOf(message).find((b) => b.label === label);
    if (!button) throw new Error(`no "${label}" button on ${message.method}: ${JSON.stringify(message.args.blocks)}`);
    return this.press(userId, message, button);
  }

  /** Sends one click on `button` of `message` (tests of duplicate deliveries call this twice). */
  async press(userId: string, message: ApiCall, button: SlackButton): Promise<Outcome> {
    const responseId = randomUUID();
    const where = messageLocation(message);
    const payload = buttonClick({
      teamId: this.fake.teamId,
      userId,
      actionId: button.actionId,
      value: button.value,
      responseUrl: this.fake.responseUrl(responseId),
      messageTs: where.ts,
      channelId: where.channel,
    });
    const from = this.handled.length;
    this.expectOk(await sendInteraction(this.target, payload));
    const { reply } = await this.handled.waitFor(
      ({ event: e }) => e.kind === 'action' && e.actor.userId === userId && e.value === button.value,
      from,
      `core answer to a click on ${button.label}`,
    );
    return this.shown(reply, responseId, payload.trigger_id);
  }

  /**
   * Submits a modal Hallway opened (a recorded views.open) with these values (a number: a date-time picker's unix
   * seconds); returns the ack's body.
   */
  // biome-ignore lint/suspicious/noExplicitAny: the wire format, read freely by tests.
  async submit(userId: string, opened: ApiCall, values: Record<string, string | number>): Promise<any> {
    const view = opened.args.view as { callback_id: string; private_metadata?: string };
    const payload = viewSubmission({
      teamId: this.fake.teamId,
      userId,
      callbackId: view.callback_id,
      privateMetadata: view.private_metadata,
      values,
    });
    const res = this.expectOk(await sendInteraction(this.target, payload));
    // The ack carries the core's answer (Bolt waits for it), so the handler has committed by now.
    await this.settle();
    const ack = res.text ? JSON.parse(res.text) : {};
    if (ack.view) this.errors.check('view_submission ack', viewProblems(ack.view));
    return ack;
  }

  /** Delivers an Events API event (again, with `retryNum`); resolves once the core saw it and the outbox settled. */
  async event(event: Record<string, unknown>, eventId: string, retryNum?: number): Promise<Handled> {
    const from = this.handled.length;
    this.expectOk(await sendEvent(this.target, eventEnvelope(this.fake.teamId, event, eventId), retryNum));
    const handled = await this.handled.waitFor((h) => h.event.eventId === eventId, from, `event ${eventId}`);
    await this.settle();
    return handled;
  }

  /** Messages successfully posted to a channel, or to a member's DM (`channel` = their user id), in order. */
  postsTo(channel: string): ApiCall[] {
    return this.fake.succeeded('chat.postMessage').filter((c) => c.args.channel === channel);
  }

  dmsTo(userId: string): ApiCall[] {
    return this.postsTo(userId);
  }

  /** Successful edits of one message. */
  updatesOf(message: ApiCall): ApiCall[] {
    const { channel, ts } = messageLocation(message);
    return this.fake.succeeded('chat.update').filter((c) => c.args.channel === channel && c.args.ts === ts);
  }

  /**
   * What should never happen in a healthy run: a payload Slack would refuse (invalid_blocks, a 400 on a
   * response_url), an unexpected Web API error, an outbox item failed for good, an error logged by the app.
   */
  async problems(allowedErrors: readonly string[] = []): Promise<string[]> {
    const refused = this.fake.calls.all
      .filter((c) => c.answer.ok !== true && !allowedErrors.includes(String(c.answer.error)))
      .map((c) => `${c.method}: ${c.answer.error} ${JSON.stringify(c.answer.response_metadata ?? '')}`);
    const responses = this.fake.responses.all.filter((r) => r.status !== 200).map((r) => `response_url ${r.status}`);
    const { failed } = await this.repos.outbox.counts(this.community);
    return [...refused, ...responses, ...(failed ? [`${failed} outbox item(s) failed`] : []), ...this.errors.lines];
  }

  async stop(): Promise<void> {
    await this.app.stop();
    await this.fake.close();
  }

  /** After the core answered: wait for the answer to be shown (a modal, or a response_url POST), then settle. */
  private async shown(reply: Reply | undefined, responseId: string, triggerId: string): Promise<Outcome> {
    let outcome: Outcome = { reply };
    if (reply?.form) {
      outcome = { reply, modal: await this.fake.waitFor('views.open', (c) => c.args.trigger_id === triggerId) };
    } else if (reply) {
      outcome = { reply, response: await this.fake.waitForResponse((r) => r.id === responseId) };
    }
    await this.settle();
    return outcome;
  }

  private expectOk(res: { status: number; text: string }) {
    if (res.status !== 200) throw new Error(`Slack app answered ${res.status}: ${res.text}`);
    return res;
  }
}

/**
 * Records every event the real core finished with. `createApp` hands `core.dispatch` to the adapter in `start()`,
 * so wrapping it before then observes the production path without replacing any of it.
 */
export function observeDispatch(app: App, into: Recorder<Handled>): void {
  const core = app.core as { dispatch: Dispatch };
  const real = core.dispatch;
  core.dispatch = async (event) => {
    const reply = await real(event);
    into.push({ event, reply });
    return reply;
  };
}

/** Where a recorded message landed: the channel and ts Slack answered with (updates keep the original's). */
export function messageLocation(message: ApiCall): { channel: string; ts: string } {
  if (message.method === 'chat.update') return { channel: String(message.args.channel), ts: String(message.args.ts) };
  return { channel: String(message.answer.channel), ts: String(message.answer.ts) };
}
