/**
 * The real core over a real database: SQLite in a temp file (WAL, as `openStorage` opens it) or PostgreSQL on the
 * benchmark's embedded server (`./postgres.ts`). Every feature (`hallwayFeatures()`), the merged settings and
 * `createCore` with the deps `createApp` builds — minus the platforms, the drainer and the scheduler.
 *
 * Databases are seeded once per configuration (`buildDatabase`, a template) and copied for each run
 * (`copyDatabase`: a file copy on SQLite, `CREATE DATABASE … TEMPLATE` on PostgreSQL), so every run starts from
 * the same state.
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type {
  Kysely,
  KyselyPlugin,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  RootOperationNode,
} from 'kysely';
import { type Checkpointer, startCheckpointer } from '../../data/checkpointer.ts';
import { openPostgres } from '../../data/db/postgres.ts';
import type { DB } from '../../data/db/schema.ts';
import { type Database, openDatabase, sqliteKysely } from '../../data/db/sqlite.ts';
import { createStorage } from '../../data/storage.ts';
import { hallwayFeatures } from '../../src/app/features.ts';
import type { BoundFeature } from '#core/command.ts';
import type { CoreDeps } from '#core/context.ts';
import { type Core, createCore } from '#core/dispatch.ts';
import type { Actor } from '#core/inbound.ts';
import { allCommunities } from '#core/jobs.ts';
import { type Clock, systemClock } from '#core/ports/clock.ts';
import { silentLogger } from '#core/ports/logger.ts';
import type { CoreStores, Storage } from '#core/ports/storage.ts';
import { coreSettings, mergeSettings } from '#core/settings.ts';
import { warmFeatures } from '#core/sweeps.ts';
import type { MatchingStore, MatchMember } from '../../commands/matching/store.ts';
import { postgres } from './postgres.ts';
import { BENCH_COMMUNITY, type SeedOptions, seedCommunity } from './seed.ts';

export type Dialect = 'sqlite' | 'postgres';
export const DIALECTS: readonly Dialect[] = ['sqlite', 'postgres'];
export const DIALECT_LABEL: Record<Dialect, string> = { sqlite: 'SQLite', postgres: 'PostgreSQL' };

/**
 * SQLite only. `auto`: SQLite's default, a checkpoint by the commit that grows the WAL past 1000 pages (on a
 * request). `timer`: automatic checkpoints off, a PASSIVE checkpoint every second from a timer on the main thread.
 * `worker`: automatic checkpoints off, PASSIVE checkpoints from `data/checkpointer.ts`'s worker thread (what the
 * app ships).
 */
export type CheckpointMode = 'auto' | 'timer' | 'worker';

/** A database to open: a SQLite file, or a database on the embedded PostgreSQL server. */
export type Target =
  | { readonly dialect: 'sqlite'; readonly path: string }
  | { readonly dialect: 'postgres'; readonly name: string; readonly url: string };

/** PostgreSQL pool size (the app's default `DATABASE_POOL_SIZE`). */
const POOL_SIZE = 10;

/** Statements and transactions while `enabled` (a diagnostic pass; off while latency is measured). */
export interface QueryCounter {
  enabled: boolean;
  statements: number;
  transactions: number;
  /** Time from each statement's compilation to its result (ms). */
  statementMs: number;
  /** Called with each counted statement (its root node) and its time, when set (the tools' breakdowns). */
  onStatement?: (node: RootOperationNode, ms: number) => void;
  reset(): void;
}

export interface Harness {
  readonly dialect: Dialect;
  /** The Kysely instance under the storage (for the benchmarks' own probes). */
  readonly db: Kysely<DB>;
  readonly storage: Storage;
  readonly core: Core;
  readonly deps: CoreDeps;
  readonly features: readonly BoundFeature<unknown>[];
  /** SQLite only: durations of the timer's checkpoints (ms). */
  readonly checkpoints: number[];
  readonly counter: QueryCounter;
  feature(name: string): BoundFeature<unknown>;
  /** Runs `fn` with the matching store and the core stores in a transaction of its own. */
  matching<T>(fn: (store: MatchingStore, core: CoreStores) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** SQLite checkpoints (default `worker`, as the app runs). Ignored on PostgreSQL. */
  readonly checkpoints?: CheckpointMode;
  readonly clock?: Clock;
  /** Run the features' `warm` hooks first, as `App.start()` does (builds the matching index). Default false. */
  readonly warm?: boolean;
}

/** A fresh temp folder, removed by `cleanup`. */
export function tempDir(prefix = 'hallway-bench-'): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

function queryCounter(): QueryCounter & KyselyPlugin {
  const started = new Map<unknown, { at: number; node: RootOperationNode }>();
  const counter: QueryCounter & KyselyPlugin = {
    enabled: false,
    statements: 0,
    transactions: 0,
    statementMs: 0,
    reset() {
      counter.statements = 0;
      counter.transactions = 0;
      counter.statementMs = 0;
    },
    transformQuery(args: PluginTransformQueryArgs) {
      if (counter.enabled) started.set(args.queryId, { at: performance.now(), node: args.node });
      return args.node;
    },
    async transformResult(args: PluginTransformResultArgs) {
      const start = started.get(args.queryId);
      if (start !== undefined) {
        started.delete(args.queryId);
        const took = performance.now() - start.at;
        counter.statements++;
        counter.statementMs += took;
        counter.onStatement?.(start.node, took);
      }
      return args.result;
    },
  };
  return counter;
}

/** Opens the core on `target` (migrating it if needed). */
export async function openCore(target: Target, options: OpenOptions = {}): Promise<Harness> {
  const clock = options.clock ?? systemClock;
  const counter = queryCounter();
  const checkpoints: number[] = [];
  let timer: NodeJS.Timeout | undefined;
  let checkpointer: Checkpointer | undefined;
  let db: Kysely<DB>;
  if (target.dialect === 'sqlite') {
    const mode = options.checkpoints ?? 'worker';
    const sqlite: Database = openDatabase(target.path, { autoCheckpoint: mode === 'auto' });
    if (mode === 'auto') sqlite.pragma('wal_autocheckpoint = 1000');
    else if (mode === 'worker') checkpointer = startCheckpointer(target.path, { intervalMs: 1000 });
    else {
      timer = setInterval(() => {
        const start = performance.now();
        sqlite.pragma('wal_checkpoint(PASSIVE)');
        checkpoints.push(performance.now() - start);
      }, 1000);
    }
    db = sqliteKysely(sqlite);
  } else {
    db = await openPostgres({ url: target.url, poolSize: POOL_SIZE });
  }
  const counted = db.withPlugin(counter);
  const inner = createStorage(counted, target.dialect);
  const storage: Storage = {
    ...inner,
    transaction(fn) {
      if (counter.enabled) counter.transactions++;
      return inner.transaction(fn);
    },
  };
  const features = hallwayFeatures();
  const deps: CoreDeps = {
    storage,
    clock,
    log: silentLogger,
    features,
    settings: mergeSettings([coreSettings, ...features.map((f) => f.settings ?? {})]),
    isManager: () => false,
    defaultTimezone: 'UTC',
    publicUrl: 'http://localhost:3000',
  };
  const core = createCore(deps);
  if (options.warm) await warmFeatures(features, await allCommunities(deps), deps);
  const feature = (name: string) => {
    const found = features.find((f) => f.name === name);
    if (!found) throw new Error(`no feature ${name}`);
    return found;
  };
  const matching = feature('matching') as BoundFeature<MatchingStore>;
  return {
    dialect: target.dialect,
    db: counted,
    storage,
    core,
    deps,
    features,
    checkpoints,
    counter,
    feature,
    matching: (fn) => storage.transaction((tx) => fn(matching.openStore(tx), storage.core(tx))),
    async close() {
      clearInterval(timer);
      await checkpointer?.stop();
      await storage.close();
    },
  };
}

/** A seeded database to copy from. */
export interface Template {
  readonly target: Target;
  readonly members: MatchMember[];
}

let databases = 0;

/** A new, empty target of `dialect` named after `name` (a file in `dir`, or a database on the server). */
export async function newTarget(dialect: Dialect, dir: string, name: string, template?: Target): Promise<Target> {
  const id = `${name.replace(/[^a-z0-9_]/gi, '_').toLowerCase()}_${++databases}`;
  if (dialect === 'sqlite') {
    const path = join(dir, `${id}.db`);
    if (template?.dialect === 'sqlite') copyFileSync(template.path, path);
    return { dialect, path };
  }
  const server = await postgres();
  const url = await server.createDatabase(id, template?.dialect === 'postgres' ? template.name : undefined);
  return { dialect, name: id, url };
}

/** Seeds a community into a new database (closed afterwards: SQLite's WAL folded in, PostgreSQL's pool ended). */
export async function buildDatabase(dialect: Dialect, dir: string, options: SeedOptions): Promise<Template> {
  const target = await newTarget(dialect, dir, `template_${options.members}`);
  const db =
    target.dialect === 'sqlite'
      ? sqliteKysely(openDatabase(target.path))
      : await openPostgres({ url: target.url, poolSize: 1 });
  try {
    return { target, members: await seedCommunity(db, dialect, options) };
  } finally {
    await db.destroy();
  }
}

/** A copy of a seeded database, so each run starts from the same state. */
export function copyDatabase(template: Template | Target, dir: string, name: string): Promise<Target> {
  const from = 'target' in template ? template.target : template;
  return newTarget(from.dialect, dir, name, from);
}

/** Deletes a database (a SQLite file is left to the temp folder's cleanup). Call after `close()`. */
export async function dropDatabase(target: Target): Promise<void> {
  if (target.dialect === 'postgres') await (await postgres()).dropDatabase(target.name);
  else for (const suffix of ['', '-wal', '-shm']) rmSync(`${target.path}${suffix}`, { force: true });
}

/** A member of the bench community as the adapters would describe them. */
export function actorOf(
  member: Pick<MatchMember, 'userId' | 'displayName'>,
  admin = false,
  community = BENCH_COMMUNITY,
): Actor {
  return { community, userId: member.userId, displayName: member.displayName, isPlatformAdmin: admin };
}
