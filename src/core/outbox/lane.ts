/**
 * One platform's share of the drainer: claims its due items one at a time and sends them at the platform's rate.
 * Each platform has its own lane, so a Discord 429 never delays Slack.
 */
import type { ChatPlatform, DeliveryError, SentMessage } from '../ports/chat-platform.ts';
import type { OutboxItem } from '../stores/outbox.ts';
import { type DeliverDeps, describe, recordFailure, recordSent, send, withOutbox } from './deliver.ts';
import { DEFAULT_RETRY_AFTER_MS, MAX_ATTEMPTS, MAX_RATE_LIMITED, toDeliveryError } from './retry.ts';
import type { RateLearner } from './rate-learner.ts';
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

export interface LaneDeps extends DeliverDeps {
  readonly wait?: Wait;
  /** Aborted by `stop()`: cuts waits short; the lane stops after the send in flight. */
  readonly stopped: AbortSignal;
}

/**
 * Drains one platform: claim one due item, wait for a token, send, record; repeat until nothing is due. The pace
 * is the learner's: it starts at the configured rate and follows what the platform's 429s teach.
 */
export class Lane {
  private chain: Promise<unknown> = Promise.resolve();
  private readonly shared: SharedRate;

  constructor(
    readonly platform: ChatPlatform,
    private readonly bucket: TokenBucket,
    private readonly learner: RateLearner,
    private readonly deps: LaneDeps,
    /** The lane's name in the stored rates (one per platform lane). */
    laneKey: string = platform.platform,
  ) {
    this.shared = new SharedRate(laneKey, learner, deps);
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
    await this.shared.load();
    while (!this.deps.stopped.aborted) {
      const now = this.deps.clock.now();
      const leaseUntil = new Date(now.getTime() + LEASE_MS);
      const [item] = await withOutbox(this.deps.storage, (outbox) =>
        outbox.claimDue(this.platform.platform, now, 1, leaseUntil),
      );
      if (!item) break;
      if (await this.deliver(item)) sent++;
    }
    await this.shared.save();
    return sent;
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
      deps.log.warn({ ...describe(item), platform: this.platform.platform, until, rate }, 'rate limited: pausing');
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
