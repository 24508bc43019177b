/**
 * Benchmark 4: fan-out of a round's DMs through the real OutboxDrainer to a local platform with a token-bucket rate
 * limit (real time, real HTTP on 127.0.0.1). Four runs: the limit announced by Discord-style headers (the drainer's
 * rate set from them), the limit discovered from Slack-style 429s with Retry-After only (a first fan-out, and a
 * second one by the same drainer, which keeps the rate it learned), and a restart in the middle (the drainer stopped
 * half-way, items left `sending` as a crash would, a new drainer started).
 */
import { join } from 'node:path';
import { openStorage } from '../data/open.ts';
import type { CommunityId, Platform } from '#core/ids.ts';
import { OutboxDrainer, OutboxNotifier } from '#core/outbox.ts';
import { systemClock } from '#core/ports/clock.ts';
import { silentLogger } from '#core/ports/logger.ts';
import type { Storage } from '#core/ports/storage.ts';
import { numberOption, quick } from './lib/args.ts';
import { tempDir } from './lib/core-harness.ts';
import { HttpPlatform } from './lib/http-platform.ts';
import { type LimitStyle, RateLimitedServer } from './lib/rate-limited-server.ts';
import { ms, ratio, table, verdict } from './lib/stats.ts';

const MESSAGES = numberOption('messages', quick ? 1_000 : 2_000);
const RATE = numberOption('rate', 200);
/** The platform lets a short burst through (a tenth of a second's worth, at least 5), like Discord's buckets. */
const BURST = Math.max(5, Math.round(RATE / 10));

interface Scenario {
  readonly name: string;
  readonly style: LimitStyle;
  readonly restart: boolean;
  /** Measure a second fan-out by the same drainer, after a first one taught it the rate. */
  readonly again?: boolean;
}

const SCENARIOS: Scenario[] = [
  { name: 'limit announced (Discord-style headers)', style: 'discord', restart: false },
  { name: 'limit discovered (Slack-style Retry-After only): first fan-out', style: 'slack', restart: false },
  { name: 'limit discovered: second fan-out, learned rate kept', style: 'slack', restart: false, again: true },
  { name: 'restart half-way (announced limit)', style: 'discord', restart: true },
];

/** A round's DMs, queued as a job queues them: bulk priority, one transaction. */
function enqueue(storage: Storage, community: CommunityId, round = 'bench'): Promise<void> {
  return storage.transaction(async (tx) => {
    const notify = new OutboxNotifier(systemClock, 'bulk');
    for (let i = 0; i < MESSAGES; i++) {
      const key = `match-round:${round}:${i}`;
      notify.dm(community, `U${i}`, { text: key }, { key });
    }
    await notify.flush(storage.core(tx).outbox);
  });
}

function drainer(storage: Storage, platform: HttpPlatform, rate: number | undefined): OutboxDrainer {
  const platforms = new Map<Platform, HttpPlatform>([[platform.platform, platform]]);
  return new OutboxDrainer({
    storage,
    platforms,
    clock: systemClock,
    log: silentLogger,
    rates: { [platform.platform]: rate },
  });
}

/** Resolves when the server has delivered `count` messages. */
function delivered(server: RateLimitedServer, count: number): Promise<void> {
  return new Promise((resolve) => {
    server.onDelivered = (n) => {
      if (n >= count) resolve();
    };
  });
}

/** Resolves 'done' when the server has delivered `count`, or 'capped' at 3× the floor (keeps the suite short). */
function deliveredOrCapped(server: RateLimitedServer, count: number): Promise<'done' | 'capped'> {
  const cap = new Promise<'capped'>((resolve) =>
    setTimeout(() => resolve('capped'), 3 * (MESSAGES / RATE) * 1000).unref(),
  );
  return Promise.race([delivered(server, count).then(() => 'done' as const), cap]);
}

async function runScenario(s: Scenario, dir: string) {
  const server = await RateLimitedServer.start(RATE, BURST, s.style);
  const platformName: Platform = s.style === 'discord' ? 'discord' : 'slack';
  const platform = new HttpPlatform(platformName, server.url);
  const storage = await openStorage({ path: join(dir, `${s.style}-${s.restart}-${s.again ?? false}.db`) });
  await enqueue(storage, `${platformName}:BENCH`);
  // Announced: the drainer paces at the announced rate. Discovered: it is told nothing.
  const rate = s.style === 'discord' ? await platform.announcedRate() : undefined;
  let start = performance.now();
  let first = drainer(storage, platform, rate);
  await first.start();
  if (s.restart) {
    await delivered(server, MESSAGES / 2);
    await first.stop();
    // What a crash between claim and send leaves: items marked `sending` (under a lease) that never reached the
    // platform. On SQLite the new drainer's start() puts them back at once.
    const now = new Date();
    await storage.transaction((tx) =>
      storage.core(tx).outbox.claimDue(platformName, now, 3, new Date(now.getTime() + 60_000)),
    );
    first = drainer(storage, platform, rate);
    await first.start();
  }
  let finished = await deliveredOrCapped(server, MESSAGES);
  let limitedBefore = 0;
  if (s.again) {
    // The same drainer (and so the same lane, with what it learned) sends the next round's DMs.
    limitedBefore = server.stats.limited;
    await enqueue(storage, `${platformName}:BENCH`, 'bench-again');
    start = performance.now();
    first.kick();
    finished = await deliveredOrCapped(server, 2 * MESSAGES);
  }
  const elapsed = performance.now() - start;
  const learned = first.sendRate(platformName);
  await first.stop();
  const counts = await storage.transaction((tx) => storage.core(tx).outbox.counts());
  await storage.close();
  await server.close();
  const stats = server.stats;
  const limited = stats.limited - limitedBefore;
  const missing = (s.again ? 2 : 1) * MESSAGES - server.keysSeen().size;
  return { elapsed, stats, limited, counts, missing, rate, learned, finished };
}

/** The rate the drainer was given, and the one its lane paced at in the end when it learned another. */
function drainerRate(given: number | undefined, learned: number | undefined): string {
  const start = given ? `${given.toFixed(0)}/s` : 'none';
  return learned !== undefined && learned !== given ? `${start} → ${learned.toFixed(0)}/s learned` : start;
}

const rows: string[][] = [];
const { dir, cleanup } = tempDir();
try {
  for (const s of SCENARIOS) {
    const r = await runScenario(s, dir);
    const floor = (MESSAGES / RATE) * 1000;
    const per1000 = (1000 * r.limited) / MESSAGES;
    const budget429 = s.style === 'discord' ? 0 : 1;
    rows.push([
      r.finished === 'capped' ? `${s.name} — stopped at 3× floor` : s.name,
      String(MESSAGES),
      drainerRate(r.rate, r.learned),
      ms(r.elapsed),
      ratio(r.elapsed / floor),
      verdict(r.elapsed / floor, 1.1),
      String(r.limited),
      per1000.toFixed(2),
      verdict(per1000, budget429),
      String(r.stats.duplicates),
      String(r.missing),
      `${r.counts.sent} sent, ${r.counts.failed} failed`,
    ]);
  }
} finally {
  cleanup();
}
console.log(
  table(
    `4. Fan-out through the OutboxDrainer (platform limit ${RATE}/s, burst ${BURST}; floor = messages ÷ rate = ${ms((MESSAGES / RATE) * 1000)} ms)`,
    [
      'scenario',
      'messages',
      'drainer rate',
      'ms',
      '× floor',
      '≤ 1.10×',
      '429s',
      'per 1,000',
      'budget',
      'duplicates',
      'missing',
      'outbox',
    ],
    rows,
  ),
);
