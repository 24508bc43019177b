/**
 * Hallway on Slack: a Bolt app over HTTP (`POST /slack/events`) or Socket Mode (when an app token is given), and
 * the outbound half of `ChatPlatform` for the outbox drainer. Bolt is built only after `auth.test` has passed, so a
 * bad token or an unreachable API ends `start()` with one clear error instead of an unhandled rejection.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver, LogLevel, webApi } from '@slack/bolt';
import type { CommandCatalog } from '#core/catalog.ts';
import type { CommunityId } from '#core/ids.ts';
import type { Dispatch } from '#core/inbound.ts';
import { type ChatPlatform, DeliveryError, type SentMessage } from '#core/ports/chat-platform.ts';
import type { Logger } from '#core/ports/logger.ts';
import type { Reply } from '#core/reply.ts';
import { Answerer } from './answer.ts';
import { boltLogger } from './bolt-logger.ts';
import { delivering } from './errors.ts';
import { registerListeners } from './listeners.ts';
import { renderMessage, renderPost } from './render.ts';
import { refusingFutureRequests, requestKey } from './replay.ts';
import { slackCommunity } from './to-inbound.ts';
import { describe, UserDirectory } from './users.ts';

export interface SlackPlatformOptions {
  readonly botToken: string;
  readonly signingSecret: string;
  /** `xapp-…`: switches to Socket Mode (no public URL needed). */
  readonly appToken?: string;
  /** Web API base URL (GovSlack, proxies, tests); default `https://slack.com/api/`. */
  readonly apiUrl?: string;
  /** HTTP mode: the port for `/slack/events` (0 picks a free one). */
  readonly port: number;
  /** HTTP mode: the address to listen on; default all interfaces. */
  readonly host?: string;
  readonly log: Logger;
  readonly catalog: CommandCatalog;
  /** Web API retries for network errors and 5xx (default 2, quickly); 429s are never retried here. */
  readonly retries?: number;
  /** Milliseconds before a Web API request that gets no answer is abandoned (and retried); default 10 s. */
  readonly timeoutMs?: number;
  readonly userCacheTtlMs?: number;
  /** Bolt / Web API log level; debug lines may include payloads. */
  readonly logLevel?: LogLevel;
}

interface Identity {
  readonly teamId: string;
  readonly botUserId: string;
  readonly botId: string;
}

export class SlackPlatform implements ChatPlatform {
  readonly platform = 'slack' as const;
  private readonly client: webApi.WebClient;
  private readonly users: UserDirectory;
  private readonly log: Logger;
  private app?: App;
  private server?: Server;
  private identity?: Identity;

  constructor(private readonly options: SlackPlatformOptions) {
    this.log = options.log;
    this.client = new webApi.WebClient(options.botToken, this.clientOptions());
    this.users = new UserDirectory(this.client, this.log, { ttlMs: options.userCacheTtlMs });
  }

  /** The workspace this token belongs to (`slack:T…`), known after `start()`. */
  get community(): CommunityId | undefined {
    return this.identity ? slackCommunity(this.identity.teamId) : undefined;
  }

  /** HTTP mode: the port actually listened on (useful with `port: 0`). */
  get port(): number | undefined {
    return (this.server?.address() as AddressInfo | null)?.port;
  }

  async start(dispatch: Dispatch): Promise<void> {
    if (this.app) throw new Error('Slack adapter already started');
    const identity = await this.verifyToken();
    const app = this.buildApp(identity);
    registerListeners(app, this.options.catalog, {
      dispatch,
      users: this.users,
      answers: new Answerer(this.client, this.log),
      log: this.log,
      botUserId: identity.botUserId,
    });
    try {
      if (this.options.appToken) await app.start();
      else this.server = await app.start({ port: this.options.port, host: this.options.host });
    } catch (error) {
      const how = this.options.appToken ? 'connect in Socket Mode' : `listen on port ${this.options.port}`;
      throw new Error(`Slack: could not ${how}: ${describe(error)}`);
    }
    this.app = app;
    this.identity = identity;
    this.log.info({ community: this.community, mode: this.options.appToken ? 'socket' : 'http' }, 'Slack ready');
  }

  async stop(): Promise<void> {
    const app = this.app;
    this.app = undefined;
    this.server = undefined;
    await app?.stop();
  }

  async postMessage(community: CommunityId, channelId: string, reply: Reply): Promise<SentMessage> {
    this.checkCommunity(community);
    const result = await delivering(() => this.client.chat.postMessage({ channel: channelId, ...renderPost(reply) }));
    const message = sent(result.channel ?? channelId, result.ts);
    if (reply.thread) await this.openThread(message, reply.thread.opener);
    return message;
  }

  /**
   * Every Slack message can hold a thread: the opener, as its first reply, invites answers there. The post itself
   * already went out, so a failure here is logged, never thrown (throwing would make the outbox post it twice).
   */
  private async openThread(message: SentMessage, opener: string): Promise<void> {
    try {
      await this.client.chat.postMessage({
        channel: message.channelId,
        thread_ts: message.messageId,
        ...renderPost({ text: opener }),
      });
    } catch (error) {
      this.log.warn({ error: describe(error), channel: message.channelId }, 'Slack: could not open the thread');
    }
  }

  async sendDirectMessage(community: CommunityId, userIds: readonly string[], reply: Reply): Promise<SentMessage> {
    this.checkCommunity(community);
    if (userIds.length === 0) throw new DeliveryError('permanent', 'no_recipients');
    // One member: posting to the user id lands in the app's DM. Several: a group DM has to be opened first.
    let channel = userIds[0] as string;
    if (userIds.length > 1) {
      const opened = await delivering(() => this.client.conversations.open({ users: userIds.join(',') }));
      if (!opened.channel?.id) throw new DeliveryError('transient', 'no_channel');
      channel = opened.channel.id;
    }
    const result = await delivering(() => this.client.chat.postMessage({ channel, ...renderPost(reply) }));
    return sent(result.channel ?? channel, result.ts);
  }

  async updateMessage(community: CommunityId, message: SentMessage, reply: Reply): Promise<void> {
    this.checkCommunity(community);
    await delivering(() =>
      this.client.chat.update({ channel: message.channelId, ts: message.messageId, ...renderMessage(reply) }),
    );
  }

  /** `auth.test` before anything else: the one place a wrong token or API URL is reported, clearly. */
  private async verifyToken(): Promise<Identity> {
    try {
      const auth = await this.client.auth.test();
      if (!auth.team_id || !auth.user_id) throw new Error('auth.test returned no team or bot user');
      return { teamId: auth.team_id, botUserId: auth.user_id, botId: auth.bot_id ?? '' };
    } catch (error) {
      if (error instanceof webApi.WebAPIPlatformError) {
        throw new Error(`Slack: SLACK_BOT_TOKEN was refused by auth.test (${describe(error)})`);
      }
      const where = this.options.apiUrl ?? 'https://slack.com/api/';
      throw new Error(`Slack: cannot reach the Web API at ${where} (${describe(error)})`);
    }
  }

  private buildApp(identity: Identity): App {
    const app = new App({
      token: this.options.botToken,
      // Known from auth.test, so Bolt does not call it again (and cannot fail unhandled in its constructor).
      botId: identity.botId,
      botUserId: identity.botUserId,
      signingSecret: this.options.signingSecret,
      ...(this.options.appToken
        ? { socketMode: true, appToken: this.options.appToken }
        : { receiver: this.receiver() }),
      // Ack goes out as soon as a listener calls ack(); the core's work follows (we run a server, not a lambda).
      processBeforeResponse: false,
      convoStore: false,
      logger: boltLogger(this.log, this.options.logLevel),
      logLevel: this.options.logLevel ?? LogLevel.INFO,
      clientOptions: this.clientOptions(),
    });
    app.error(async (error) => {
      this.log.error({ error: describe(error) }, 'Slack listener failed');
    });
    return app;
  }

  /**
   * HTTP mode's receiver: Bolt's own, with each signed request's replay key in the listeners' context (see
   * replay.ts) and requests stamped in the future refused before Bolt's signature check.
   */
  private receiver(): HTTPReceiver {
    const receiver = new HTTPReceiver({
      signingSecret: this.options.signingSecret,
      endpoints: ['/slack/events'],
      processBeforeResponse: false,
      logger: boltLogger(this.log, this.options.logLevel),
      logLevel: this.options.logLevel ?? LogLevel.INFO,
      customPropertiesExtractor: (req) => ({ hallwayRequestKey: requestKey(req) }),
    });
    receiver.requestListener = refusingFutureRequests(receiver.requestListener);
    return receiver;
  }

  /**
   * Web API client settings, chosen on purpose: a short retry for blips (not the default 30 minutes, which would hold
   * an outbox send hostage), `rejectRateLimitedCalls` so 429s go to the drainer with their Retry-After, and a timeout
   * so a hung connection fails instead of waiting forever. A fresh object each time: Bolt writes into it.
   */
  private clientOptions(): webApi.WebClientOptions {
    return {
      ...(this.options.apiUrl ? { slackApiUrl: this.options.apiUrl } : {}),
      retryConfig: { retries: this.options.retries ?? 2, factor: 2, minTimeout: 200, maxTimeout: 1_000 },
      rejectRateLimitedCalls: true,
      timeout: this.options.timeoutMs ?? 10_000,
      logger: boltLogger(this.log, this.options.logLevel),
    };
  }

  /** One token serves one workspace; a send for another community is a routing bug, not something to retry. */
  private checkCommunity(community: CommunityId): void {
    if (this.identity && community !== slackCommunity(this.identity.teamId)) {
      throw new DeliveryError('permanent', 'wrong_workspace');
    }
  }
}

function sent(channelId: string, ts: string | undefined): SentMessage {
  if (!ts) throw new DeliveryError('transient', 'no_ts');
  return { channelId, messageId: ts };
}
