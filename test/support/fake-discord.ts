/**
 * A fake Discord on 127.0.0.1: the REST API under `/api/v10` and the gateway at `/gateway`, for the real discord.js
 * client (`rest: { api: fake.apiUrl }`). It records every REST call, enforces Discord's payload limits (400 / 50035),
 * answers each interaction once (a second answer: 40060; after 3 s: 10062), and can be scripted: a 429 with
 * Discord's headers, 5xx, a request never answered or cut mid-answer, closed DMs (403 / 50007), a refused token or
 * intent, a redelivered interaction, gateway reconnects and resumes. Tests wait on recorded calls, never sleep.
 */
import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FakeGateway } from './fake-discord-gateway.ts';
import {
  type FakeGuild,
  type FakeUser,
  memberJSON,
  messageJSON,
  snowflake,
  snowflakeOnShard,
  userJSON,
} from './fake-discord-payloads.ts';
import { route as routeRest } from './fake-discord-rest.ts';

export interface RecordedCall {
  readonly method: string;
  /** Path after `/api/v10`, URL-decoded (`@original`), without the query. */
  readonly path: string;
  /** Method and path with snowflakes as `:id` and interaction tokens as `:token`. */
  readonly route: string;
  readonly query: URLSearchParams;
  /** JSON body, or `payload_json` of a multipart body. */
  // biome-ignore lint/suspicious/noExplicitAny: tests read recorded JSON freely, like the wire format it is.
  readonly body: any;
  readonly files: { name: string; content: string }[];
  readonly authorized: boolean;
  readonly at: number;
  status: number;
}

export interface Scripted {
  readonly route: string | RegExp;
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
  /** Only a call that matches (e.g. one member's DM channel); others pass. */
  readonly when?: (call: RecordedCall) => boolean;
  /**
   * A network fault instead of an answer (recorded with status 0): `hang` never answers (until the client aborts
   * or the fake closes), `cut` sends the headers and half the body, then destroys the socket.
   */
  readonly fault?: 'hang' | 'cut';
}

export interface InteractionState {
  readonly id: string;
  readonly token: string;
  readonly createdAt: number;
  readonly guildId?: string;
  readonly channelId: string;
  /** 2 a slash command, 3 a component (button), 4 autocomplete, 5 a modal submit. */
  readonly type: number;
  /** The message a component sits on (or that opened the modal). */
  readonly messageId?: string;
  responded: boolean;
  original?: Record<string, unknown>;
}

export class FakeDiscord extends EventEmitter {
  readonly applicationId = snowflake();
  readonly bot: FakeUser = { id: snowflake(), username: 'hallway', bot: true };
  readonly guild: FakeGuild;
  /** Every guild the bot is in at IDENTIFY: `guild` and those added with `addGuild`. */
  readonly guilds: FakeGuild[] = [];
  /** The shard count `GET /gateway/bot` recommends (what `DISCORD_SHARDS=auto` follows). */
  shards = 1;
  /**
   * `session_start_limit.max_concurrency`: shards that may IDENTIFY in the same 5 s (1 for most bots, 16 and more for
   * large ones); @discordjs/ws waits 5 s between two IDENTIFYs of one bucket (`shard id % max_concurrency`).
   */
  maxConcurrency = 1;
  /** Refuse an IDENTIFY with fewer shards than `shards` (4011), as Discord does for a bot in too many guilds. */
  shardingRequired = false;
  readonly calls: RecordedCall[] = [];
  readonly users = new Map<string, FakeUser>();
  /** guild id → user id → permissions string. */
  readonly members = new Map<string, Map<string, string>>();
  readonly dmChannels = new Map<string, string>();
  readonly messages = new Map<string, Record<string, unknown>>();
  readonly commands = new Map<string, Record<string, unknown>[]>();
  readonly interactions = new Map<string, InteractionState>();
  readonly closedDms = new Set<string>();
  readonly scripted: Scripted[] = [];
  /** Every INTERACTION_CREATE payload sent, by interaction id (for `redeliver`). */
  private readonly payloads = new Map<string, Record<string, unknown>>();
  /** The token the fake accepts (REST `Authorization: Bot …` and IDENTIFY). */
  token = 'fake-bot-token';
  readonly gateway: FakeGateway;
  private constructor(
    private readonly server: Server,
    readonly port: number,
  ) {
    super();
    this.setMaxListeners(0);
    const owner = this.addUser({ username: 'owner' });
    this.guild = { id: snowflake(), name: 'Loft', ownerId: owner.id, channels: [{ id: snowflake(), name: 'general' }] };
    this.members.set(this.guild.id, new Map([[owner.id, '8']]));
    this.guilds.push(this.guild);
    this.gateway = new FakeGateway(server, {
      token: () => this.token,
      applicationId: this.applicationId,
      bot: this.bot,
      guilds: () => this.guilds,
      requiredShards: () => (this.shardingRequired ? this.shards : 1),
    });
  }

  static async start(): Promise<FakeDiscord> {
    let fake: FakeDiscord | undefined;
    const server = createServer((req, res) => void fake?.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    fake = new FakeDiscord(server, (server.address() as AddressInfo).port);
    return fake;
  }

  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  get channelId(): string {
    return this.guild.channels[0]!.id;
  }

  /**
   * Another guild the bot is in from IDENTIFY on (with a `general` channel and its owner as a member), on a chosen
   * shard of `shardCount` when given. Add it before the client connects; a guild that adds the bot later is a
   * GUILD_CREATE dispatch instead.
   */
  addGuild(name: string, on?: { shard: number; shardCount: number }): FakeGuild {
    const owner = this.addUser({ username: `${name.toLowerCase()}-owner` });
    const id = on ? snowflakeOnShard(on.shard, on.shardCount) : snowflake();
    const guild: FakeGuild = { id, name, ownerId: owner.id, channels: [{ id: snowflake(), name: 'general' }] };
    this.members.set(guild.id, new Map([[owner.id, '8']]));
    this.guilds.push(guild);
    return guild;
  }

  /** The guild a channel belongs to (threads included), if any. */
  guildOfChannel(channelId: string): FakeGuild | undefined {
    return this.guilds.find((g) => g.channels.some((ch) => ch.id === channelId));
  }

  addUser(u: Partial<FakeUser> & { username: string }): FakeUser {
    const user = { id: snowflake(), ...u };
    this.users.set(user.id, user);
    return user;
  }

  /** A member of the fake guild (or `guild`) with a permissions bitfield (Manage Server is `32`). */
  addMember(username: string, permissions = '0', globalName?: string, guild = this.guild): FakeUser {
    const user = this.addUser({ username, globalName });
    this.members.get(guild.id)!.set(user.id, permissions);
    return user;
  }

  memberPayload(user: FakeUser, guild = this.guild) {
    const permissions = this.members.get(guild.id)?.get(user.id);
    return memberJSON(user, permissions === undefined ? {} : { permissions });
  }

  /** Answers the next call matching `route` with this response instead (429, 5xx, any error). */
  script(s: Scripted): void {
    this.scripted.push(s);
  }

  /** The next call matching `route` gets a 429 with Discord's headers (`Retry-After` in seconds). */
  rateLimitNext(route: string | RegExp, retryAfterSeconds: number): void {
    const s = String(retryAfterSeconds);
    this.script({
      route,
      status: 429,
      body: { message: 'You are being rate limited.', retry_after: retryAfterSeconds, global: false },
      headers: {
        'Retry-After': s,
        'X-RateLimit-Limit': '5',
        'X-RateLimit-Remaining': '0',
        'X-RateLimit-Reset-After': s,
        'X-RateLimit-Scope': 'user',
      },
    });
  }

  /** Resolves with the first call (already made or still to come) matching the route and predicate. */
  async waitFor(route: string | RegExp, predicate: (c: RecordedCall) => boolean = () => true, timeoutMs = 5000) {
    const matches = (c: RecordedCall) => routeMatches(route, c) && predicate(c);
    const found = this.calls.find(matches);
    if (found) return await Promise.resolve(found);
    return new Promise<RecordedCall>((resolve, reject) => {
      const onCall = (c: RecordedCall) => {
        if (!matches(c)) return;
        clearTimeout(guard);
        this.off('call', onCall);
        resolve(c);
      };
      // A guard against hanging until the test timeout with no clue; not a wait for something to happen.
      const guard = setTimeout(() => {
        this.off('call', onCall);
        reject(new Error(`no ${String(route)} call; calls: ${this.calls.map((c) => c.route).join(', ')}`));
      }, timeoutMs);
      this.on('call', onCall);
    });
  }

  /** Calls matching a route, in order. */
  callsTo(route: string | RegExp): RecordedCall[] {
    return this.calls.filter((c) => routeMatches(route, c));
  }

  /** Pushes INTERACTION_CREATE with every field discord.js needs; returns its id and token. */
  emitInteraction(p: {
    type: number;
    data: Record<string, unknown>;
    user: FakeUser;
    inDm?: boolean;
    message?: Record<string, unknown>;
    /** The guild it happens in (default `guild`), in its first channel. */
    guild?: FakeGuild;
  }): InteractionState {
    const id = snowflake();
    const token = `itoken-${id}`;
    const guild = p.guild ?? this.guild;
    const dm = p.inDm ? this.dmChannelFor(p.user.id) : undefined;
    const channelId = dm ?? guild.channels[0]!.id;
    const messageId = typeof p.message?.['id'] === 'string' ? p.message['id'] : undefined;
    const state: InteractionState = {
      id,
      token,
      createdAt: Date.now(),
      channelId,
      type: p.type,
      messageId,
      responded: false,
    };
    this.interactions.set(id, { ...state, ...(dm ? {} : { guildId: guild.id }) });
    const where = dm
      ? { user: userJSON(p.user), channel: { id: dm, type: 1, recipients: [userJSON(p.user)] }, context: 1 }
      : {
          guild_id: guild.id,
          guild: { id: guild.id, locale: 'en-US', features: [] },
          member: this.memberPayload(p.user, guild),
          channel: { id: channelId, type: 0, guild_id: guild.id, name: 'general' },
          context: 0,
          guild_locale: 'en-US',
        };
    const payload = {
      id,
      application_id: this.applicationId,
      type: p.type,
      token,
      version: 1,
      data: p.data,
      channel_id: channelId,
      app_permissions: '2248473465835073',
      locale: 'en-US',
      entitlements: [],
      authorizing_integration_owners: { '0': guild.id },
      attachment_size_limit: 10_485_760,
      ...(p.message && { message: p.message }),
      ...where,
    };
    this.payloads.set(id, payload);
    this.gateway.dispatch('INTERACTION_CREATE', payload);
    return this.interactions.get(id)!;
  }

  /** Sends the same INTERACTION_CREATE again (same id and token), as a replayed gateway event would. */
  redeliver(interaction: InteractionState): void {
    const payload = this.payloads.get(interaction.id);
    if (!payload) throw new Error(`no interaction ${interaction.id}`);
    this.gateway.dispatch('INTERACTION_CREATE', payload);
  }

  /**
   * A slash command (`options` as Discord sends them: `{ name, type, value }`, subcommands type 1), in `guild`'s
   * first channel, or in the user's DM when `where` is `'dm'`.
   */
  command(user: FakeUser, name: string, options: unknown[] = [], where?: FakeGuild | 'dm'): InteractionState {
    const at = where === 'dm' ? { inDm: true } : { guild: where };
    return this.emitInteraction({ type: 2, user, data: { id: snowflake(), name, type: 1, options }, ...at });
  }

  /** An autocomplete request; one option should carry `focused: true`. */
  autocomplete(user: FakeUser, name: string, options: unknown[]): InteractionState {
    return this.emitInteraction({ type: 4, user, data: { id: snowflake(), name, type: 1, options } });
  }

  /** A button click on a message (a message the bot sent, in the guild channel or the user's DM). */
  click(user: FakeUser, customId: string, options: { inDm?: boolean; messageId?: string } = {}): InteractionState {
    const channelId = options.inDm ? this.dmChannelFor(user.id) : this.channelId;
    const message = messageJSON(
      options.messageId ?? snowflake(),
      channelId,
      this.bot,
      {},
      options.inDm ? undefined : this.guild.id,
    );
    return this.emitInteraction({
      type: 3,
      user,
      inDm: options.inDm,
      data: { custom_id: customId, component_type: 2 },
      message,
    });
  }

  /** A modal submit with its text inputs' values by custom id. */
  submitModal(user: FakeUser, customId: string, values: Record<string, string>, inDm = false): InteractionState {
    const components = Object.entries(values).map(([id, value]) => ({
      type: 1,
      components: [{ type: 4, custom_id: id, value }],
    }));
    return this.emitInteraction({ type: 5, user, inDm, data: { custom_id: customId, components } });
  }

  /** GUILD_MEMBER_ADD for a new member of the fake guild (or `guild`). */
  memberJoins(username: string, guild = this.guild): FakeUser {
    const user = this.addMember(username, '0', undefined, guild);
    this.gateway.dispatch('GUILD_MEMBER_ADD', { ...memberJSON(user), guild_id: guild.id });
    return user;
  }

  /** GUILD_MEMBER_REMOVE for a member who leaves. */
  memberLeaves(user: FakeUser): void {
    this.members.get(this.guild.id)?.delete(user.id);
    this.gateway.dispatch('GUILD_MEMBER_REMOVE', { guild_id: this.guild.id, user: userJSON(user) });
  }

  /** The DM channel with a user (created like `POST /users/@me/channels` would). */
  dmChannelFor(userId: string): string {
    let id = this.dmChannels.get(userId);
    if (!id) {
      id = snowflake();
      this.dmChannels.set(userId, id);
    }
    return id;
  }

  record(req: IncomingMessage, path: string, body: RecordedCall['body'], files: RecordedCall['files']): RecordedCall {
    const url = new URL(req.url ?? '/', 'http://x');
    const generic = path.replace(/\d{15,21}/g, ':id').replace(/^(\/(?:interactions|webhooks)\/:id\/)[^/]+/, '$1:token');
    const call: RecordedCall = {
      method: req.method ?? 'GET',
      path,
      route: `${req.method} ${generic}`,
      query: url.searchParams,
      body,
      files,
      authorized: req.headers.authorization === `Bot ${this.token}`,
      at: Date.now(),
      status: 0,
    };
    return call;
  }

  /** Files a call once answered, so waiters see its status. */
  finish(call: RecordedCall, status: number): void {
    call.status = status;
    this.calls.push(call);
    this.emit('call', call);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    await routeRest(this, req, res);
  }

  async close(): Promise<void> {
    await this.gateway.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

function routeMatches(route: string | RegExp, c: RecordedCall): boolean {
  return typeof route === 'string' ? c.route === route : route.test(c.route);
}
