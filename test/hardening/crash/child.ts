/**
 * A Hallway core process for the crash tests: the real database file, repositories, jobs and outbox drainer, with
 * a platform that delivers each message to a recorder on 127.0.0.1 (carrying the outbox item's idempotency key, so
 * the recorder can count exactly-once). It runs one scheduler tick at a fixed instant, drains until nothing is
 * due, closes the database and exits 0. SIGTERM stops it the way `App.stop()` does: the send in flight finishes,
 * claimed items are released, the database is checkpointed and closed.
 *
 *   DATABASE_PATH=… RECORDER_URL=http://127.0.0.1:… NOW=2026-11-16T09:00:30Z node --import tsx crash/child.ts
 */
import { features } from '../../../commands/index.ts';
import { closeDatabase, openDatabase } from '../../../data/db.ts';
import { createRepositories } from '../../../data/repositories/index.ts';
import { loadCommunity } from '#core/context.ts';
import { runDueJobs } from '#core/jobs.ts';
import { createOutboxNotifier, OutboxDrainer } from '#core/outbox.ts';
import type { ChatPlatform, SentMessage } from '#core/ports/chat-platform.ts';
import { DeliveryError } from '#core/ports/chat-platform.ts';
import { silentLogger } from '#core/ports/logger.ts';
import type { OutboxItem } from '#core/stores/outbox.ts';
import type { Reply } from '#core/reply.ts';

const { DATABASE_PATH, RECORDER_URL, NOW } = process.env;
if (!DATABASE_PATH || !RECORDER_URL || !NOW) throw new Error('DATABASE_PATH, RECORDER_URL and NOW are required');

const db = openDatabase(DATABASE_PATH);
const repos = createRepositories(db);
const clock = { now: () => new Date(NOW) };

// The lane claims one item at a time and sends it before claiming the next: the item being sent is the last one
// claimed. The recorder gets its key.
let current: OutboxItem | undefined;
const claimDue = repos.outbox.claimDue.bind(repos.outbox);
repos.outbox.claimDue = (platform, now, limit) => {
  const items = claimDue(platform, now, limit);
  current = items[0];
  return items;
};

let sequence = 0;
async function deliver(kind: string, to: readonly string[], reply: Reply): Promise<SentMessage> {
  const response = await fetch(RECORDER_URL!, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ key: current?.key, kind, to, text: reply.text, pid: process.pid }),
  });
  if (!response.ok) throw new DeliveryError('transient', `http_${response.status}`);
  return { channelId: to.join(','), messageId: `${process.pid}-${++sequence}` };
}

const platform: ChatPlatform = {
  platform: 'slack',
  start: async () => {},
  stop: async () => {},
  postMessage: async (_community, channelId, reply) => await deliver('post', [channelId], reply),
  sendDirectMessage: async (_community, userIds, reply) => await deliver('dm', userIds, reply),
  updateMessage: async (_community, sent, reply) => void (await deliver('update', [sent.channelId], reply)),
};

const drainer = new OutboxDrainer({
  repos,
  platforms: new Map([['slack', platform]]),
  clock,
  log: silentLogger,
  rates: {},
});
const deps = {
  repos,
  notify: createOutboxNotifier(repos, clock),
  clock,
  log: silentLogger,
  managers: new Set<string>(),
  defaultTimezone: 'UTC',
};

let stopping: Promise<void> | undefined;
async function stop(code: number): Promise<void> {
  stopping ??= await (async () => {
    await drainer.stop();
    closeDatabase(db);
    process.exit(code);
  })();
  return stopping;
}

process.once('SIGTERM', () => {
  process.stdout.write('stopping\n');
  void stop(0);
});

const communities = repos.communities.list().map((c) => loadCommunity(deps, c.id, clock.now()));
await runDueJobs(
  features.flatMap((f) => f.jobs ?? []),
  communities,
  deps,
);
process.stdout.write('ticked\n');
drainer.start();
await drainer.idle();
process.stdout.write('idle\n');
await stop(0);
