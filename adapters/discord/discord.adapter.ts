/**
 * Hallway on Discord: the real discord.js client behind the core's `ChatPlatform` port. It translates and hands off
 * (to-inbound.ts, render.ts); every decision is the core's.
 */
import { once } from 'node:events';
import {
  Client,
  Events,
  GatewayIntentBits,
  type GuildMember,
  type Message,
  Options,
  Partials,
  type RateLimitData,
} from 'discord.js';
import type { CommandCatalog } from '#core/catalog.ts';
import { type CommunityId, externalIdOf, platformOf } from '#core/ids.ts';
import type { Dispatch } from '#core/inbound.ts';
import type { CommunityLifecycle } from '#core/lifecycle.ts';
import { type ChatPlatform, DeliveryError, type SentMessage } from '#core/ports/chat-platform.ts';
import type { Logger } from '#core/ports/logger.ts';
import type { Reply } from '#core/reply.ts';
import { syncApplicationCommands } from './command-sync.ts';
import { delivering, startError } from './errors.ts';
import { FormDrafts } from './form-drafts.ts';
import { type AutocompleteHook, handleInteraction } from './interactions.ts';
import { RecentIds } from './recent-ids.ts';
import { renderMessage } from './render.ts';
import { memberEvent } from './to-inbound.ts';
import { markPresent, watchGuilds } from './guild-lifecycle.ts';
import { type ShardSetting, shardingOptions } from './sharding.ts';

export interface DiscordPlatformOptions {
  /** Bot token (DISCORD_TOKEN). Never logged. */
  readonly token: string;
  /** Application id (DISCORD_APPLICATION_ID), for command registration. */
  readonly applicationId: string;
  /** REST base such as `https://discord.com/api` (DISCORD_API_URL); the gateway URL is discovered from it. */
  readonly apiUrl?: string;
  /** Register commands to this guild (instant) instead of globally, and serve only it (DISCORD_GUILD_ID). */
  readonly guildId?: string;
  readonly log: Logger;
  /** The command surface, for autocomplete sources (replaced by `syncCommands`). */
  readonly catalog: CommandCatalog;
  readonly autocomplete?: AutocompleteHook;
  /** Answer directly when dispatch takes less than this, else defer first (Discord allows 3 s). Default 1500. */
  readonly deferAfterMs?: number;
  /** Milliseconds before a REST request that gets no answer is aborted (and retried once); default 10 s. */
  readonly timeoutMs?: number;
  /** Told when a server adds or removes the bot (see guild-lifecycle.ts). */
  readonly lifecycle?: CommunityLifecycle;
  /** DISCORD_SHARDS: run this many shards (or Discord's recommendation) in a worker thread; unset: one connection. */
  readonly shards?: ShardSetting;
}

const DEFAULT_API = 'https://discord.com/api';

/**
 * Routes the outbox sends on: their 429s are handed to the drainer (`DeliveryError` rate_limited) instead of being
 * slept through inside the REST queue, so the drainer owns pacing and a message is never held in memory.
 * Interaction answers and command registration keep discord.js' own waiting.
 */
const OUTBOX_ROUTES = /^\/(channels\/|users\/@me\/channels)/;

export class DiscordPlatform implements ChatPlatform {
  readonly platform = 'discord' as const;
  private readonly client: Client;
  private readonly api: string;
  private catalog: CommandCatalog;

  constructor(private readonly options: DiscordPlatformOptions) {
    this.api = (options.apiUrl ?? DEFAULT_API).replace(/\/+$/, '').replace(/\/v\d+$/, '');
    this.catalog = options.catalog;
    this.client = new Client({
      // No MessageContent: Hallway reads interactions, never members' messages.
      intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMembers, GatewayIntentBits.DirectMessages],
      // A member who leaves is rarely cached; the partial still carries their id.
      partials: [Partials.GuildMember],
      // Safety net under every send: nothing pings unless a message names its users.
      allowedMentions: { parse: [], repliedUser: false },
      makeCache: Options.cacheWithLimits({
        ...Options.DefaultMakeCacheSettings,
        MessageManager: 0,
        PresenceManager: 0,
        ReactionManager: 0,
      }),
      rest: {
        api: this.api,
        rejectOnRateLimit: (data: RateLimitData) => OUTBOX_ROUTES.test(data.route),
        // One quick retry for a 5xx blip; after that the drainer's backoff takes over.
        retries: 1,
        timeout: options.timeoutMs ?? 10_000,
      },
      ...shardingOptions(options.shards),
    });
    // Lets `syncCommands` run before (or without) the gateway connection.
    this.client.rest.setToken(options.token);
  }

  private get log(): Logger {
    return this.options.log;
  }

  async start(dispatch: Dispatch): Promise<void> {
    this.listen(dispatch);
    const abort = new AbortController();
    const ready = once(this.client, Events.ClientReady, { signal: abort.signal });
    ready.catch(() => {});
    try {
      await this.client.login(this.options.token);
      await ready;
    } catch (error) {
      abort.abort();
      this.unlisten();
      throw startError(error, this.api);
    }
    if (this.options.lifecycle) {
      await markPresent(this.client, {
        lifecycle: this.options.lifecycle,
        log: this.log,
        onlyGuild: this.options.guildId,
      });
    }
    const shards = this.options.shards === undefined ? {} : { shards: this.client.options.shardCount };
    this.log.info({ guilds: this.client.guilds.cache.size, user: this.client.user?.id, ...shards }, 'discord: ready');
  }

  async stop(): Promise<void> {
    this.unlisten();
    await this.client.destroy();
  }

  /** Drops our listeners; an 'error' emitted while shutting down must not throw for want of one. */
  private unlisten(): void {
    this.client.removeAllListeners();
    this.client.rest.removeAllListeners('rateLimited');
    this.client.on(Events.Error, () => {});
  }

  private listen(dispatch: Dispatch): void {
    const deps = {
      dispatch,
      log: this.log,
      deferAfterMs: this.options.deferAfterMs ?? 1500,
      catalog: () => this.catalog,
      autocomplete: this.options.autocomplete,
      defaultGuild: () => this.defaultGuild(),
      memberOf: (guildId: string, userId: string) => this.member(guildId, userId),
      onlyGuild: this.options.guildId,
      drafts: new FormDrafts(),
    };
    const seen = new RecentIds();
    this.client.on(Events.InteractionCreate, (i) => {
      if (seen.add(i.id)) return void handleInteraction(i, deps);
      this.log.info({ interactionId: i.id }, 'discord: interaction delivered twice; the copy is ignored');
    });
    if (this.options.lifecycle) {
      watchGuilds(this.client, { lifecycle: this.options.lifecycle, log: this.log, onlyGuild: this.options.guildId });
    }
    this.client.on(Events.GuildMemberAdd, (m) => void this.onMember('member_joined', m, dispatch));
    this.client.on(Events.GuildMemberRemove, (m) => void this.onMember('member_left', m as GuildMember, dispatch));
    this.client.on(Events.Error, (err) => this.log.error({ err }, 'discord: client error'));
    this.client.on(Events.ShardError, (err) => this.log.warn({ err }, 'discord: gateway error'));
    this.client.on(Events.Warn, (message) => this.log.warn({}, `discord: ${message}`));
    this.client.rest.on('rateLimited', (d) => this.log.debug({ route: d.route, ms: d.timeToReset }, 'discord: 429'));
  }

  private async onMember(kind: 'member_joined' | 'member_left', m: GuildMember, dispatch: Dispatch) {
    try {
      if (this.options.guildId && m.guild.id !== this.options.guildId) return;
      const event = memberEvent(kind, {
        guildId: m.guild.id,
        userId: m.id,
        displayName: m.partial ? (m.user?.username ?? m.id) : m.displayName,
        isBot: m.user?.bot ?? false,
        permissions: kind === 'member_joined' && !m.partial ? m.permissions.bitfield : null,
      });
      // Welcomes go out through the core's Notifier (outbox); a direct answer has nowhere to be shown.
      if (event) await dispatch(event);
    } catch (error) {
      this.log.error({ err: error, kind }, 'discord: member event failed');
    }
  }

  private defaultGuild(): string | undefined {
    if (this.options.guildId) return this.options.guildId;
    return this.client.guilds.cache.size === 1 ? this.client.guilds.cache.firstKey() : undefined;
  }

  private async member(guildId: string, userId: string): Promise<GuildMember | undefined> {
    const guild = this.client.guilds.cache.get(guildId);
    if (!guild) return undefined;
    return guild.members.fetch(userId).catch(() => undefined);
  }

  private guildOf(community: CommunityId): string {
    if (platformOf(community) !== 'discord') throw new DeliveryError('permanent', 'not_a_discord_community');
    return externalIdOf(community);
  }

  async postMessage(community: CommunityId, channelId: string, reply: Reply): Promise<SentMessage> {
    const guildId = this.guildOf(community);
    return delivering(async () => {
      const channel = await this.client.channels.fetch(channelId);
      // Every send stays inside its community: a channel of another server is refused.
      if (!channel || !('guildId' in channel) || channel.guildId !== guildId) {
        throw new DeliveryError('permanent', 'channel_not_in_community');
      }
      if (!channel.isSendable()) throw new DeliveryError('permanent', 'channel_not_sendable');
      const sent = await channel.send(renderMessage(reply));
      if (reply.thread) await this.openThread(sent, reply.thread);
      return { channelId: sent.channelId, messageId: sent.id };
    });
  }

  /**
   * A public thread under the post, with the opener as its first message. The post already went out, so a failure
   * here (no Create Public Threads permission, say) is logged, never thrown: the outbox would post it twice.
   */
  private async openThread(message: Message, thread: { name: string; opener: string }): Promise<void> {
    try {
      const opened = await message.startThread({
        name: thread.name.slice(0, 100) || 'Thread',
        autoArchiveDuration: 10080,
      });
      await opened.send(renderMessage({ text: thread.opener }));
    } catch (error) {
      this.log.warn({ err: error, channel: message.channelId }, 'Discord: could not open the thread');
    }
  }

  async sendDirectMessage(community: CommunityId, userIds: readonly string[], reply: Reply): Promise<SentMessage> {
    const guildId = this.guildOf(community);
    const msg = renderMessage(reply, { dmGuildId: guildId });
    let first: SentMessage | undefined;
    for (const userId of userIds) {
      try {
        const sent: Message = await delivering(async () => (await this.client.users.createDM(userId)).send(msg));
        first ??= { channelId: sent.channelId, messageId: sent.id };
      } catch (error) {
        // Nothing sent yet: the drainer may retry all. Later failures are logged, never retried: that would send
        // the message twice to those who already have it.
        if (!first) throw error;
        this.log.warn({ err: error, community, userId }, 'discord: DM to one of several members failed');
      }
    }
    if (!first) throw new DeliveryError('permanent', 'no_recipients');
    return first;
  }

  async updateMessage(community: CommunityId, sent: SentMessage, reply: Reply): Promise<void> {
    const guildId = this.guildOf(community);
    await delivering(async () => {
      const channel = await this.client.channels.fetch(sent.channelId);
      if (!channel || !('messages' in channel)) throw new DeliveryError('permanent', 'channel_not_found');
      const inGuild = 'guildId' in channel && channel.guildId;
      if (inGuild && inGuild !== guildId) throw new DeliveryError('permanent', 'channel_not_in_community');
      const { flags: _flags, ...msg } = renderMessage(reply, { dmGuildId: inGuild ? undefined : guildId });
      await channel.messages.edit(sent.messageId, { ...msg, content: msg.content ?? null });
    });
  }

  async syncCommands(catalog: CommandCatalog): Promise<void> {
    this.catalog = catalog;
    await syncApplicationCommands(
      this.client.rest,
      this.options.applicationId,
      this.options.guildId,
      catalog,
      this.log,
    );
  }
}
