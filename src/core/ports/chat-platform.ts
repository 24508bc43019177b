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

export interface PlatformUser {
  readonly userId: string;
  readonly displayName: string;
  readonly isPlatformAdmin: boolean;
  readonly timezone?: string;
  readonly isBot?: boolean;
}

/**
 * Why a send failed, in the drainer's terms. Adapters translate platform errors into this:
 * `rate_limited` (429: wait `retryAfterMs`, then retry), `transient` (5xx, timeouts: retry with backoff),
 * `permanent` (will never work: Discord 50007 DMs closed, Slack `channel_not_found`; recorded, never retried).
 */
export class DeliveryError extends Error {
  override readonly name = 'DeliveryError';
  constructor(
    readonly kind: 'rate_limited' | 'transient' | 'permanent',
    /** Platform error code, e.g. `50007`, `channel_not_found`. */
    readonly code: string,
    readonly retryAfterMs?: number,
  ) {
    super(`${kind}: ${code}`);
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
  /** Look a member up (display name, admin rights), if the platform can. */
  getUser?(community: CommunityId, userId: string): Promise<PlatformUser | undefined>;
  /** Register the command surface with the platform (Discord slash commands). Idempotent. */
  syncCommands?(catalog: CommandCatalog): Promise<void>;
}
