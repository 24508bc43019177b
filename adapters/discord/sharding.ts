/**
 * Sharding, when DISCORD_SHARDS is set: discord.js's own machinery, no gateway code of ours. The one Client of this
 * process runs every shard (`auto`: the count `GET /gateway/bot` recommends; a number: that many), and
 * `@discordjs/ws`'s WorkerShardingStrategy keeps each shard's WebSocket connection in a worker thread.
 *
 * Why one process with the shards in a worker, rather than ShardingManager's process per shard: every other part of
 * Hallway would then run once per shard — the web server on one port, the scheduler, the outbox drainer, Slack —
 * and a shard's client caches only its own guilds, so the outbox in one shard could not send to a guild of another.
 * Here the events of every shard (a guild's on the shard that owns it, DMs on shard 0) reach the same client, cache
 * and dispatch, so the rest of Hallway is the same as unsharded; the worker keeps heartbeats and payload decoding
 * off the main thread, which a round's computation can keep busy for seconds. More processes are more `npm start`s
 * on one PostgreSQL, as without sharding.
 */
import { WorkerShardingStrategy } from '@discordjs/ws';
import type { ClientOptions } from 'discord.js';

/** DISCORD_SHARDS: `auto` (Discord's recommendation) or a shard count. */
export type ShardSetting = 'auto' | number;

/** The Client options for a shard setting; none when unset, so an unsharded client is exactly as before. */
export function shardingOptions(shards: ShardSetting | undefined): Partial<ClientOptions> {
  if (shards === undefined) return {};
  return {
    ...(shards === 'auto' ? { shards: 'auto' } : { shardCount: shards }),
    // One worker thread per shard. Not several shards per worker: in @discordjs/ws 1.2.3 `destroy()` terminates a
    // worker as soon as its first shard reports destroyed, so the others never answer and stopping hangs (seen here
    // with two shards in one worker; test/e2e/discord-shards.test.ts stops a two-shard client in every test).
    ws: { buildStrategy: (manager) => new WorkerShardingStrategy(manager, { shardsPerWorker: 1 }) },
  };
}
