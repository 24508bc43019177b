/**
 * Benchmark 4: fan-out of a round's DMs through the real OutboxDrainer to a local platform with a token-bucket rate
 * limit (real time, real HTTP on 127.0.0.1). Three runs: the limit announced by Discord-style headers (the drainer's
 * rate set from them), the limit discovered from Slack-style 429s with Retry-After only, and a restart in the middle
 * (the drainer stopped half-way, items left `sending` as a crash would, a new drainer started).
 */
import { join } from 'node:path';
import { openDatabase } from '../data/db.ts';
import { createRepositories } from '../data/repositories/index.ts';
import type { CommunityId, Platform } from '../src/core/ids.ts';
import { createOutboxNotifier, OutboxDrainer } from '../src/core/outbox.ts';
import { systemClock } from '../src/core/ports/clock.ts';
import { silentLogger } from '../src/core/ports/logger.ts';
import type { Repositories } from '../src/core/ports/repositories.ts';
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
}

const SCENARIOS: Scenario[] = [
  { name: 'limit announced (Discord-style headers)', style: 'discord', restart: false },
  { name: 'limit discovered (Slack-style Retry-After only)', style: 'slack', restart: false },
  { name: 'restart half-way (announced limit)', style: 'discord', restart: true },
];

function enqueue(repos: Repositories, community: CommunityId): void {
  const notify = createOutboxNotifier(repos, systemClock);
  repos.transaction(() => {
    for (let i = 0; i < MESSAGES; i++) {
      const key = `match-round:bench:${i}`;
      notify.dm(community, `U${i}`, { text: key }, { key });
    }
  });
}

function drainer(repos: Repositories, platform: HttpPlatform, rate: number | undefined): OutboxDrainer {
  const platforms = new Map<Platform, HttpPlatform>([[platform.platform, platform]]);
  return new OutboxDrainer({
    repos,
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

async function runScenario(s: Scenario, dir: string) {
  const server = await RateLimitedServer.start(RATE, BURST, s.style);
  const platformName: Platform = s.style === 'discord' ? 'discord' : 'slack';
  const platform = new HttpPlatform(platformName, server.url);
  const db = openDatabase(join(dir, `${s.style}-${s.restart}.db`));
  const repos = createRepositories(db);
  enqueue(repos, `${platformName}:BENCH`);
  // Announced: the drainer paces at the announced rate. Discovered: it is told nothing.
  const rate = s.style === 'discord' ? await platform.announcedRate() : undefined;
  const start = performance.now();
  let first = drainer(repos, platform, rate);
  first.start();
  if (s.restart) {
    await delivered(server, MESSAGES / 2);
    await first.stop();
    // What a crash between claim and send leaves: items marked `sending` that never reached the platform.
    repos.outbox.claimDue(platformName, new Date(), 3);
    first = drainer(repos, platform, rate);
    first.start();
  }
  // A drainer that cannot keep up is stopped at 3× the floor and reported as such, so the suite stays short.
  const cap = new Promise<'capped'>((resolve) =>
    setTimeout(() => resolve('capped'), 3 * (MESSAGES / RATE) * 1000).unref(),
  );
  const finished = await Promise.race([delivered(server, MESSAGES).then(() => 'done' as const), cap]);
  const elapsed = performance.now() - start;
  await first.stop();
  const counts = repos.outbox.counts();
  db.close();
  await server.close();
  const stats = server.stats;
  const missing = MESSAGES - server.keysSeen().size;
  return { elapsed, stats, counts, missing, rate, finished };
}

const rows: string[][] = [];
const { dir, cleanup } = tempDir();
try {
  for (const s of SCENARIOS) {
    const r = await runScenario(s, dir);
    const floor = (MESSAGES / RATE) * 1000;
    const per1000 = (1000 * r.stats.limited) / MESSAGES;
    const budget429 = s.style === 'discord' ? 0 : 1;
    rows.push([
      r.finished === 'capped' ? `${s.name} — stopped at 3× floor` : s.name,
      String(MESSAGES),
      r.rate ? `${r.rate.toFixed(0)}/s` : 'none',
      ms(r.elapsed),
      ratio(r.elapsed / floor),
      verdict(r.elapsed / floor, 1.1),
      String(r.stats.limited),
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
