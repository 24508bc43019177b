import type { CommunityId, Platform } from '../ids.ts';
import type { Dispatch } from '../inbound.ts';
import type { Reply } from '../reply.ts';
import type { CommandCatalog } from '../catalog.ts';

/** Where a sent message lives, so it can be updated in place later (meetup cards with live RSVP counts). */
export interface SentMessage {
  readonly channelId: string;
  /** Slack `ts`, Discord message id. */
  readonly messageId: string;
}

/**
 * Why a send failed, in the drainer's neutral terms. Adapters translate platform errors into this:
 * `rate_limited` (429: wait `retryAfterMs`, then retry), `transient` (5xx, timeouts: retry with backoff),
 * `dm_closed` (the member takes no DMs from us: recorded, and the member marked unreachable), `not_found` (the
 * channel, message or member is gone), `permanent` (any other answer that will never change). The last three are
 * recorded and never retried.
 */
export type DeliveryKind = 'rate_limited' | 'transient' | 'dm_closed' | 'not_found' | 'permanent';

export class DeliveryError extends Error {
  override readonly name = 'DeliveryError';
  constructor(
    readonly kind: DeliveryKind,
    /** The platform's own code, for logs and operators, e.g. `50007`, `channel_not_found`. */
    readonly code: string,
    readonly retryAfterMs?: number,
  ) {
    super(`${kind}: ${code}`);
  }

  /** Will never work: recorded as failed, not retried. */
  get permanent(): boolean {
    return this.kind === 'dm_closed' || this.kind === 'not_found' || this.kind === 'permanent';
  }
}

/**
 * One chat platform as the core sees it. Adapters implement this; the outbox drainer and `main.ts` use it.
 * Methods reject with `DeliveryError` for failures the drainer should understand; anything else counts as transient.
 */
export interface ChatPlatform {
  readonly platform: Platform;
  /** Connect and start delivering inbound events to `dispatch`. Resolves once ready. */
  start(dispatch: Dispatch): Promise<void>;
  /** Stop taking events and disconnect. */
  stop(): Promise<void>;
  /** Post to a channel. */
  postMessage(community: CommunityId, channelId: string, reply: Reply): Promise<SentMessage>;
  /** DM one member, or several together (Slack group DM; Discord: the same message to each). */
  sendDirectMessage(community: CommunityId, userIds: readonly string[], reply: Reply): Promise<SentMessage>;
  /** Replace a message posted earlier. */
  updateMessage(community: CommunityId, sent: SentMessage, reply: Reply): Promise<void>;
  /**
   * The outbox lane a community's messages go through: communities with one key share one pace, one learned rate
   * and one Retry-After pause. A platform whose limits are per workspace (Slack: per workspace and method) returns
   * the community; without this method a platform has one lane for all its communities (a Discord bot: 50
   * requests/s for the bot, whichever server). Keys are stored with their learned rates (`send_rates`).
   */
  laneOf?(community: CommunityId): string;
  /** Register the command surface with the platform (Discord slash commands). Idempotent. */
  syncCommands?(catalog: CommandCatalog): Promise<void>;
}
