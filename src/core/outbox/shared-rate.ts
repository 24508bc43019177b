/**
 * A lane's learned rate in the database (`send_rates`): read when the lane starts a pass, written when it learned
 * something. A restart starts from what the platform accepted instead of from scratch, and a 429 met by another
 * process sending to the same platform slows this one too (the lower, newer rate is taken). Storage errors never
 * stop sending: the rate is an optimisation, so they are logged and the lane goes on with what it knows.
 */
import { READ_COMMITTED } from './deliver.ts';
import type { LaneDeps } from './lane.ts';
import type { RateLearner } from './rate-learner.ts';

/** Differences smaller than this are not worth a write. */
const CHANGE = 0.01;

export class SharedRate {
  private saved: number | undefined;
  private savedAtMs = Number.NEGATIVE_INFINITY;
  private loadedAtMs = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly lane: string,
    private readonly learner: RateLearner,
    private readonly deps: LaneDeps,
    /**
     * Read the first time when the lane has no row yet: the platform-wide row (`slack`) that stored the one Slack
     * lane's rate before lanes were per workspace, so a single-workspace deployment keeps what it learned.
     */
    private readonly formerKey?: string,
  ) {}

  /**
   * Takes the stored rate the first time, and later a lower one another process stored since our last write;
   * skipped when the last read is less than `minGapMs` old.
   */
  async load(minGapMs = 0): Promise<void> {
    const nowMs = this.deps.clock.now().getTime();
    if (nowMs - this.loadedAtMs < minGapMs) return;
    this.loadedAtMs = nowMs;
    try {
      const first = this.saved === undefined;
      const stored = await this.deps.storage.transaction(async (tx) => {
        const rates = this.deps.storage.core(tx).sendRates;
        const own = await rates.get(this.lane);
        return own ?? (first && this.formerKey !== undefined ? rates.get(this.formerKey) : undefined);
      }, READ_COMMITTED);
      if (!stored) return;
      const current = this.learner.rate;
      const newerAndLower =
        stored.updatedAt.getTime() > this.savedAtMs && current !== undefined && stored.rate < current;
      if (first || newerAndLower) {
        this.learner.adopt(stored.rate);
        this.saved = stored.rate;
        this.savedAtMs = stored.updatedAt.getTime();
      }
    } catch (error) {
      this.deps.log.warn({ err: error, lane: this.lane }, 'outbox: could not read the stored send rate');
    }
  }

  /**
   * Stores the learner's rate once it learned one from the platform and it moved since the last write, unless the
   * last write is less than `minGapMs` old.
   */
  async save(minGapMs = 0): Promise<void> {
    const rate = this.learner.rate;
    if (rate === undefined || !this.learner.learned) return;
    if (this.saved !== undefined && Math.abs(rate / this.saved - 1) < CHANGE) return;
    const now = this.deps.clock.now();
    if (now.getTime() - this.savedAtMs < minGapMs) return;
    try {
      await this.deps.storage.transaction(
        (tx) => this.deps.storage.core(tx).sendRates.save(this.lane, rate, now),
        READ_COMMITTED,
      );
      this.saved = rate;
      this.savedAtMs = now.getTime();
    } catch (error) {
      this.deps.log.warn({ err: error, lane: this.lane }, 'outbox: could not store the send rate');
    }
  }
}
