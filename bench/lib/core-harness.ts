/**
 * The real core over a real SQLite file (WAL) in a temp folder: `openDatabase`, the repositories, the outbox
 * notifier and `createCore` with every feature — what `createApp` builds, minus the platforms and the scheduler.
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { features } from '../../commands/index.ts';
import { type Checkpointer, startCheckpointer } from '../../data/checkpointer.ts';
import { closeDatabase, type Database, openDatabase } from '../../data/db.ts';
import { createRepositories } from '../../data/repositories/index.ts';
import { type Core, createCore } from '#core/dispatch.ts';
import type { Actor } from '#core/inbound.ts';
import { createOutboxNotifier } from '#core/outbox.ts';
import { type Clock, systemClock } from '#core/ports/clock.ts';
import { silentLogger } from '#core/ports/logger.ts';
import type { MatchMember } from '../../commands/matching/store.ts';
import type { Repositories } from '#core/ports/repositories.ts';
import { BENCH_COMMUNITY, type SeedOptions, seedCommunity } from './seed.ts';

/**
 * `auto`: SQLite's default, a checkpoint by the commit that grows the WAL past 1000 pages (on a request).
 * `timer`: automatic checkpoints off, a PASSIVE checkpoint every second from a timer on the main thread.
 * `worker`: automatic checkpoints off, PASSIVE checkpoints from `data/checkpointer.ts`'s worker thread.
 */
export type CheckpointMode = 'auto' | 'timer' | 'worker';

export interface Harness {
  readonly db: Database;
  readonly repos: Repositories;
  readonly core: Core;
  /** Durations of the timer's checkpoints (ms). */
  readonly checkpoints: number[];
  close(): void;
}

/** A fresh temp folder, removed by `cleanup`. */
export function tempDir(prefix = 'hallway-bench-'): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Opens the core on the database file at `path` (migrating it if needed). */
export function openCore(path: string, mode: CheckpointMode = 'timer', clock: Clock = systemClock): Harness {
  const db = openDatabase(path);
  const checkpoints: number[] = [];
  let timer: NodeJS.Timeout | undefined;
  let checkpointer: Checkpointer | undefined;
  if (mode === 'auto') db.pragma('wal_autocheckpoint = 1000');
  else if (mode === 'worker') {
    db.pragma('wal_autocheckpoint = 0');
    checkpointer = startCheckpointer(path, { intervalMs: 1000 });
  } else {
    db.pragma('wal_autocheckpoint = 0');
    timer = setInterval(() => {
      const start = performance.now();
      db.pragma('wal_checkpoint(PASSIVE)');
      checkpoints.push(performance.now() - start);
    }, 1000);
  }
  const repos = createRepositories(db);
  const notify = createOutboxNotifier(repos, clock);
  const deps = { repos, notify, clock, log: silentLogger, managers: new Set<string>(), defaultTimezone: 'UTC' };
  const core = createCore({ ...deps, features });
  const close = () => {
    clearInterval(timer);
    void checkpointer?.stop();
    closeDatabase(db);
  };
  return { db, repos, core, checkpoints, close };
}

/** Seeds a community into a new database file at `path` (closed afterwards, WAL folded in). */
export function buildDatabase(path: string, options: SeedOptions): MatchMember[] {
  const db = openDatabase(path);
  try {
    return seedCommunity(db, options);
  } finally {
    closeDatabase(db);
  }
}

/** A copy of a seeded database, so each run starts from the same state. */
export function copyDatabase(from: string, to: string): string {
  copyFileSync(from, to);
  return to;
}

/** A member of the bench community as the adapters would describe them. */
export function actorOf(member: Pick<MatchMember, 'userId' | 'displayName'>, admin = false): Actor {
  return { community: BENCH_COMMUNITY, userId: member.userId, displayName: member.displayName, isPlatformAdmin: admin };
}
