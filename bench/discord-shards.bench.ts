/**
 * `npx tsx --conditions=hallway-source bench/discord-shards.bench.ts`: what DISCORD_SHARDS costs. For unsharded,
 * 1, 2 and 4 shards, Hallway's real Discord adapter connects to a fake Discord holding 400 servers (spread over the
 * shards by `(guild_id >> 22) % count`) and answers 200 slash commands spread over those servers; each
 * configuration runs in a fresh Node process of its own, so its RSS (worker threads included) is its own.
 * Reported: connect-to-ready time, RSS after ready, and interaction-to-callback latency. The fake allows every
 * shard to identify at once (`max_concurrency` = shards); against Discord, with 1, each extra shard adds about 5 s.
 * The core is a stub that answers at once: this measures the gateway path, not Hallway's commands.
 */
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { DiscordPlatform } from '../adapters/discord/discord.adapter.ts';
import type { ShardSetting } from '../adapters/discord/sharding.ts';
import { silentLogger } from '#core/ports/logger.ts';
import { FakeDiscord } from '../test/support/fake-discord.ts';
import type { FakeGuild, FakeUser } from '../test/support/fake-discord-payloads.ts';
import { discordProfile } from './lib/discord-side.ts';
import { ms, quantile, table } from './lib/stats.ts';

const GUILDS = 400;
const COMMANDS = 200;
const CONFIGS: readonly (ShardSetting | 'unset')[] = ['unset', 1, 2, 4];

/** One configuration, in this process: prints one JSON line. */
async function measure(setting: ShardSetting | 'unset'): Promise<void> {
  const fake = await FakeDiscord.start();
  const count = setting === 'unset' ? 1 : Number(setting);
  fake.shards = count;
  fake.maxConcurrency = count;
  const guilds: FakeGuild[] = [];
  for (let i = 0; i < GUILDS - 1; i++) guilds.push(fake.addGuild(`g${i}`, { shard: i % count, shardCount: count }));
  const users: FakeUser[] = guilds.map((g) => fake.addMember(`m-${g.id}`, '0', undefined, g));
  const platform = new DiscordPlatform({
    token: fake.token,
    applicationId: fake.applicationId,
    apiUrl: fake.apiUrl,
    log: silentLogger,
    catalog: [],
    ...(setting === 'unset' ? {} : { shards: setting }),
  });
  const before = process.memoryUsage().rss;
  const started = performance.now();
  await platform.start(async () => ({ text: 'ok' }));
  const readyMs = performance.now() - started;
  const rss = process.memoryUsage().rss;
  const latencies: number[] = [];
  for (let i = 0; i < COMMANDS; i++) {
    latencies.push(await discordProfile(fake, users[i % users.length]!, undefined, guilds[i % guilds.length]!));
  }
  await platform.stop();
  await fake.close();
  const result = { setting, readyMs, rssMb: rss / 2 ** 20, rssAddedMb: (rss - before) / 2 ** 20, latencies };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

const only = process.argv.find((a) => a.startsWith('--config='))?.slice('--config='.length);
if (only) {
  await measure(only === 'unset' || only === 'auto' ? only : Number(only));
} else {
  const rows: string[][] = [];
  const [load1] = loadavg();
  for (const config of CONFIGS) {
    const run = spawnSync(
      process.execPath,
      ['--conditions=hallway-source', '--import', 'tsx', fileURLToPath(import.meta.url), `--config=${config}`],
      { encoding: 'utf8' },
    );
    if (run.status !== 0) throw new Error(`config ${config} failed: ${run.stderr}`);
    const r = JSON.parse(run.stdout.trim().split('\n').at(-1)!);
    rows.push([
      config === 'unset' ? 'unset (one connection)' : `DISCORD_SHARDS=${config}`,
      ms(r.readyMs),
      `${r.rssMb.toFixed(0)} MB`,
      `${r.rssAddedMb.toFixed(0)} MB`,
      ms(quantile(r.latencies, 0.5)),
      ms(quantile(r.latencies, 0.99)),
    ]);
  }
  const title = `Discord sharding: ${GUILDS} servers, ${COMMANDS} commands; load average ${load1!.toFixed(1)} (1 min)`;
  const header = ['configuration', 'connect to ready', 'RSS after ready', 'RSS added by start', 'p50', 'p99'];
  console.log(table(title, header, rows));
}
