/**
 * One Hallway process of the Monday-morning benchmark: the real `OutboxDrainer` on the shared PostgreSQL, with
 * Slack's lanes per workspace (`laneOf` = the community, as the Slack adapter has it) and the default send rates,
 * in lock-step simulated time (`lockstep-time.ts`). Its platform calls go to the parent's simulated Slack over IPC.
 * On `stop` it stops the drainer and reports its peak RSS.
 */
import { openStorage } from '../../data/open.ts';
import { loadConfig } from '../../src/app/config.ts';
import type { CommunityId, Platform } from '#core/ids.ts';
import { OutboxDrainer } from '#core/outbox.ts';
import { type ChatPlatform, DeliveryError, type SentMessage } from '#core/ports/chat-platform.ts';
import { type Logger, silentLogger } from '#core/ports/logger.ts';
import type { Storage } from '#core/ports/storage.ts';
import type { Reply } from '#core/reply.ts';
import { LockstepTime } from './lockstep-time.ts';

export type ToParent =
  | { kind: 'quiet'; next: number | undefined; seq: number }
  | { kind: 'send'; id: number; community: string; key: string }
  | { kind: 'done'; peakRssMb: number; errors: number };
export type ToChild =
  | { kind: 'advance'; now: number; seq: number }
  | { kind: 'sent'; id: number; retryAfterMs?: number }
  | { kind: 'stop' };

const [url, start] = process.argv.slice(2);
if (!url || !start) throw new Error('usage: monday-child.ts <database url> <start ms>');
// After `stop` the channel closes; a late report of quiet goes nowhere.
const tell = (message: ToParent) => {
  if (process.connected) process.send!(message);
};

let peakRss = 0;
const sample = () => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
};
const sampler = setInterval(sample, 100);

const time = new LockstepTime(Number(start), (next, seq) => tell({ kind: 'quiet', next, seq }));
const calls = new Map<number, (retryAfterMs: number | undefined) => void>();
let nextCall = 0;

/** Slack as the drainer sees it: one lane per workspace; a DM is a call to the parent's simulated Slack. */
class SimulatedSlack implements ChatPlatform {
  readonly platform: Platform = 'slack';
  async start(): Promise<void> {}
  async stop(): Promise<void> {}
  laneOf(community: CommunityId): string {
    return community;
  }
  sendDirectMessage(community: CommunityId, _users: readonly string[], reply: Reply): Promise<SentMessage> {
    return time.track(async () => {
      const id = nextCall++;
      const retryAfterMs = await new Promise<number | undefined>((resolve) => {
        calls.set(id, resolve);
        tell({ kind: 'send', id, community, key: reply.text });
      });
      if (retryAfterMs !== undefined) throw new DeliveryError('rate_limited', 'ratelimited', retryAfterMs);
      return { channelId: 'D1', messageId: String(id) };
    });
  }
  postMessage(community: CommunityId, _channel: string, reply: Reply): Promise<SentMessage> {
    return this.sendDirectMessage(community, [], reply);
  }
  async updateMessage(): Promise<void> {}
}

const opened = await openStorage({ url, path: '', poolSize: 10 });
/** The storage with every transaction counted as in flight (the child is not quiet while one runs). */
const storage = new Proxy(opened, {
  get(target, property, receiver) {
    if (property === 'transaction') {
      return <T>(...args: Parameters<Storage['transaction']>) =>
        time.track(() => target.transaction(...args) as Promise<T>);
    }
    const value = Reflect.get(target, property, receiver);
    return typeof value === 'function' ? value.bind(target) : value;
  },
}) as Storage;

/** Errors only, counted and the first few printed (a failing pass is a figure's cause, never to be hidden). */
let errors = 0;
const log: Logger = {
  ...silentLogger,
  error: (fields, message) => {
    // The stack says which of the lane's transactions failed (a claim, a record, a lease).
    if (errors++ < 5) console.error('monday-child:', message, (fields as { err?: Error }).err?.stack ?? '');
  },
  child: () => log,
};

const config = loadConfig({});
const drainer = new OutboxDrainer({
  storage,
  platforms: new Map([['slack', new SimulatedSlack()]]),
  clock: time,
  log,
  rates: { slack: config.sendRates.slack },
  maxRates: { slack: config.sendRates.slackMax },
  wait: time.wait,
  random: () => 0.5,
  // As the app has it: half the pool for sending (lane leases are on, PostgreSQL's default).
  databaseShare: 5,
});

process.on('message', (message: ToChild) => {
  if (message.kind === 'advance') time.advance(message.now, message.seq);
  else if (message.kind === 'sent') {
    calls.get(message.id)?.(message.retryAfterMs);
    calls.delete(message.id);
  } else if (message.kind === 'stop') {
    void (async () => {
      await drainer.stop();
      await opened.close();
      sample();
      clearInterval(sampler);
      tell({ kind: 'done', peakRssMb: peakRss / 2 ** 20, errors });
      process.disconnect();
    })();
  }
});

await time.track(() => drainer.start());
