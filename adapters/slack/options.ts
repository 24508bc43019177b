/** What the Slack adapter is built from: its credentials, its HTTP arrangement, and its tuning. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { LogLevel } from '@slack/bolt';
import type { CommandCatalog } from '#core/catalog.ts';
import type { CommunityLifecycle } from '#core/lifecycle.ts';
import type { InstallationVault } from '#core/ports/installations.ts';
import type { Logger } from '#core/ports/logger.ts';

/**
 * An HTTP server the adapter shares with the rest of the process (the web dashboard on the same port): the adapter
 * hands it Bolt's receiver for Slack's paths instead of listening itself.
 */
export interface SharedHttpServer {
  /** Requests whose path starts with `prefix` go to `listener` (which throws for a path it does not serve). */
  mount(prefix: string, listener: (req: IncomingMessage, res: ServerResponse) => void): void;
  /** The port it listens on, once listening. */
  readonly port: number | undefined;
}

export interface SlackPlatformOptions {
  /** Single-workspace mode: the Bot User OAuth Token (`xoxb-…`). */
  readonly botToken?: string;
  /** OAuth mode (many workspaces; HTTP only): the app's credentials for Bolt's install flow. */
  readonly oauth?: { readonly clientId: string; readonly clientSecret: string; readonly stateSecret: string };
  /** OAuth mode: where each workspace's installation (its bot token) is kept, sealed. */
  readonly installations?: InstallationVault;
  /** OAuth mode: told when a workspace installs or removes the app. */
  readonly lifecycle?: CommunityLifecycle;
  readonly now?: () => Date;
  readonly signingSecret: string;
  /** `xapp-…`: switches to Socket Mode (no public URL needed). */
  readonly appToken?: string;
  /** Web API base URL (GovSlack, proxies, tests); default `https://slack.com/api/`. */
  readonly apiUrl?: string;
  /** HTTP mode: the port for `/slack/events` (0 picks a free one). */
  readonly port: number;
  /** HTTP mode: the address to listen on; default all interfaces. */
  readonly host?: string;
  /** HTTP mode: serve Slack's requests on this server (its `/slack/` paths) instead of listening on `port`. */
  readonly sharedServer?: SharedHttpServer;
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
