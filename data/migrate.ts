/**
 * Forward-only schema migrations, one folder per dialect: `data/migrations/sqlite/NNNN_name.sql` and
 * `data/migrations/postgres/NNNN_name.sql` (same numbers, same resulting schema: `test/core/schema.test.ts`
 * compares them). Each is applied in its own transaction together with its record, so a crash leaves the database
 * at the last whole step.
 *
 * `schema_migrations` lists each one applied, which lets numbers land out of order (a 0003 that arrives after 0004
 * was applied is still applied, once). On SQLite `PRAGMA user_version` also holds the highest version.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database } from 'better-sqlite3';
import type { PoolClient } from 'pg';

export type Dialect = 'sqlite' | 'postgres';

/**
 * The migrations folders, found from this module so it works from any working directory: next to it when run from
 * source, in the source tree when run compiled from `dist/data/` (tsc copies no .sql files).
 */
export const MIGRATIONS_ROOT = [
  new URL('./migrations/', import.meta.url),
  new URL('../../data/migrations/', import.meta.url),
]
  .map((url) => fileURLToPath(url))
  .find((dir) => existsSync(dir))!;
export const MIGRATIONS_DIR = join(MIGRATIONS_ROOT, 'sqlite');
export const migrationsDir = (dialect: Dialect): string => join(MIGRATIONS_ROOT, dialect);

const FILE_NAME = /^(\d{4})_[a-z0-9_-]+\.sql$/i;

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

export interface MigrationResult {
  /** Highest version before. */
  readonly from: number;
  /** Highest version after. */
  readonly to: number;
  /** File names applied, in order. */
  readonly applied: readonly string[];
}

/** Reads the migration files in version order; two files with one number are refused. */
export function loadMigrations(dir: string = MIGRATIONS_DIR): Migration[] {
  const migrations = readdirSync(dir)
    .map((name) => ({ name, match: FILE_NAME.exec(name) }))
    .filter((file) => file.match !== null)
    .map((file) => ({
      version: Number(file.match![1]),
      name: file.name,
      sql: readFileSync(join(dir, file.name), 'utf8'),
    }))
    .sort((a, b) => a.version - b.version);
  migrations.forEach((migration, index) => {
    const previous = migrations[index - 1];
    if (previous?.version === migration.version) {
      throw new Error(`Migrations ${previous.name} and ${migration.name} share a number in ${dir}`);
    }
  });
  return migrations;
}

const CREATE_LOG = `CREATE TABLE IF NOT EXISTS schema_migrations (
  version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)`;

/**
 * Brings a SQLite database up to date. Refuses a database that has a migration this code does not know (made by
 * newer code): running old code on a newer schema could corrupt it.
 */
export function migrate(db: Database, dir: string = MIGRATIONS_DIR): MigrationResult {
  const migrations = loadMigrations(dir);
  db.exec(CREATE_LOG);
  const from = db.pragma('user_version', { simple: true }) as number;
  const done = new Set(
    db
      .prepare<[], { version: number }>('SELECT version FROM schema_migrations')
      .all()
      .map((row) => row.version),
  );
  refuseNewer(Math.max(from, ...done), done, migrations, 'DATABASE_PATH');
  const applied: string[] = [];
  for (const migration of migrations.filter((m) => !done.has(m.version))) {
    try {
      db.transaction(() => {
        db.exec(migration.sql);
        record(migration, (sql, params) => db.prepare(sql).run(...params));
        // user_version lives in the database header, written in the same transaction; it only ever grows.
        const current = db.pragma('user_version', { simple: true }) as number;
        db.pragma(`user_version = ${Math.max(current, migration.version)}`);
      })();
    } catch (error) {
      throw failed(migration, error);
    }
    applied.push(migration.name);
  }
  return { from, to: db.pragma('user_version', { simple: true }) as number, applied };
}

/** Any number, the same in every process: the advisory lock that serialises processes migrating at once. */
const MIGRATION_LOCK = 7_247_311;

/**
 * Brings a PostgreSQL database up to date, under an advisory lock so that several processes starting together
 * migrate once. Same refusal of newer databases as on SQLite.
 */
export async function migratePostgres(client: PoolClient, dir = migrationsDir('postgres')): Promise<MigrationResult> {
  const migrations = loadMigrations(dir);
  await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
  try {
    await client.query(CREATE_LOG);
    const rows = await client.query<{ version: number }>('SELECT version FROM schema_migrations');
    const done = new Set(rows.rows.map((row) => Number(row.version)));
    const from = Math.max(0, ...done);
    refuseNewer(from, done, migrations, 'DATABASE_URL');
    const applied: string[] = [];
    for (const migration of migrations.filter((m) => !done.has(m.version))) {
      try {
        await client.query('BEGIN');
        await client.query(migration.sql);
        await client.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [
          migration.version,
          migration.name,
          Date.now(),
        ]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw failed(migration, error);
      }
      applied.push(migration.name);
    }
    return { from, to: Math.max(from, ...migrations.map((m) => m.version)), applied };
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
  }
}

function record(migration: Migration, run: (sql: string, params: unknown[]) => unknown): void {
  run('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)', [
    migration.version,
    migration.name,
    Date.now(),
  ]);
}

function failed(migration: Migration, error: unknown): Error {
  return new Error(`Migration ${migration.name} failed: ${(error as Error).message}`, { cause: error });
}

function refuseNewer(
  highest: number,
  done: ReadonlySet<number>,
  migrations: readonly Migration[],
  variable: string,
): void {
  const known = new Set(migrations.map((m) => m.version));
  const latest = migrations.at(-1)?.version ?? 0;
  const unknown = [...done].find((version) => !known.has(version));
  if (highest > latest || unknown !== undefined) {
    throw new Error(
      `The database is at schema version ${Math.max(highest, unknown ?? 0)}, newer than this code knows ` +
        `(${latest}). Upgrade Hallway, or point ${variable} at a database made by this version.`,
    );
  }
}
