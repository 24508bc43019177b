/**
 * Benchmark 7 (issue 17): delivery at the platform's speed with the DEFAULT settings, in simulated time (see
 * `lib/sim-delivery.ts`). (a) Fan-outs of 150 and 1,000 DMs against Slack-style limits of 1, 5 and 20 per second
 * (burst one second's worth, at least 5; Retry-After only), a first run and the same right after a restart (a new
 * drainer on the same database, which reads the rate the first one stored). (b) Discord-style announced limits.
 * (c) A `/match` (three interactive DMs) arriving 5 s into a 1,000-DM fan-out at 5/s: time until its three DMs are
 * delivered, over 20 tries.
 */
import { openStorage } from '../data/open.ts';
import { loadConfig } from '../src/app/config.ts';
import type { Platform } from '#core/ids.ts';
import type { OutboxDrainer } from '#core/outbox.ts';
import { option } from './lib/args.ts';
import { quantile, ratio, table, verdict } from './lib/stats.ts';
import {
  drainAll,
  FakeClock,
  fanOutKeys,
  HiddenLimit,
  queue,
  type SimOptions,
  SimPlatform,
  simDrainer,
  WORKSPACE,
} from './lib/sim-delivery.ts';

const config = loadConfig({});
const DEFAULT_RATES = { slack: config.sendRates.slack, discord: config.sendRates.discord };
const DEFAULT_MAX = { slack: config.sendRates.slackMax };
const LOFT = 'discord:80351110224678912';

async function setup(platformName: Platform, rate: number, burst: number): Promise<SimOptions> {
  const clock = new FakeClock('2026-11-16T08:00:00Z');
  const storage = await openStorage({ path: ':memory:' });
  const platform = new SimPlatform(platformName, new HiddenLimit(rate, burst), clock);
  return { storage, clock, platform, rates: DEFAULT_RATES, maxRates: DEFAULT_MAX };
}

async function fanOut(o: SimOptions, drainer: OutboxDrainer, round: string, count: number, community = WORKSPACE) {
  await queue(o, 'bulk', (notify) => {
    for (const key of fanOutKeys(round, count)) notify.dm(community, key, { text: key }, { key });
  });
  const refusedBefore = o.platform.limit.refused;
  const elapsed = await drainAll(o, drainer);
  return { elapsed, refused: o.platform.limit.refused - refusedBefore };
}

async function slackRow(rate: number, count: number): Promise<string[]> {
  const burst = Math.max(5, rate);
  const o = await setup('slack', rate, burst);
  const first = simDrainer(o);
  const a = await fanOut(o, first, 'first', count);
  await first.stop();
  // A restart: a new drainer (a new process) on the same database; the bucket has refilled meanwhile.
  o.clock.advance(60_000);
  const second = simDrainer(o);
  const b = await fanOut(o, second, 'restart', count);
  const learned = second.sendRate('slack');
  await second.stop();
  const floor = (count / rate) * 1000;
  const missing = 2 * count - o.platform.seen.size;
  const per100 = (r: number) => (100 * r) / count;
  await o.storage.close();
  return [
    `${rate}/s (burst ${burst})`,
    String(count),
    ratio(a.elapsed / floor),
    verdict(a.elapsed / floor, 1.15),
    per100(a.refused).toFixed(2),
    verdict(per100(a.refused), 1),
    ratio(b.elapsed / floor),
    verdict(b.elapsed / floor, 1.15),
    per100(b.refused).toFixed(2),
    String(o.platform.duplicates),
    String(missing),
    learned === undefined ? '-' : learned.toFixed(2),
  ];
}

async function discordRow(rate: number, count: number): Promise<string[]> {
  const o = await setup('discord', rate, rate);
  // Discord announces its limits: the lane is paced at what the headers say (here: the bucket's rate).
  const drainer = simDrainer({ ...o, rates: { discord: rate } });
  const r = await fanOut(o, drainer, 'discord', count, LOFT);
  await drainer.stop();
  await o.storage.close();
  const floor = (count / rate) * 1000;
  return [
    `${rate}/s announced`,
    String(count),
    ratio(r.elapsed / floor),
    verdict(r.elapsed / floor, 1.05),
    String(r.refused),
    verdict(r.refused, 0),
  ];
}

/** Milliseconds until a /match's three DMs are delivered, queued 5 s into a 1,000-DM round fan-out at 5/s. */
async function matchDuringFanOut(attempt: number): Promise<number> {
  const o = await setup('slack', 5, 5);
  const drainer = simDrainer(o);
  await queue(o, 'bulk', (notify) => {
    for (const key of fanOutKeys('round', 1_000)) notify.dm(WORKSPACE, key, { text: key }, { key });
  });
  const start = o.clock.now().getTime();
  // The /match lands 5 s in (plus a few ms that differ per try), committed between two sends of the round, as a
  // member's command commits while the drainer works.
  const at = start + 5_000 + attempt * 37;
  let queuedAt: number | undefined;
  o.platform.beforeSend = async () => {
    if (queuedAt !== undefined || o.clock.now().getTime() < at) return;
    queuedAt = o.clock.now().getTime();
    await queue(o, 'interactive', (notify) => {
      for (let i = 0; i < 3; i++) notify.dm(WORKSPACE, `M${i}`, { text: `match:${attempt}:${i}` });
    });
  };
  // The whole round drains (simulated time); the figure is the match's wait, read from the delivery times.
  await drainAll(o, drainer);
  const done = Math.max(...[0, 1, 2].map((i) => o.platform.deliveredAt.get(`match:${attempt}:${i}`)!));
  await drainer.stop();
  await o.storage.close();
  return done - queuedAt!;
}

const parts = option('part') ?? 'abc';
const slackRows: string[][] = [];
if (parts.includes('a'))
  for (const rate of [1, 5, 20]) for (const count of [150, 1_000]) slackRows.push(await slackRow(rate, count));
if (parts.includes('a'))
  console.log(
    table(
      `7a. Slack-style fan-out with the default settings (start ${DEFAULT_RATES.slack}/s, max ${DEFAULT_MAX.slack}/s), simulated time; floor = DMs ÷ limit`,
      [
        'limit',
        'DMs',
        '× floor',
        '≤ 1.15×',
        '429s /100',
        '≤ 1',
        'after restart × floor',
        '≤ 1.15×',
        '429s /100',
        'duplicates',
        'missing',
        'stored rate',
      ],
      slackRows,
    ),
  );

const discordRows: string[][] = [];
if (parts.includes('b'))
  for (const rate of [5, 50]) for (const count of [150, 1_000]) discordRows.push(await discordRow(rate, count));
if (parts.includes('b'))
  console.log(
    table('7b. Discord-style announced limits', ['limit', 'DMs', '× floor', '≤ 1.05×', '429s', '0'], discordRows),
  );

const waits: number[] = [];
if (parts.includes('c')) for (let attempt = 0; attempt < 20; attempt++) waits.push(await matchDuringFanOut(attempt));
if (parts.includes('c'))
  console.log(
    table(
      '7c. /match 5 s into a 1,000-DM fan-out at 5/s: until its three DMs are delivered (20 tries)',
      ['p50 ms', 'p99 ms', 'max ms', 'p99 ≤ 2,000 ms'],
      [
        [
          quantile(waits, 0.5).toFixed(0),
          quantile(waits, 0.99).toFixed(0),
          Math.max(...waits).toFixed(0),
          verdict(quantile(waits, 0.99), 2_000),
        ],
      ],
    ),
  );
