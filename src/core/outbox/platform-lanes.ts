/**
 * One platform's lanes, made as they are needed: a look at the outbox finds the communities with messages due, the
 * platform says which lane each belongs to (`ChatPlatform.laneOf`), and each lane is made on first use and started.
 * A lane that ran out of work keeps no timer; it is dropped once idle for a minute (1,000 quiet workspaces cost
 * nothing), and made again, from its stored rate, when its workspace has messages again.
 */
import type { CommunityId, Platform } from '../ids.ts';
import type { ChatPlatform } from '../ports/chat-platform.ts';
import { READ_COMMITTED, withOutbox } from './deliver.ts';
import type { Lane, LaneDeps, LaneOwner } from './lane.ts';
import { HOLDER_ALIVE_MS, LaneQuota } from './lane-quota.ts';

/** A lane idle this long is dropped at the next look (its learned rate is in the database). */
export const LANE_IDLE_MS = 60_000;
/** Communities taken per look; more are found at the next look, once lanes ran dry. */
const LOOK_LIMIT = 10_000;
/**
 * With other processes on the database (lane leases on), what they queue is seen only by looking: a lane busy with
 * one community's long fan-out looks this often, so another server's welcome DM takes its turn within seconds.
 */
const LOOK_EVERY_MS = 5_000;

/** Makes the lane of a key: its pacer and learner (the drainer knows the configured rates). */
export type MakeLane = (key: string, owner: LaneOwner) => Lane;

export class PlatformLanes implements LaneOwner {
  readonly quota = new LaneQuota();
  private readonly lanes = new Map<string, Lane>();
  private readonly running = new Map<Lane, Promise<void>>();
  private stale = true;
  private lookedAtMs = Number.NEGATIVE_INFINITY;
  private looking: Promise<void> | undefined;
  private sentTotal = 0;
  /** A lane's pass that failed (the store threw): `drain()` rejects with it, so the loop logs it and backs off. */
  private failure: unknown;

  constructor(
    readonly chat: ChatPlatform,
    private readonly deps: LaneDeps,
    private readonly makeLane: MakeLane,
  ) {}

  get platform(): Platform {
    return this.chat.platform;
  }

  /** The lane a community's messages go through. */
  keyOf(community: CommunityId): string {
    return this.chat.laneOf?.(community) ?? this.chat.platform;
  }

  /** A lane by key, while it exists. */
  lane(key: string): Lane | undefined {
    return this.lanes.get(key);
  }

  /** The keys of the lanes that exist now. */
  keys(): string[] {
    return [...this.lanes.keys()];
  }

  /** Something was enqueued: look for newly due communities before any lane's next claim. */
  kick(): void {
    this.stale = true;
    // Another process may have just given up a lane this one saw held: ask again rather than wait its lease out.
    for (const lane of this.lanes.values()) lane.retrySoon();
  }

  lookAgain(): void {
    this.stale = true;
  }

  async beforeClaim(): Promise<void> {
    const overdue =
      this.deps.holder !== undefined && this.deps.clock.now().getTime() - this.lookedAtMs >= LOOK_EVERY_MS;
    if (this.stale || overdue) await this.look();
  }

  /**
   * Sends everything due now on this platform, every lane at its own pace, and what becomes due meanwhile (the
   * lanes look again after a kick). Resolves with the number sent.
   */
  async drain(): Promise<number> {
    const before = this.sentTotal;
    for (;;) {
      this.stale = true;
      await this.look();
      if (this.running.size === 0) break;
      const roundBefore = this.sentTotal;
      await this.settle();
      if (this.failure !== undefined) {
        const failure = this.failure;
        this.failure = undefined;
        throw failure;
      }
      // Due but nothing could be claimed (another process took it): the loop parks instead of spinning.
      if (this.sentTotal === roundBefore) break;
    }
    return this.sentTotal - before;
  }

  /** Resolves once no lane is in a pass. */
  async settle(): Promise<void> {
    while (this.running.size > 0) await Promise.all(this.running.values());
  }

  /** Finds the due communities (one look at a time, shared), hands each to its lane, starts idle lanes. */
  private look(): Promise<void> {
    if (!this.looking) {
      this.stale = false;
      this.looking = this.lookNow().finally(() => {
        this.looking = undefined;
      });
    }
    return this.looking;
  }

  private async lookNow(): Promise<void> {
    const now = this.deps.clock.now();
    this.lookedAtMs = now.getTime();
    this.dropIdle(now.getTime());
    const due = await withOutbox(this.deps.storage, (outbox) => outbox.dueCommunities(this.platform, now, LOOK_LIMIT));
    await this.shareOut(new Set(due.map(({ community }) => this.keyOf(community))).size, now);
    for (const { community, priority } of due) {
      const key = this.keyOf(community);
      let lane = this.lanes.get(key);
      if (!lane) {
        lane = this.makeLane(key, this);
        this.lanes.set(key, lane);
      }
      lane.offer(community, priority);
      if (!this.running.has(lane) && !this.deps.stopped.aborted) this.start(lane);
    }
  }

  /** With other processes on the database: says this one is alive and takes its share of the due lanes. */
  private async shareOut(dueLanes: number, now: Date): Promise<void> {
    const { holder, storage } = this.deps;
    if (holder === undefined) return;
    const until = new Date(now.getTime() + HOLDER_ALIVE_MS);
    const alive = await storage.transaction(
      (tx) => storage.core(tx).laneLeases.alive(holder, now, until),
      READ_COMMITTED,
    );
    this.quota.update(dueLanes, alive);
  }

  private start(lane: Lane): void {
    const pass = lane.drain().then(
      (sent) => {
        this.sentTotal += sent;
        this.running.delete(lane);
        // Offered a community as its pass was ending: another pass, rather than waiting for the next look.
        if (!lane.empty && !this.deps.stopped.aborted) this.start(lane);
      },
      (error: unknown) => {
        this.running.delete(lane);
        this.failure ??= error;
      },
    );
    this.running.set(lane, pass);
  }

  private dropIdle(nowMs: number): void {
    for (const [key, lane] of this.lanes) {
      if (lane.empty && !this.running.has(lane) && nowMs - lane.idleSinceMs >= LANE_IDLE_MS) this.lanes.delete(key);
    }
  }
}
