/**
 * Child process of the footprint benchmark: starts Hallway's store and core on an existing database the way
 * `createApp` does, then runs a first `/match` (which builds the matcher's in-memory index) and the weekly round,
 * and prints JSON with the times and the resident memory (RSS) at each step, plus the peak.
 */
const path = process.argv[2];
if (!path) throw new Error('usage: footprint-child.ts <database>');
const rss = () => process.memoryUsage().rss / 2 ** 20;
const t0 = performance.now();
const [{ features }, { openDatabase }, { createRepositories }, { createCore }, outbox, clock, logger, jobs, context] =
  await Promise.all([
    import('../../commands/index.ts'),
    import('../../data/db.ts'),
    import('../../data/repositories/index.ts'),
    import('#core/dispatch.ts'),
    import('#core/outbox.ts'),
    import('#core/ports/clock.ts'),
    import('#core/ports/logger.ts'),
    import('#core/jobs.ts'),
    import('#core/context.ts'),
  ]);
const imported = performance.now();
const db = openDatabase(path, { autoCheckpoint: false });
const repos = createRepositories(db);
const notify = outbox.createOutboxNotifier(repos, clock.systemClock);
const deps = {
  repos,
  notify,
  clock: clock.systemClock,
  log: logger.silentLogger,
  managers: new Set<string>(),
  defaultTimezone: 'UTC',
};
const core = createCore({ ...deps, features });
const ready = performance.now();
const rssReady = rss();

const actor = {
  community: 'slack:TBENCH' as const,
  userId: 'm000001',
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

const round = features.flatMap((f) => f.jobs ?? []).find((j) => j.name === 'match-round')!;
const community = context.loadCommunity(deps, 'slack:TBENCH', new Date());
const roundStart = performance.now();
const roundResult = await jobs.runJob(round, community, deps, { period: 'footprint' });
if (roundResult !== 'ran') throw new Error(`the round did not run: ${roundResult}`);
const roundMs = performance.now() - roundStart;
console.log(
  JSON.stringify({
    importMs: imported - t0,
    readyMs: ready - imported,
    processToReady: ready,
    rssReady,
    firstMatchMs,
    rssMatch,
    roundMs,
    rssRound: rss(),
    rssPeak: process.resourceUsage().maxRSS / 1024,
  }),
);
