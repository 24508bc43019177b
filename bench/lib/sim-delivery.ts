/**
 * Fan-outs through the real OutboxDrainer and a real SQLite outbox, in simulated time: the drainer's waits move a
 * fake clock, and the platform is a hidden token bucket read at that clock (Slack-style: nothing but a whole-second
 * Retry-After on a 429; Discord-style: the limit announced). Rates of 1-20/s make real-time runs last minutes; the
 * simulation runs a 1,000-DM fan-out in a second and gives the same figures (each send costs `latencyMs` of fake
 * time, like a round trip).
 */
import type { CommunityId, Platform } from '#core/ids.ts';
import { OutboxDrainer, type OutboxNotifier } from '#core/outbox.ts';
import { type ChatPlatform, DeliveryError, type SentMessage } from '#core/ports/chat-platform.ts';
import { silentLogger } from '#core/ports/logger.ts';
import type { Storage } from '#core/ports/storage.ts';
import type { Reply } from '#core/reply.ts';
import { inUnit } from '#core/unit.ts';
import { FakeClock } from '../../test/support/fake-clock.ts';
import { HiddenLimit } from '../../test/support/hidden-limit.ts';

export const WORKSPACE: CommunityId = 'slack:TBENCH';

/** A platform behind a hidden token bucket, on the fake clock; it counts each key it delivered. */
export class SimPlatform implements ChatPlatform {
  readonly seen = new Map<string, number>();
  /** Delivery time (fake ms) of each key. */
  readonly deliveredAt = new Map<string, number>();
  /** Awaited before each send (a benchmark queues a member's command mid-fan-out from here). */
  beforeSend?: () => Promise<void>;
  constructor(
    readonly platform: Platform,
    readonly limit: HiddenLimit,
    private readonly clock: FakeClock,
    private readonly latencyMs = 2,
  ) {}
  async start(): Promise<void> {}
  async stop(): Promise<void> {}
  sendDirectMessage(_c: CommunityId, userIds: readonly string[], reply: Reply): Promise<SentMessage> {
    return this.send(userIds.join(','), reply);
  }
  postMessage(_c: CommunityId, channelId: string, reply: Reply): Promise<SentMessage> {
    return this.send(channelId, reply);
  }
  async updateMessage(_c: CommunityId, sent: SentMessage, reply: Reply): Promise<void> {
    await this.send(sent.channelId, reply);
  }
  get duplicates(): number {
    return [...this.seen.values()].reduce((n, count) => n + count - 1, 0);
  }
  private async send(to: string, reply: Reply): Promise<SentMessage> {
    await this.beforeSend?.();
    this.clock.advance(this.latencyMs);
    const retryAfterMs = this.limit.take(this.clock.now().getTime());
    if (retryAfterMs !== undefined) throw new DeliveryError('rate_limited', 'ratelimited', retryAfterMs);
    const key = reply.text ?? '';
    this.seen.set(key, (this.seen.get(key) ?? 0) + 1);
    this.deliveredAt.set(key, this.clock.now().getTime());
    return { channelId: to, messageId: String(this.seen.size) };
  }
}

export interface SimOptions {
  readonly storage: Storage;
  readonly clock: FakeClock;
  readonly platform: SimPlatform;
  readonly rates: Partial<Record<Platform, number>>;
  readonly maxRates?: Partial<Record<Platform, number>>;
}

export function simDrainer(o: SimOptions): OutboxDrainer {
  return new OutboxDrainer({
    storage: o.storage,
    platforms: new Map([[o.platform.platform, o.platform]]),
    clock: o.clock,
    log: silentLogger,
    rates: o.rates,
    maxRates: o.maxRates,
    wait: async (ms) => o.clock.advance(ms),
    random: () => 0.5,
  });
}

/** Queues messages as a handler or job would (one unit); each message's text is its key. */
export function queue(
  o: SimOptions,
  priority: 'interactive' | 'bulk',
  fn: (notify: OutboxNotifier) => void,
): Promise<void> {
  return inUnit({ storage: o.storage, clock: o.clock }, priority, async (unit) => fn(unit.notify));
}

export function fanOutKeys(round: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => `${round}:${i}`);
}

/** Drains until nothing is left (moving the clock to retries); resolves with the fake milliseconds it took. */
export async function drainAll(o: SimOptions, drainer: OutboxDrainer): Promise<number> {
  const from = o.clock.now().getTime();
  for (let pass = 0; pass < 1_000; pass++) {
    await drainer.drainOnce();
    const next = await o.storage.transaction((tx) => o.storage.core(tx).outbox.nextDue(o.platform.platform));
    if (!next) return o.clock.now().getTime() - from;
    if (next > o.clock.now()) o.clock.set(next);
  }
  throw new Error('outbox never settled');
}

export { FakeClock, HiddenLimit };
