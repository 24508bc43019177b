/**
 * The composition root: storage, features, outbox, core, adapters and scheduler wired from a Config. `main.ts`
 * runs it as a process; tests run it in-process, with platforms of their own (`options.platforms`) or the real
 * adapters pointed at fake servers.
 */
import { startCheckpointer, type Checkpointer } from '../../data/checkpointer.ts';
import { openStorage } from '../../data/open.ts';
import { installationVault } from '../../data/stores/installations.store.ts';
import type { BoundFeature } from '#core/command.ts';
import { type Core, createCore } from '#core/dispatch.ts';
import type { Platform } from '#core/ids.ts';
import { allCommunities, runDueJobs } from '#core/jobs.ts';
import { type CommunityLifecycle, communityJoined, communityLeft, forgetExpired } from '#core/lifecycle.ts';
import { OutboxDrainer } from '#core/outbox.ts';
import type { ChatPlatform } from '#core/ports/chat-platform.ts';
import { type Clock, systemClock } from '#core/ports/clock.ts';
import { ShiftedClock } from './shifted-clock.ts';
import { shellHooks } from './shell-hooks.ts';
import type { Logger } from '#core/ports/logger.ts';
import type { Storage } from '#core/ports/storage.ts';
import { coreSettings, mergeSettings } from '#core/settings.ts';
import { runSweeps, warmFeatures } from '#core/sweeps.ts';
import { type Config, platformsToStart, secretsOf } from './config.ts';
import { scrubSecrets } from './logger.ts';
import { hallwayFeatures } from './features.ts';
import { managersFrom } from './managers.ts';
import { createPlatform, type PlatformIo } from './platforms.ts';
import { startScheduler } from './scheduler.ts';
import { createWebApp, createWebServer, type WebServer } from './web/app.ts';

export interface App {
  readonly core: Core;
  readonly storage: Storage;
  readonly drainer: OutboxDrainer;
  readonly platforms: ReadonlyMap<Platform, ChatPlatform>;
  readonly features: readonly BoundFeature<unknown>[];
  /** What adapters report when the app joins or leaves a community (tests drive it directly too). */
  readonly lifecycle: CommunityLifecycle;
  /** The web server (dashboard, calendar feeds, and Slack's requests when it shares Slack's port). */
  readonly web: WebServer;
  /** Runs every job that is due now and every sweep, for every community. */
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
  /** Platforms to use instead of the ones the configuration names (tests: a recording platform). */
  readonly platforms?: readonly ChatPlatform[];
  /** An open storage to use instead of opening the configured one (tests). */
  readonly storage?: Storage;
  /** Messages per second per platform, where each outbox lane starts (tests: unpaced). */
  readonly sendRates?: Partial<Record<Platform, number>>;
}

/** Builds the app: opens (and migrates) the database; connects nothing until `start()`. */
export async function createApp(config: Config, log: Logger, io: PlatformIo, options: AppOptions = {}): Promise<App> {
  // Shifted only by the shell's `:wait` (see ShiftedClock); everywhere else it is the given or the system clock.
  const clock = new ShiftedClock(options.clock ?? systemClock);
  // WAL checkpoints run in a worker thread (started in start()), never inside a member's request.
  const fileBacked = !config.databaseUrl && config.databasePath !== ':memory:';
  const storage =
    options.storage ??
    (await openStorage({
      url: config.databaseUrl,
      path: config.databasePath,
      poolSize: config.databasePoolSize,
      autoCheckpoint: !fileBacked,
    }));
  const features = hallwayFeatures();
  const settings = mergeSettings([coreSettings, ...features.map((f) => f.settings ?? {})]);
  const managers = managersFrom(config);
  if (managers.warning) log.warn({}, managers.warning);
  const platforms = new Map<Platform, ChatPlatform>();
  const drainer = new OutboxDrainer({
    storage,
    platforms,
    clock,
    log: log.child({ component: 'outbox' }),
    rates: options.sendRates ?? { slack: config.sendRates.slack, discord: config.sendRates.discord, shell: 1000 },
    maxRates: { slack: config.sendRates.slackMax },
    redact: (text) => scrubSecrets(text, secretsOf(config)),
    // Half the pool at most for sending, so commands and jobs find a connection on a busy Monday (SQLite: one anyway).
    databaseShare: Math.max(1, Math.floor(config.databasePoolSize / 2)),
  });
  const deps = {
    storage,
    clock,
    log,
    features,
    settings,
    isManager: managers.isManager,
    defaultTimezone: config.timezone,
    publicUrl: config.web.publicUrl,
  };
  const core = createCore({ ...deps, onCommit: () => drainer.kick() });
  const web = createWebServer(
    createWebApp({ ...deps, log: log.child({ component: 'web' }), dispatch: core.dispatch }).fetch,
    log.child({ component: 'web' }),
  );
  // Slack over HTTP on the web server's port: one server, Slack's paths handed to Bolt's receiver.
  const slackHttp = config.slack && !config.slack.appToken ? config.slack : undefined;
  const sharing = !options.platforms && config.web.sharesSlackPort && slackHttp !== undefined;
  const listen = sharing ? { port: slackHttp!.port, host: slackHttp!.host } : config.web;

  // Slack installations are sealed under HALLWAY_ENCRYPTION_KEY; without a key (single-token mode) there are none.
  const installations = config.encryptionKey ? installationVault(storage, config.encryptionKey) : undefined;
  const lifecycle: CommunityLifecycle = {
    joined: (community) => communityJoined(deps, community),
    async left(community, reason) {
      await installations?.remove(community);
      await communityLeft(deps, community, reason);
    },
  };

  async function tick(): Promise<void> {
    const communities = await allCommunities(deps);
    await runDueJobs(features, communities, deps);
    await runSweeps(features, communities, deps);
    await forgetExpired(deps, config.retentionDays);
    drainer.kick();
  }

  if (options.platforms) {
    for (const platform of options.platforms) platforms.set(platform.platform, platform);
  } else {
    const drain = () => drainer.drainOnce().then(() => {});
    for (const name of platformsToStart(config)) {
      const shell = shellHooks(deps, clock, tick);
      const sharedServer = sharing ? web : undefined;
      const platformDeps = { config, log, core, io, tick, drain, lifecycle, clock, installations, shell, sharedServer };
      platforms.set(name, createPlatform(name, platformDeps));
    }
  }

  let scheduler: { stop(): void } | undefined;
  let checkpointer: Checkpointer | undefined;
  // One stop for every caller: a second `stop()` (a signal while the shell ends) waits for the first to finish
  // instead of returning at once and letting the process exit before the database is closed.
  let stopping: Promise<void> | undefined;
  return {
    core,
    storage,
    drainer,
    platforms,
    features,
    lifecycle,
    web,
    tick,
    async start() {
      // In-memory state features keep (the matching index) is built before the first event, not during it.
      await warmFeatures(features, await allCommunities(deps), deps);
      for (const platform of platforms.values()) await platform.start(core.dispatch);
      await web.listen(listen.port, listen.host).catch((error: Error) => {
        throw new Error(`${error.message} (HALLWAY_WEB_PORT chooses another port)`);
      });
      log.info({ port: web.port, url: config.web.publicUrl, slack: sharing }, 'web dashboard listening');
      for (const platform of platforms.values()) await platform.syncCommands?.(core.catalog);
      await drainer.start();
      if (fileBacked) checkpointer = startCheckpointer(config.databasePath);
      if (options.scheduler !== false) {
        scheduler = startScheduler({ tick, onError: (err) => log.error({ err }, 'scheduler tick failed') });
      }
    },
    stop() {
      stopping ??= (async () => {
        scheduler?.stop();
        for (const platform of platforms.values()) await platform.stop();
        await web.close();
        await drainer.stop();
        await checkpointer?.stop();
        await storage.close();
      })();
      return stopping;
    },
  };
}
