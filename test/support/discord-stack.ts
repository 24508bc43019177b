/**
 * Hallway as it runs in production — `createApp` with the real core, a fresh database of the run's dialect (see
 * `openTestStorage`), outbox drainer and discord.js client — against the fake Discord on 127.0.0.1, for full-stack end-to-end tests:
 *
 *   const stack = await DiscordStack.start();
 *   const ana = stack.fake.addMember('ana', '0', 'Ana');
 *   const answer = await stack.command(ana, 'skills', 'offer', { skills: 'photography' });
 *   expect(answer.data.content).toMatch(/^Added/);   // the interaction's answer; the outbox has settled
 *   expect(stack.dmsTo(ana)).toHaveLength(0);
 *
 * Every helper waits on something observable (a recorded REST call, `app.drainer.idle()`), never on a timer.
 */
import { PassThrough, Readable } from 'node:stream';
import { type Config, loadConfig } from '../../src/app/config.ts';
import { type App, createApp } from '../../src/app/create-app.ts';
import type { CommunityId } from '#core/ids.ts';
import { type Logger, silentLogger } from '#core/ports/logger.ts';
import { openTestStorage } from './databases.ts';
import { FakeClock } from './fake-clock.ts';
import { FakeDiscord, type InteractionState, type RecordedCall } from './fake-discord.ts';
import { type FakeGuild, type FakeUser, snowflake } from './fake-discord-payloads.ts';
import type { Recorder } from './recorder.ts';
import { type Dispatched, recordDispatch } from './second-process.ts';
import { type TestRepos, testRepos } from './test-bot.ts';

/** Discord option types used by Hallway's commands. */
const OPTION_TYPE = { string: 3, integer: 4, boolean: 5, user: 6, channel: 7 } as const;

/** A typed option value; user and channel options are given as `{ user }` / `{ channel }` with the id. */
export type OptionValue = string | number | boolean | { user: string } | { channel: string };

/** An interaction's answer as recorded by the fake. */
export interface Answer {
  readonly interaction: InteractionState;
  /** The call that carried the answer: the interaction callback, or the webhook edit/follow-up after a deferral. */
  readonly call: RecordedCall;
  /** Callback type: 4 message (also after a deferral), 7 update of the clicked message, 9 modal. */
  readonly type: number;
  /** The app deferred first, then answered through the webhook. */
  readonly deferred: boolean;
  // biome-ignore lint/suspicious/noExplicitAny: the wire format, read freely by tests.
  readonly data: any;
}

export interface StackOptions {
  /** Extra text channels of the guild (besides `general`), by name: created before the gateway connects. */
  readonly channels?: readonly string[];
  readonly start?: string;
  /** The adapter's REST timeout (`timeoutMs`), short in tests of requests that never get an answer. */
  readonly timeoutMs?: number;
  /** Where the app logs; default nowhere. */
  readonly log?: Logger;
  /** More environment for the app (e.g. `DISCORD_SHARDS`). */
  readonly env?: Record<string, string>;
  /** Shapes the fake before the client connects (guilds, the recommended shard count). */
  readonly prepare?: (fake: FakeDiscord) => void;
}

export class DiscordStack {
  /** Channel ids by name (`general` and the extra ones). */
  readonly channels = new Map<string, string>();
  /** Every store of the app's database, each call in a transaction of its own (tests read and seed through these). */
  readonly repos: TestRepos;

  private constructor(
    readonly fake: FakeDiscord,
    readonly app: App,
    readonly clock: FakeClock,
    /** The configuration the app runs with (a second process takes the same). */
    readonly config: Config,
    /** Every event the app dispatched, and whether it answered. */
    readonly dispatched: Recorder<Dispatched>,
  ) {
    this.repos = testRepos(app.storage);
    for (const c of fake.guild.channels) this.channels.set(c.name, c.id);
  }

  /** Starts the fake, then the app (which connects, registers the commands and starts the drainer). */
  static async start(options: StackOptions = {}): Promise<DiscordStack> {
    const fake = await FakeDiscord.start();
    // The guild's channels are sent in GUILD_CREATE, so they must exist before the client identifies.
    const channels = fake.guild.channels as { id: string; name: string }[];
    for (const name of options.channels ?? []) channels.push({ id: snowflake(), name });
    options.prepare?.(fake);
    const loaded = loadConfig({
      ...options.env,
      DISCORD_TOKEN: fake.token,
      DISCORD_APPLICATION_ID: fake.applicationId,
      DISCORD_API_URL: fake.apiUrl,
      // The app runs on the storage opened below; a path other than `:memory:` would start a WAL checkpointer.
      DATABASE_PATH: ':memory:',
      // The drainer's token bucket measures time on the injected clock, which stands still in these tests, so a
      // real rate would turn into an ever-growing debt paid in real time. Pacing is tested in the outbox tests.
      HALLWAY_SEND_RATE_DISCORD: '1000000',
      // The web dashboard on any free port of the loopback (tests run side by side).
      HALLWAY_WEB_PORT: '0',
    });
    // `createPlatform` passes the rest of `config.discord` on to the adapter, as the Slack stack does with `host`.
    const timeout = options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs };
    const config = {
      ...loaded,
      discord: { ...loaded.discord!, ...timeout },
      web: { ...loaded.web, host: '127.0.0.1' },
    };
    const clock = new FakeClock(options.start ?? '2026-11-16T08:00:00Z');
    const io = { input: Readable.from([]), output: new PassThrough(), color: false };
    const storage = await openTestStorage();
    const app = await createApp(config, options.log ?? silentLogger, io, { clock, scheduler: false, storage });
    const dispatched = recordDispatch(app);
    try {
      await app.start();
    } catch (error) {
      await fake.close();
      throw error;
    }
    return new DiscordStack(fake, app, clock, config, dispatched);
  }

  get community(): CommunityId {
    return `discord:${this.fake.guild.id}`;
  }

  channel(name: string): string {
    const id = this.channels.get(name);
    if (!id) throw new Error(`no channel ${name}`);
    return id;
  }

  /** Waits until the outbox has nothing due (everything queued so far was sent, or failed for good). */
  async settle(): Promise<void> {
    await this.app.drainer.idle();
  }

  /**
   * The answer to an interaction, then the outbox settled. A deferred answer (the app took over 1.5 s, e.g. on a
   * loaded machine) is followed to the edit or follow-up that carries the message.
   */
  async answerTo(interaction: InteractionState): Promise<Answer> {
    const call = await this.fake.waitFor('POST /interactions/:id/:token/callback', (c) =>
      c.path.startsWith(`/interactions/${interaction.id}/`),
    );
    const type = call.body?.type;
    if (type === 5 || type === 6) {
      const message = await this.fake.waitFor(
        /^(POST|PATCH) \/webhooks\//,
        (c) => c.path.includes(interaction.token) && c.body !== undefined,
      );
      await this.settle();
      const flags = call.body?.data?.flags ?? message.body.flags ?? 0;
      return { interaction, call: message, type: 4, data: { ...message.body, flags }, deferred: true };
    }
    await this.settle();
    return { interaction, call, type, data: call.body?.data ?? {}, deferred: false };
  }

  /** `/name [sub] option:value…` as `user`, in `general` of the fake's guild (or of `where`, or in a DM). */
  async command(
    user: FakeUser,
    name: string,
    sub?: string,
    options: Record<string, OptionValue | undefined> = {},
    where?: FakeGuild | 'dm',
  ): Promise<Answer> {
    const leaves = Object.entries(options)
      .filter(([, v]) => v !== undefined)
      .map(([key, v]) => optionJSON(key, v!));
    const payload = sub ? [{ name: sub, type: 1, options: leaves }] : leaves;
    return this.answerTo(this.fake.command(user, name, payload, where));
  }

  /** Clicks a button (its full custom id) on a message in `general` or in the user's DM. */
  async click(user: FakeUser, customId: string, at: { inDm?: boolean; messageId?: string } = {}): Promise<Answer> {
    return this.answerTo(this.fake.click(user, customId, at));
  }

  /** Submits a modal opened by `modal` (its recorded type 9 answer) with these values. */
  async submit(user: FakeUser, modal: Answer, values: Record<string, string>, inDm = false): Promise<Answer> {
    if (modal.type !== 9) throw new Error(`not a modal: callback type ${modal.type}`);
    return this.answerTo(this.fake.submitModal(user, modal.data.custom_id, values, inDm));
  }

  /** Messages successfully posted in a channel (by id), in order. */
  postsIn(channelId: string): RecordedCall[] {
    return this.fake
      .callsTo('POST /channels/:id/messages')
      .filter((c) => c.status === 200 && c.path === `/channels/${channelId}/messages`);
  }

  /** DMs successfully sent to a member, in order. */
  dmsTo(user: FakeUser): RecordedCall[] {
    return this.postsIn(this.fake.dmChannelFor(user.id));
  }

  /** Edits of one message, in order. */
  editsOf(channelId: string, messageId: string): RecordedCall[] {
    return this.fake
      .callsTo('PATCH /channels/:id/messages/:id')
      .filter((c) => c.path === `/channels/${channelId}/messages/${messageId}`);
  }

  /** Where a message Hallway saved under an outbox ref landed (e.g. `meetup-card:1`). */
  async messageRef(ref: string): Promise<{ channelId: string; messageId: string }> {
    const sent = await this.repos.messageRefs.get(this.community, ref);
    if (!sent) throw new Error(`no message saved under ${ref}`);
    return sent;
  }

  async stop(): Promise<void> {
    await this.app.stop();
    await this.fake.close();
  }
}

function optionJSON(name: string, value: OptionValue) {
  if (typeof value === 'object') {
    return 'user' in value
      ? { name, type: OPTION_TYPE.user, value: value.user }
      : { name, type: OPTION_TYPE.channel, value: value.channel };
  }
  const type =
    typeof value === 'boolean'
      ? OPTION_TYPE.boolean
      : typeof value === 'number'
        ? OPTION_TYPE.integer
        : OPTION_TYPE.string;
  return { name, type, value };
}

/** Every button custom id in a recorded message body (or interaction answer data). */
// biome-ignore lint/suspicious/noExplicitAny: the wire format.
export function customIds(body: any): string[] {
  // biome-ignore lint/suspicious/noExplicitAny: the wire format.
  return (body?.components ?? []).flatMap((row: any) => row.components.map((b: any) => String(b.custom_id)));
}

/** A message body's visible text: content, embed title, description and fields (name: value). */
// biome-ignore lint/suspicious/noExplicitAny: the wire format.
export function visibleText(body: any): string {
  const parts: string[] = [body?.content ?? ''];
  for (const e of body?.embeds ?? []) {
    parts.push(e.title ?? '', e.description ?? '');
    for (const f of e.fields ?? []) parts.push(`${f.name}: ${f.value}`);
  }
  return parts.filter(Boolean).join('\n');
}
