/**
 * Child process of the footprint benchmark: starts Hallway's storage and core on an existing SQLite database the
 * way `createApp` does (`openStorage` without automatic checkpoints, every feature bound, the merged settings,
 * `createCore`), then runs a first `/match` (which builds the matcher's in-memory index) and the weekly round, and
 * prints JSON with the times and the resident memory (RSS) at each step, plus the peak.
 */
const [path, userId, trace] = process.argv.slice(2);
if (!path || !userId) throw new Error('usage: footprint-child.ts <database> <user id of a member> [--trace]');
const rss = () => process.memoryUsage().rss / 2 ** 20;
const t0 = performance.now();
const [{ hallwayFeatures }, { openStorage }, { createCore }, clock, logger, jobs, settingsModule] = await Promise.all([
  import('../../src/app/features.ts'),
  import('../../data/open.ts'),
  import('#core/dispatch.ts'),
  import('#core/ports/clock.ts'),
  import('#core/ports/logger.ts'),
  import('#core/jobs.ts'),
  import('#core/settings.ts'),
]);
const imported = performance.now();
const storage = await openStorage({ path, autoCheckpoint: false });
const features = hallwayFeatures();
const deps = {
  storage,
  clock: clock.systemClock,
  log: logger.silentLogger,
  features,
  settings: settingsModule.mergeSettings([settingsModule.coreSettings, ...features.map((f) => f.settings ?? {})]),
  isManager: () => false,
  defaultTimezone: 'UTC',
  publicUrl: 'http://localhost:3000',
};
const core = createCore(deps);
const ready = performance.now();
const rssReady = rss();

const actor = {
  community: 'slack:TBENCH' as const,
  userId,
  displayName: 'Member 1',
  isPlatformAdmin: false,
};
const command = (name: string) =>
  core.dispatch({ kind: 'command', actor, command: name, input: { kind: 'text', text: '' } });
await command('profile');
const matchStart = performance.now();
await command('match');
const firstMatchMs = performance.now() - matchStart;
const rssMatch = rss();

const matching = features.find((f) => f.name === 'matching')!;
const untraced = matching.jobs!.find((j) => j.name === 'match-round')!;
// `--trace` (bench/tools/round-memory.ts): the memory at each step of the round, on stderr.
const round = trace === '--trace' ? (await import('./round-trace.ts')).traced(untraced) : untraced;
const roundStart = performance.now();
const roundResult = await jobs.runJob(matching, round, 'slack:TBENCH', deps, { period: 'footprint' });
if (roundResult !== 'ran') throw new Error(`the round did not run: ${roundResult}`);
const roundMs = performance.now() - roundStart;
const rssRound = rss();
await storage.close();
console.log(
  JSON.stringify({
    importMs: imported - t0,
    readyMs: ready - imported,
    processToReady: ready,
    rssReady,
    firstMatchMs,
    rssMatch,
    roundMs,
    rssRound,
    rssPeak: process.resourceUsage().maxRSS / 1024,
  }),
);
