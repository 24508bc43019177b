/**
 * Member facts from `users.info` (display name, time zone, workspace admin/owner), cached briefly. The cache keeps
 * the hot path (a member clicking through a flow) to one lookup per five minutes, and is short enough that a
 * demoted admin loses their rights quickly; `user_change` events refresh it at once.
 */
import type { webApi } from '@slack/bolt';
import type { Logger } from '#core/ports/logger.ts';
import { factsFromUser, type SlackUser, type UserFacts } from './to-inbound.ts';

export interface UserDirectoryOptions {
  readonly ttlMs?: number;
  /** Most entries kept; the oldest go first. */
  readonly maxEntries?: number;
  readonly now?: () => number;
}

export class UserDirectory {
  private readonly cache = new Map<string, { facts: UserFacts; expires: number }>();
  private readonly ttlMs: number;
  private readonly maxEntries: number;
  private readonly now: () => number;

  constructor(
    private readonly client: webApi.WebClient,
    private readonly log: Logger,
    options: UserDirectoryOptions = {},
  ) {
    this.ttlMs = options.ttlMs ?? 5 * 60_000;
    this.maxEntries = options.maxEntries ?? 10_000;
    this.now = options.now ?? Date.now;
  }

  /** Facts for a member; throws the Web API error when Slack cannot say (callers decide how to degrade). */
  async lookup(userId: string): Promise<UserFacts | undefined> {
    const hit = this.cache.get(userId);
    if (hit && hit.expires > this.now()) return hit.facts;
    try {
      const result = await this.client.users.info({ user: userId });
      if (!result.user) return undefined;
      return this.remember(result.user as SlackUser);
    } catch (error) {
      if (platformCode(error) === 'user_not_found') return undefined;
      throw error;
    }
  }

  /**
   * Facts for the member behind an interaction, never failing: when `users.info` is unavailable the member still
   * gets an answer, with the name from the payload and no admin rights (fail closed).
   */
  async factsFor(userId: string, fallbackName: string | undefined): Promise<UserFacts> {
    try {
      const facts = await this.lookup(userId);
      if (facts) return facts;
    } catch (error) {
      this.log.warn({ userId, error: describe(error) }, 'users.info failed; acting without admin rights');
    }
    return { displayName: fallbackName || userId, isPlatformAdmin: false };
  }

  /** Stores what an event already told us (`team_join`, `user_change`). */
  remember(user: SlackUser): UserFacts {
    const facts = factsFromUser(user);
    this.cache.delete(user.id);
    this.cache.set(user.id, { facts, expires: this.now() + this.ttlMs });
    if (this.cache.size > this.maxEntries) {
      const oldest = this.cache.keys().next().value;
      if (oldest !== undefined) this.cache.delete(oldest);
    }
    return facts;
  }
}

/** The Slack error code of a Web API platform error (`{ok:false, error}`), if it is one. */
export function platformCode(error: unknown): string | undefined {
  const data = (error as { data?: { error?: unknown } } | undefined)?.data;
  return typeof data?.error === 'string' ? data.error : undefined;
}

/** A short description for logs: never the request, which carries the token. */
export function describe(error: unknown): string {
  if (error instanceof Error) return platformCode(error) ?? error.message;
  return String(error);
}
