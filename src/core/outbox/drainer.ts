/**
 * The outbox drainer: per platform, lanes made as messages fall due (one per Slack workspace, one per Discord bot:
 * the platform says, see `ChatPlatform.laneOf`), each draining its communities' due items at the rate it learned;
 * then one loop per platform parks until the next item is due or `kick()` says something was enqueued.
 */
import { randomUUID } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import type { Platform } from '../ids.ts';
import type { ChatPlatform } from '../ports/chat-platform.ts';
import type { Clock } from '../ports/clock.ts';
import type { Logger } from '../ports/logger.ts';
import type { Storage } from '../ports/storage.ts';
import { gated } from './db-gate.ts';
import { READ_COMMITTED, withOutbox } from './deliver.ts';
import { Lane, type LaneDeps, type LaneOwner } from './lane.ts';
import { LaneLoop } from './lane-loop.ts';
import { PlatformLanes } from './platform-lanes.ts';
import { RateLearner } from './rate-learner.ts';
import type { Wait } from './sleep.ts';
import { TokenBucket } from './token-bucket.ts';

/** Sends' worth of lateness (late timers) a lane may make up by sending sooner: keeps long fan-outs on time. */
const CATCH_UP_SENDS = 2;

export interface OutboxDrainerOptions {
  readonly storage: Storage;
  /** The platforms to deliver to; items of other platforms wait in the outbox. */
  readonly platforms: ReadonlyMap<Platform, ChatPlatform>;
  readonly clock: Clock;
  readonly log: Logger;
  /**
   * Messages per second per platform, where each of its lanes starts. A 429 lowers a lane's rate to what the platform
   * accepted, and 429-free sending raises it slowly again, up to `maxRates`. A platform without a rate starts
   * unpaced and learns its rate from its first 429s (see `rate-learner.ts`).
   */
  readonly rates: Partial<Record<Platform, number>>;
  /** The most a lane may learn its way up to (messages per second). Default: its `rates` entry (no ceiling without). */
  readonly maxRates?: Partial<Record<Platform, number>>;
  /** How to wait (tests pass one that advances their fake clock). Default: real timers. */
  readonly wait?: Wait;
  /** Jitter source for backoff, in [0, 1). Default: Math.random. */
  readonly random?: () => number;
  /** Attempts before a transient failure becomes permanent. Default: 8. */
  readonly maxAttempts?: number;
  /**
   * Cleans an error text before it is stored on an outbox item (a platform may echo a token in its error: Slack's
   * `invalid_auth` can carry the Authorization header). Default: as is.
   */
  readonly redact?: (text: string) => string;
  /**
   * One process at a time per lane (`lane-lease.ts`). Default: on for PostgreSQL, where other processes may share
   * the outbox; off for SQLite, where this process is the only sender.
   */
  readonly leaseLanes?: boolean;
  /**
   * How many of the drainer's transactions may use the database at once (`db-gate.ts`). Default: unbounded. The
   * app passes half the PostgreSQL pool, leaving the rest to commands and jobs.
   */
  readonly databaseShare?: number;
}

/** One platform's lanes and the loop that drives them once started. */
interface Track {
  readonly lanes: PlatformLanes;
  readonly loop: LaneLoop;
}

/**
 * Delivers the outbox: `start()` in production (recover, then drain in the background), `drainOnce()` / `idle()`
 * in tests, `kick()` after each committed dispatch, `stop()` at shutdown.
 */
export class OutboxDrainer {
  private readonly stopping = new AbortController();
  private readonly tracks = new Map<Platform, Track>();
  private readonly deps: LaneDeps;
  private started = false;

  constructor(private readonly options: OutboxDrainerOptions) {
    // Every lane waiting listens for the stop: a thousand workspaces' lanes on a Monday morning are expected.
    setMaxListeners(0, this.stopping.signal);
    const leaseLanes = options.leaseLanes ?? options.storage.dialect === 'postgres';
    this.deps = {
      storage: options.databaseShare ? gated(options.storage, options.databaseShare) : options.storage,
      holder: leaseLanes ? randomUUID() : undefined,
      clock: options.clock,
      log: options.log,
      random: options.random ?? Math.random,
      maxAttempts: options.maxAttempts,
      redact: options.redact ?? ((text: string) => text),
      wait: options.wait,
      stopped: this.stopping.signal,
    };
  }

  /** Sends everything due now on every platform, at each platform's rate. Resolves with the number sent. */
  async drainOnce(): Promise<number> {
    const counts = await Promise.all(this.current().map(({ lanes }) => lanes.drain()));
    return counts.reduce((sum, count) => sum + count, 0);
  }

  /**
   * Puts items a crash left `sending` back in the queue (each is sent at most once more), then drains in the
   * background until `stop()`. Call once; a stopped drainer does not start again.
   */
  async start(): Promise<void> {
    if (this.started || this.stopping.signal.aborted) throw new Error('an OutboxDrainer starts once');
    // On SQLite this process is the only sender: what a crash left in flight can go at once. On PostgreSQL other
    // processes may be sending right now; their items come back only when their leases run out.
    if (this.options.storage.dialect === 'sqlite') {
      const recovered = await withOutbox(this.options.storage, (outbox) => outbox.recoverInFlight());
      if (recovered > 0) this.options.log.warn({ recovered }, 'outbox: resending items a crash left in flight');
    }
    // The tracks are made before `started` is set: `current()` starts the loops of tracks it makes once started,
    // and a loop started twice runs twice, one of them parked on a signal `stop()` never aborts (stop hangs).
    const tracks = this.current();
    this.started = true;
    for (const { loop } of tracks) loop.start();
  }

  /** Something was enqueued: drain now instead of at the next due time. */
  kick(): void {
    for (const { lanes, loop } of this.current()) {
      lanes.kick();
      loop.kick();
    }
  }

  /** Resolves once nothing is due on any platform (tests). Not started: drains once itself. */
  async idle(): Promise<void> {
    await Promise.all(this.current().map(({ loop }) => loop.idle()));
  }

  /**
   * The rate a lane paces at now, as configured or learned (undefined: unpaced, or no such lane now). The key is
   * the platform's (`slack:T…` for a Slack workspace; the platform's name for a platform with one lane).
   */
  sendRate(lane: string): number | undefined {
    for (const { lanes } of this.tracks.values()) {
      const found = lanes.lane(lane);
      if (found) return found.rate;
    }
    return undefined;
  }

  /** The lanes that exist now, by key (tests: lanes are made lazily and dropped when idle). */
  laneKeys(): string[] {
    return [...this.tracks.values()].flatMap(({ lanes }) => lanes.keys());
  }

  /** Lets each send in flight finish, releases items claimed but not sent, and stops. */
  async stop(): Promise<void> {
    this.stopping.abort();
    const tracks = [...this.tracks.values()];
    for (const { loop } of tracks) loop.interrupt();
    await Promise.all(tracks.map(({ loop }) => loop.done));
    // Waits for lane passes still running (a drainOnce(), or lanes the loop started).
    await Promise.all(tracks.map(({ lanes }) => lanes.settle()));
    await this.leave();
  }

  /** With lane leases: this process no longer counts among the senders (the others' shares grow at their next look). */
  private async leave(): Promise<void> {
    const { holder, storage, log } = this.deps;
    if (holder === undefined) return;
    try {
      await storage.transaction((tx) => storage.core(tx).laneLeases.leave(holder), READ_COMMITTED);
    } catch (error) {
      log.warn({ err: error }, 'outbox: could not say this process stopped sending');
    }
  }

  /**
   * The tracks of the platforms in the map now: the map may be filled after construction (the composition root
   * creates the drainer before the adapters that need its `drainOnce`).
   */
  private current(): Track[] {
    for (const [platform, chat] of this.options.platforms) {
      if (this.tracks.has(platform)) continue;
      const { rates, maxRates } = this.options;
      const makeLane = (key: string, owner: LaneOwner) => {
        const learner = new RateLearner({ start: rates[platform], max: maxRates?.[platform] });
        return new Lane(chat, new TokenBucket(learner.rate, 1, CATCH_UP_SENDS), learner, this.deps, key, owner);
      };
      const lanes = new PlatformLanes(chat, this.deps, makeLane);
      const track = { lanes, loop: new LaneLoop(lanes, this.deps) };
      this.tracks.set(platform, track);
      if (this.started && !this.stopping.signal.aborted) track.loop.start();
    }
    return [...this.tracks.values()];
  }
}
