/**
 * Each Slack workspace's own Web API client, member directory and answerer. In single-token mode there is one,
 * built from SLACK_BOT_TOKEN. In OAuth mode each installed workspace has its own, built from the bot token its
 * install stored (sealed) in the database, so every call carries that workspace's token and no other. Entries are
 * kept a minute: a token revoked through another process stops being used here within that time (and a call made
 * with it meanwhile is refused by Slack as `invalid_auth`, a permanent failure).
 */
import type { webApi } from '@slack/bolt';
import type { Logger } from '#core/ports/logger.ts';
import { Answerer } from './answer.ts';
import { UserDirectory } from './users.ts';

export interface Workspace {
  readonly client: webApi.WebClient;
  readonly users: UserDirectory;
  readonly answers: Answerer;
}

export interface WorkspacesOptions {
  /** The bot token of a workspace (team id); undefined when the app is not installed there. */
  readonly tokenOf: (teamId: string) => Promise<string | undefined>;
  readonly clientFor: (token: string) => webApi.WebClient;
  readonly log: Logger;
  readonly userCacheTtlMs?: number;
  readonly ttlMs?: number;
  readonly now?: () => number;
}

export class Workspaces {
  private readonly cache = new Map<string, { workspace: Workspace; token: string; expires: number }>();
  private readonly now: () => number;

  constructor(private readonly options: WorkspacesOptions) {
    this.now = options.now ?? Date.now;
  }

  /** The workspace's clients, or undefined when the app has no token for it. */
  async get(teamId: string): Promise<Workspace | undefined> {
    const hit = this.cache.get(teamId);
    if (hit && hit.expires > this.now()) return hit.workspace;
    const token = await this.options.tokenOf(teamId);
    if (!token) {
      this.cache.delete(teamId);
      return undefined;
    }
    // The same token again (the entry only expired): keep the clients and their caches.
    const workspace = hit?.token === token ? hit.workspace : this.build(token);
    this.cache.set(teamId, { workspace, token, expires: this.now() + (this.options.ttlMs ?? 60_000) });
    return workspace;
  }

  /** Drops what is kept for the workspace (uninstalled, or reinstalled with a new token). */
  forget(teamId: string): void {
    this.cache.delete(teamId);
  }

  private build(token: string): Workspace {
    const client = this.options.clientFor(token);
    const { log } = this.options;
    return {
      client,
      users: new UserDirectory(client, log, { ttlMs: this.options.userCacheTtlMs }),
      answers: new Answerer(client, log),
    };
  }
}
