/**
 * A Hallway process for the crash tests: the app as `createApp` builds it (the real database, features, jobs and
 * outbox drainer), with a platform that delivers each message to a recorder on 127.0.0.1 (carrying the outbox
 * item's idempotency key, so the recorder can count exactly-once). It starts at a given instant, runs one scheduler
 * tick, drains until nothing is due, stops and exits 0. SIGTERM stops it the way `npm start` does (`App.stop()`):
 * the send in flight finishes, claimed items are released, the database is checkpointed and closed.
 *
 *   DATABASE_PATH=… (or DATABASE_URL=postgres://…) RECORDER_URL=http://127.0.0.1:… NOW=2026-11-16T09:00:30Z \
 *     node --conditions=hallway-source --import tsx test/hardening/crash/child.ts
 */
import { PassThrough } from 'node:stream';
import { openStorage } from '../../../data/open.ts';
import { loadConfig } from '../../../src/app/config.ts';
import { createApp } from '../../../src/app/create-app.ts';
import type { ChatPlatform, SentMessage } from '#core/ports/chat-platform.ts';
import { DeliveryError } from '#core/ports/chat-platform.ts';
import { silentLogger } from '#core/ports/logger.ts';
import type { CoreStores, Storage, Tx } from '#core/ports/storage.ts';
import type { Reply } from '#core/reply.ts';
import type { OutboxItem } from '#core/stores/outbox.ts';

const { RECORDER_URL, NOW } = process.env;
if (!(process.env.DATABASE_PATH || process.env.DATABASE_URL) || !RECORDER_URL || !NOW) {
  throw new Error('DATABASE_PATH or DATABASE_URL, RECORDER_URL and NOW are required');
}

// Unpaced in practice: the recorder takes whatever comes (the lanes' pacing has tests of its own).
const config = loadConfig({
  HALLWAY_SEND_RATE_SLACK: '1000',
  HALLWAY_SEND_RATE_MAX_SLACK: '1000',
  // The web dashboard on any free port (the crash tests of both databases run side by side).
  HALLWAY_WEB_PORT: '0',
  ...process.env,
});
/** Time starts at NOW and runs (the send pacing and the outbox's leases are measured on it). */
const startedAt = Date.now();
const clock = { now: () => new Date(new Date(NOW).getTime() + (Date.now() - startedAt)) };

// The app's own storage (WAL checkpoints off on a file, as createApp opens it), watched: a lane claims one item at a
// time and sends it before claiming the next, and each community has one lane here, so the item being sent for a
// community is the last one claimed for it. The recorder gets its key.
const storage: Storage = await openStorage({
  url: config.databaseUrl,
  path: config.databasePath,
  autoCheckpoint: false,
});
const current = new Map<string, OutboxItem>();
const remember = (items: OutboxItem[]) => {
  if (items[0]) current.set(items[0].community, items[0]);
  return items;
};
const core = storage.core.bind(storage);
(storage as { core: (tx: Tx) => CoreStores }).core = (tx) => {
  const stores = core(tx);
  const claimDue = stores.outbox.claimDue.bind(stores.outbox);
  const claimDueIn = stores.outbox.claimDueIn.bind(stores.outbox);
  const outbox = {
    ...stores.outbox,
    claimDue: async (...args: Parameters<typeof claimDue>) => remember(await claimDue(...args)),
    // A lane claims for one community at a time (issue 14's lanes).
    claimDueIn: async (...args: Parameters<typeof claimDueIn>) => remember(await claimDueIn(...args)),
  };
  return { ...stores, outbox };
};

let sequence = 0;
async function deliver(kind: string, community: string, to: readonly string[], reply: Reply): Promise<SentMessage> {
  const item = current.get(community);
  const response = await fetch(RECORDER_URL!, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      key: item?.key,
      community,
      kind,
      to,
      text: reply.text,
      pid: process.pid,
    }),
  });
  if (!response.ok) throw new DeliveryError('transient', `http_${response.status}`);
  return { channelId: to.join(','), messageId: `${process.pid}-${++sequence}` };
}

const platform: ChatPlatform = {
  platform: 'slack',
  // A lane per workspace, as the Slack adapter has it (several processes share a morning's workspaces).
  laneOf: (community) => community,
  start: async () => {},
  stop: async () => {},
  postMessage: (community, channelId, reply) => deliver('post', community, [channelId], reply),
  sendDirectMessage: (community, userIds, reply) => deliver('dm', community, userIds, reply),
  updateMessage: async (community, sent, reply) => void (await deliver('update', community, [sent.channelId], reply)),
};

const app = await createApp(
  config,
  silentLogger,
  { input: new PassThrough(), output: new PassThrough(), color: false },
  { clock, scheduler: false, platforms: [platform], storage },
);

let stopping: Promise<void> | undefined;
function stop(code: number): Promise<void> {
  stopping ??= (async () => {
    await app.stop();
    process.exit(code);
  })();
  return stopping;
}

process.once('SIGTERM', () => {
  process.stdout.write('stopping\n');
  void stop(0);
});

await app.start();
await app.tick();
process.stdout.write('ticked\n');
await app.drainer.idle();
process.stdout.write('idle\n');
await stop(0);
