/**
 * Hallway on Slack: a Bolt app over HTTP (`POST /slack/events`) or Socket Mode (when an app token is given), and
 * the outbound half of `ChatPlatform` for the outbox drainer. Two modes: one workspace with SLACK_BOT_TOKEN, or
 * many with Bolt's OAuth flow (each install stores its own token; every call for a workspace uses that workspace's
 * token). With a single token, Bolt is built only after `auth.test` has passed, so a bad token or an unreachable API
 * ends `start()` with one clear error instead of an unhandled rejection.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, type HTTPReceiver, LogLevel, webApi } from '@slack/bolt';
import type { CommunityId } from '#core/ids.ts';
import type { Dispatch } from '#core/inbound.ts';
import { type ChatPlatform, DeliveryError, type SentMessage } from '#core/ports/chat-platform.ts';
import type { Logger } from '#core/ports/logger.ts';
import type { Reply } from '#core/reply.ts';
import { boltLogger } from './bolt-logger.ts';
import { delivering } from './errors.ts';
import { botTokenOf, installationStore } from './installation-store.ts';
import { registerListeners } from './listeners.ts';
import { hallwayReceiver } from './receiver.ts';
import { renderMessage, renderPost } from './render.ts';
import { slackCommunity } from './to-inbound.ts';
import { registerUninstall } from './uninstall.ts';
import { describe } from './users.ts';
import type { SlackPlatformOptions } from './options.ts';
import { type Workspace, Workspaces } from './workspaces.ts';

export type { SharedHttpServer, SlackPlatformOptions } from './options.ts';

interface Identity {
  readonly teamId: string;
  readonly botUserId: string;
  readonly botId: string;
}

export class SlackPlatform implements ChatPlatform {
  readonly platform = 'slack' as const;
  private readonly workspaces: Workspaces;
  private readonly log: Logger;
  private app?: App;
  private server?: Server;
  private receiver?: HTTPReceiver;
  private identity?: Identity;

  constructor(private readonly options: SlackPlatformOptions) {
    this.log = options.log;
    const { botToken, installations } = options;
    if (!botToken && !(options.oauth && installations && options.lifecycle)) {
      throw new Error('Slack: a bot token, or OAuth credentials with an installation vault and a lifecycle, is needed');
    }
    this.workspaces = new Workspaces({
      tokenOf: botToken ? async () => botToken : async (teamId) => botTokenOf(await installations!.open(teamId)),
      clientFor: (token) => new webApi.WebClient(token, this.clientOptions()),
      log: this.log,
      userCacheTtlMs: options.userCacheTtlMs,
      // One token for ever in single mode; in OAuth mode, a token removed by another process is noticed in a minute.
      ttlMs: botToken ? Number.POSITIVE_INFINITY : 60_000,
    });
  }

  /** Single-token mode: the workspace this token belongs to (`slack:T…`), known after `start()`. */
  get community(): CommunityId | undefined {
    return this.identity ? slackCommunity(this.identity.teamId) : undefined;
  }

  /** HTTP mode: the port actually listened on (useful with `port: 0`), the shared server's when sharing. */
  get port(): number | undefined {
    if (this.options.sharedServer && !this.options.appToken) return this.options.sharedServer.port;
    return (this.server?.address() as AddressInfo | null)?.port;
  }

  async start(dispatch: Dispatch): Promise<void> {
    if (this.app) throw new Error('Slack adapter already started');
    const identity = this.options.botToken ? await this.verifyToken() : undefined;
    const app = this.buildApp(identity);
    registerListeners(app, this.options.catalog, {
      dispatch,
      workspace: async (teamId) => {
        const found = await this.workspace(teamId);
        if (!found) throw new Error(`Slack: no token for workspace ${teamId}`);
        return found;
      },
      log: this.log,
    });
    if (this.options.oauth) registerUninstall(app, (teamId, reason) => this.removed(teamId, reason), this.log);
    try {
      if (this.options.appToken) await app.start();
      else if (this.receiver) this.mount(this.receiver);
      else this.server = await app.start({ port: this.options.port, host: this.options.host });
    } catch (error) {
      const how = this.options.appToken ? 'connect in Socket Mode' : `listen on port ${this.options.port}`;
      throw new Error(`Slack: could not ${how}: ${describe(error)}`);
    }
    this.app = app;
    this.identity = identity;
    const mode = this.options.appToken ? 'socket' : this.options.oauth ? 'oauth' : 'http';
    this.log.info({ community: this.community, mode }, 'Slack ready');
  }

  /** The workspace removed the app (OAuth mode): its token goes from the database and from here at once. */
  private async removed(teamId: string, reason: string): Promise<void> {
    this.workspaces.forget(teamId);
    await this.options.lifecycle?.left(slackCommunity(teamId), reason);
    // Again: a request that looked the token up while it was being deleted may have cached it meanwhile.
    this.workspaces.forget(teamId);
  }

  /** The clients of a workspace: the single token's whatever the team, or the team's own installed token. */
  private workspace(teamId: string): Promise<Workspace | undefined> {
    return this.workspaces.get(this.options.botToken ? 'single' : teamId);
  }

  /** The clients to send to a community with; a community without a token is a permanent failure. */
  private async sender(community: CommunityId): Promise<webApi.WebClient> {
    this.checkCommunity(community);
    const found = await this.workspace(community.slice('slack:'.length));
    if (!found) throw new DeliveryError('permanent', 'not_installed');
    return found.client;
  }

  async stop(): Promise<void> {
    const app = this.app;
    this.app = undefined;
    this.server = undefined;
    // A shared server is closed by its owner; the mounted receiver turns requests away from now on.
    if (!this.receiver) await app?.stop();
  }

  /** Shared HTTP: Slack's paths go to Bolt's receiver (signature checks and all) while the adapter runs. */
  private mount(receiver: HTTPReceiver): void {
    this.options.sharedServer!.mount('/slack/', (req, res) => {
      if (!this.app) {
        res.writeHead(503).end();
        return;
      }
      receiver.requestListener(req, res);
    });
  }

  /**
   * One outbox lane per workspace: Slack's limits are per workspace and method, so one workspace's round (or its
   * 429s) never slows another's messages. A community is a workspace (`slack:T…`), in both modes.
   */
  laneOf(community: CommunityId): string {
    return community;
  }

  async postMessage(community: CommunityId, channelId: string, reply: Reply): Promise<SentMessage> {
    const client = await this.sender(community);
    const result = await delivering(() => client.chat.postMessage({ channel: channelId, ...renderPost(reply) }));
    const message = sent(result.channel ?? channelId, result.ts);
    if (reply.thread) await this.openThread(client, message, reply.thread.opener);
    return message;
  }

  /**
   * Every Slack message can hold a thread: the opener, as its first reply, invites answers there. The post itself
   * already went out, so a failure here is logged, never thrown (throwing would make the outbox post it twice).
   */
  private async openThread(client: webApi.WebClient, message: SentMessage, opener: string): Promise<void> {
    try {
      await client.chat.postMessage({
        channel: message.channelId,
        thread_ts: message.messageId,
        ...renderPost({ text: opener }),
      });
    } catch (error) {
      this.log.warn({ error: describe(error), channel: message.channelId }, 'Slack: could not open the thread');
    }
  }

  async sendDirectMessage(community: CommunityId, userIds: readonly string[], reply: Reply): Promise<SentMessage> {
    if (userIds.length === 0) throw new DeliveryError('permanent', 'no_recipients');
    const client = await this.sender(community);
    // One member: posting to the user id lands in the app's DM. Several: a group DM has to be opened first.
    let channel = userIds[0] as string;
    if (userIds.length > 1) {
      const opened = await delivering(() => client.conversations.open({ users: userIds.join(',') }));
      if (!opened.channel?.id) throw new DeliveryError('transient', 'no_channel');
      channel = opened.channel.id;
    }
    const result = await delivering(() => client.chat.postMessage({ channel, ...renderPost(reply) }));
    return sent(result.channel ?? channel, result.ts);
  }

  async updateMessage(community: CommunityId, message: SentMessage, reply: Reply): Promise<void> {
    const client = await this.sender(community);
    await delivering(() =>
      client.chat.update({ channel: message.channelId, ts: message.messageId, ...renderMessage(reply) }),
    );
  }

  /** `auth.test` before anything else: the one place a wrong token or API URL is reported, clearly. */
  private async verifyToken(): Promise<Identity> {
    try {
      const { client } = (await this.workspace('single'))!;
      const auth = await client.auth.test();
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

  private buildApp(identity: Identity | undefined): App {
    const receiver = this.options.appToken ? undefined : this.httpReceiver();
    // Sharing a server: the shared server calls the receiver for Slack's paths (see `mount`); it never listens.
    if (receiver && this.options.sharedServer) this.receiver = receiver;
    const app = new App({
      ...(identity && {
        token: this.options.botToken,
        // Known from auth.test, so Bolt does not call it again (and cannot fail unhandled in its constructor).
        botId: identity.botId,
        botUserId: identity.botUserId,
      }),
      signingSecret: this.options.signingSecret,
      ...(this.options.appToken ? { socketMode: true, appToken: this.options.appToken } : { receiver }),
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

  /** Bolt's HTTP receiver (receiver.ts), with the OAuth install flow in OAuth mode. */
  private httpReceiver(): HTTPReceiver {
    const { oauth, installations, lifecycle } = this.options;
    const store =
      oauth &&
      installations &&
      lifecycle &&
      installationStore({
        vault: installations,
        lifecycle,
        now: this.options.now ?? (() => new Date()),
        onInstalled: (teamId) => this.workspaces.forget(teamId),
      });
    return hallwayReceiver({
      signingSecret: this.options.signingSecret,
      log: this.log,
      logLevel: this.options.logLevel ?? LogLevel.INFO,
      ...(oauth && store && { oauth: { ...oauth, installationStore: store, clientOptions: this.clientOptions() } }),
    });
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
    if (!community.startsWith('slack:')) throw new DeliveryError('permanent', 'wrong_workspace');
    if (this.identity && community !== slackCommunity(this.identity.teamId)) {
      throw new DeliveryError('permanent', 'wrong_workspace');
    }
  }
}

function sent(channelId: string, ts: string | undefined): SentMessage {
  if (!ts) throw new DeliveryError('transient', 'no_ts');
  return { channelId, messageId: ts };
}
