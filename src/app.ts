/**
 * The composition root: store, repositories, outbox, core, adapters and scheduler wired from a Config. `main.ts`
 * runs it as a process; tests run it in-process against fake platforms.
 */
import type { Database } from 'better-sqlite3';
import { features } from '../commands/index.ts';
import { type Checkpointer, startCheckpointer } from '../data/checkpointer.ts';
import { closeDatabase, openDatabase } from '../data/db.ts';
import { createRepositories } from '../data/repositories/index.ts';
import type { Config } from './config.ts';
import { platformsToStart } from './config.ts';
import { loadCommunity } from './core/context.ts';
import { type Core, createCore } from './core/dispatch.ts';
import type { Platform } from './core/ids.ts';
import { runDueJobs } from './core/jobs.ts';
import { runSweeps } from './core/sweeps.ts';
import { createOutboxNotifier, OutboxDrainer } from './core/outbox.ts';
import type { ChatPlatform } from './core/ports/chat-platform.ts';
import { type Clock, systemClock } from './core/ports/clock.ts';
import type { Logger } from './core/ports/logger.ts';
import type { Repositories } from './core/ports/repositories.ts';
import { createPlatform, type PlatformIo } from './platforms.ts';
import { startScheduler } from './runtime/scheduler.ts';

export interface App {
  readonly core: Core;
  readonly repos: Repositories;
  readonly drainer: OutboxDrainer;
  readonly platforms: ReadonlyMap<Platform, ChatPlatform>;
  /** Runs every job that is due now, for every community. */
  tick(): Promise<void>;
  /** Connects the platforms, starts the drainer and the scheduler. Rejects with a clear message on failure. */
  start(): Promise<void>;
  /** Stops taking events, finishes in-flight sends, closes the database. Safe to call twice. */
  stop(): Promise<void>;
}

export interface AppOptions {
  readonly clock?: Clock;
  /** Run the minute scheduler (default). Tests turn it off and call `tick()` themselves. */
  readonly scheduler?: boolean;
}

export function createApp(config: Config, log: Logger, io: PlatformIo, options: AppOptions = {}): App {
  const clock = options.clock ?? systemClock;
  // WAL checkpoints run in a worker thread (started in start()), never inside a member's request.
  const fileBacked = config.databasePath !== ':memory:';
  const db: Database = openDatabase(config.databasePath, { autoCheckpoint: !fileBacked });
  const repos = createRepositories(db);
  const notify = createOutboxNotifier(repos, clock);
  const platforms = new Map<Platform, ChatPlatform>();
  const drainer = new OutboxDrainer({
    repos,
    platforms,
    clock,
    log: log.child({ component: 'outbox' }),
    rates: { slack: config.sendRates.slack, discord: config.sendRates.discord, shell: 1000 },
    maxRates: { slack: config.sendRates.slackMax },
  });
  const deps = { repos, notify, clock, log, managers: config.managers, defaultTimezone: config.timezone };
  const core = createCore({ ...deps, features, onCommit: () => drainer.kick() });
  const jobs = features.flatMap((f) => f.jobs ?? []);

  async function tick(): Promise<void> {
    const now = clock.now();
    const communities = repos.communities.list().map((c) => loadCommunity(deps, c.id, now));
    await runDueJobs(jobs, communities, deps);
    runSweeps(features, communities, deps);
    drainer.kick();
  }

  for (const name of platformsToStart(config)) {
    platforms.set(name, createPlatform(name, { config, log, core, io, tick, drain: () => drainer.drainOnce().then(() => {}) }));
  }

  /** In-memory state features keep (the matching index) is built before the first event, not during it. */
  function warm(): void {
    const now = clock.now();
    for (const { id } of repos.communities.list()) {
      const community = loadCommunity(deps, id, now);
      for (const feature of features) feature.warm?.(repos, community);
    }
  }

  let scheduler: { stop(): void } | undefined;
  let checkpointer: Checkpointer | undefined;
  // One stop for every caller: a second `stop()` (a signal while the shell ends) waits for the first to finish
  // instead of returning at once and letting the process exit before the database is closed.
  let stopping: Promise<void> | undefined;
  return {
    core,
    repos,
    drainer,
    platforms,
    tick,
    async start() {
      warm();
      for (const platform of platforms.values()) await platform.start(core.dispatch);
      for (const platform of platforms.values()) await platform.syncCommands?.(core.catalog);
      drainer.start();
      if (fileBacked) checkpointer = startCheckpointer(config.databasePath);
      if (options.scheduler !== false) {
        scheduler = startScheduler({ tick, onError: (err) => log.error({ err }, 'scheduler tick failed') });
      }
    },
    stop() {
      stopping ??= (async () => {
        scheduler?.stop();
        for (const platform of platforms.values()) await platform.stop();
        await drainer.stop();
        await checkpointer?.stop();
        closeDatabase(db);
      })();
      return stopping;
    },
  };
}
