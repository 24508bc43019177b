/**
 * One lane of the drainer: a Slack workspace, or a Discord bot with all its servers (the platform says which, see
 * `ChatPlatform.laneOf`). It claims its communities' due items one at a time, taking turns between communities
 * (`fair-turns.ts`), and sends them at the rate it learned for its key. Each lane has its own pace, learned rate
 * and Retry-After pause, so a 429 in one workspace never delays another, nor Discord Slack.
 */
import type { CommunityId } from '../ids.ts';
import type { ChatPlatform, DeliveryError, SentMessage } from '../ports/chat-platform.ts';
import type { OutboxItem } from '../stores/outbox.ts';
import { type DeliverDeps, describe, recordFailure, recordSent, send, withOutbox } from './deliver.ts';
import { DEFAULT_RETRY_AFTER_MS, MAX_ATTEMPTS, MAX_RATE_LIMITED, toDeliveryError } from './retry.ts';
import type { RateLearner } from './rate-learner.ts';
import { FairTurns } from './fair-turns.ts';
import { LaneLease } from './lane-lease.ts';
import type { LaneQuota } from './lane-quota.ts';
import { SharedRate } from './shared-rate.ts';
import { sleep, type Wait } from './sleep.ts';
import type { TokenBucket } from './token-bucket.ts';

/**
 * How long a claimed item belongs to this process. A send outlasting it (a 429 wait) is fine: the lease only
 * matters when the process died, and then another process takes the item over once it runs out.
 */
export const LEASE_MS = 5 * 60_000;
/** During a pass, the learned rate is stored at most this often (and at the pass's end). */
const SAVE_EVERY_MS = 5_000;
/** During a pass, what other processes stored for the lane is read at most this often (and at the pass's start). */
const RELOAD_EVERY_MS = 5_000;

export interface LaneDeps extends DeliverDeps {
  readonly wait?: Wait;
  /** Aborted by `stop()`: cuts waits short; the lane stops after the send in flight. */
  readonly stopped: AbortSignal;
  /** This process's name in the lane leases; undefined: leases off (SQLite, one sender). See `lane-lease.ts`. */
  readonly holder?: string;
}

/** What a lane asks of the platform's lanes it belongs to (`platform-lanes.ts`). */
export interface LaneOwner {
  /** How many lanes this process should hold at once (shared by the platform's lanes). */
  readonly quota: LaneQuota;
  /** Awaited before each claim: lets newly due communities join (after a kick) before the next turn. */
  beforeClaim(): Promise<void>;
  /** A community left the turns although it may still have less urgent messages: look again soon. */
  lookAgain(): void;
}

/**
 * Drains one platform: claim one due item, wait for a token, send, record; repeat until nothing is due. The pace
 * is the learner's: it starts at the configured rate and follows what the platform's 429s teach.
 */
export class Lane {
  private chain: Promise<unknown> = Promise.resolve();
  private readonly shared: SharedRate;
  private readonly lease: LaneLease;
  private readonly turns = new FairTurns();
  /** When the last pass ended (the clock's ms), for dropping lanes that stay idle. */
  idleSinceMs = Number.NEGATIVE_INFINITY;

  constructor(
    readonly platform: ChatPlatform,
    private readonly bucket: TokenBucket,
    private readonly learner: RateLearner,
    private readonly deps: LaneDeps,
    /** The lane's name in the stored rates. */
    readonly key: string,
    private readonly owner: LaneOwner,
  ) {
    this.shared = new SharedRate(key, learner, deps, key === platform.platform ? undefined : platform.platform);
    this.lease = new LaneLease(key, deps, owner.quota);
  }

  /** This process queued something: ask for the lane's lease again even if another process held it. */
  retrySoon(): void {
    this.lease.retrySoon();
  }

  /** `community` has messages due, `priority` the most urgent: it takes turns in the lane's passes. */
  offer(community: CommunityId, priority: number): void {
    this.turns.offer(community, priority);
  }

  /** True when no community waits for a turn. */
  get empty(): boolean {
    return this.turns.size === 0;
  }

  /** Messages per second the lane paces at now (undefined: unpaced, nothing configured or learned yet). */
  get rate(): number | undefined {
    return this.learner.rate;
  }

  /** Sends everything due now, including what becomes due meanwhile (an update whose post just landed). */
  drain(): Promise<number> {
    // One pass at a time: the run loop and a test's drainOnce() must not interleave on one bucket.
    const pass = this.chain.then(() => this.pass());
    this.chain = pass.catch(() => undefined);
    return pass;
  }

  private async pass(): Promise<number> {
    let sent = 0;
    try {
      if (await this.lease.acquire()) {
        await this.shared.load();
        sent = await this.sendDue();
        await this.shared.save();
      } else {
        // Another process drains this lane now: what is due here is its to send.
        this.turns.clear();
      }
    } finally {
      await this.lease.release();
      this.idleSinceMs = this.deps.clock.now().getTime();
    }
    return sent;
  }

  /** Claims and sends, community by community in turns, while something is due and the lane is still ours. */
  private async sendDue(): Promise<number> {
    let sent = 0;
    while (!this.deps.stopped.aborted) {
      await this.owner.beforeClaim();
      const turn = this.turns.next();
      if (!turn) break;
      // Renewed as it goes; lost only if this process stalled past its lease and another took the lane over.
      if (!(await this.lease.acquire())) {
        this.turns.clear();
        break;
      }
      const item = await this.claim(turn.community, turn.maxPriority);
      if (!item) {
        this.turns.drop(turn.community);
        // Claimed with a bound (another community has something more urgent): it may still have less urgent ones.
        if (turn.maxPriority !== Number.POSITIVE_INFINITY) this.owner.lookAgain();
        continue;
      }
      // What is left may be less urgent; a later claim with a bound finds out.
      this.turns.offer(item.community, item.priority);
      if (await this.deliver(item)) sent++;
      // Another process's 429 on this lane slows this one during a long pass too, not only at its next start.
      await this.shared.load(RELOAD_EVERY_MS);
    }
    return sent;
  }

  /** Claims the most urgent due item of `community`, if it is at least as urgent as `maxPriority`. */
  private async claim(community: CommunityId, maxPriority: number): Promise<OutboxItem | undefined> {
    const now = this.deps.clock.now();
    const leaseUntil = new Date(now.getTime() + LEASE_MS);
    const bound = Number.isFinite(maxPriority) ? maxPriority : undefined;
    const [item] = await withOutbox(this.deps.storage, (outbox) =>
      outbox.claimDueIn(community, now, 1, leaseUntil, bound),
    );
    return item;
  }

  /** Sends one claimed item, waiting out the rate limit and 429s; records the outcome. True if it was sent. */
  private async deliver(item: OutboxItem): Promise<boolean> {
    const { deps } = this;
    if (item.attempts > (deps.maxAttempts ?? MAX_ATTEMPTS)) {
      // Only a crash loop gets here (each claim counts): this item may be what brings the process down.
      await withOutbox(deps.storage, (outbox) =>
        outbox.markFailed(item.id, 'claimed too many times without an outcome', deps.clock.now()),
      );
      return false;
    }
    for (let limited = 0; ; limited++) {
      this.bucket.setRate(this.learner.rate);
      await sleep(this.bucket.reserve(deps.clock.now().getTime()), deps.stopped, deps.wait);
      if (deps.stopped.aborted) {
        const resumeAt = Math.max(deps.clock.now().getTime(), this.bucket.pausedUntil);
        await withOutbox(deps.storage, (outbox) =>
          outbox.markRetry(item.id, new Date(resumeAt), 'interrupted by shutdown'),
        );
        return false;
      }
      const sentAt = deps.clock.now().getTime();
      const outcome = await this.attempt(item);
      if (outcome.ok) {
        this.learner.sent(sentAt);
        // A long fan-out shares what it learned as it goes (at most every few seconds), not only at its end.
        await this.shared.save(SAVE_EVERY_MS);
        // Outside the try: if recording fails the item stays `sending` (resent once after a restart) rather than
        // being retried at once as if the send had failed.
        await recordSent(item, outcome.sent, deps);
        return true;
      }
      const { error } = outcome;
      if (error.kind !== 'rate_limited') {
        await recordFailure(item, error, deps);
        return false;
      }
      // Wait out the platform's Retry-After (the whole lane pauses) and try the same item again.
      const until = deps.clock.now().getTime() + (error.retryAfterMs ?? DEFAULT_RETRY_AFTER_MS);
      this.bucket.pauseUntil(until);
      this.learner.limited(sentAt);
      const rate = this.learner.rate;
      deps.log.warn({ ...describe(item), lane: this.key, until, rate }, 'rate limited: pausing');
      if (limited + 1 >= MAX_RATE_LIMITED) {
        await recordFailure(item, error, deps, until);
        return false;
      }
    }
  }

  private async attempt(
    item: OutboxItem,
  ): Promise<{ ok: true; sent: SentMessage | undefined } | { ok: false; error: DeliveryError }> {
    try {
      return { ok: true, sent: await send(item, this.platform, this.deps.storage) };
    } catch (thrown) {
      return { ok: false, error: toDeliveryError(thrown) };
    }
  }
}
