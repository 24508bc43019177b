/**
 * Forward-only schema migrations: `data/migrations/NNNN_name.sql`, applied in number order, each in its own
 * transaction together with its record, so a crash leaves the database at the last whole step.
 *
 * `PRAGMA user_version` holds the highest version applied; `schema_migrations` lists each one applied. The list is
 * what lets numbers land out of order (features own pre-assigned numbers and merge in parallel): a 0003 that
 * arrives after 0004 was applied is still applied, once, instead of being skipped forever.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database } from 'better-sqlite3';

/** Next to this module, so it works from any working directory. */
export const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));

const FILE_NAME = /^(\d{4})_[a-z0-9_-]+\.sql$/i;

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

export interface MigrationResult {
  /** `user_version` before. */
  readonly from: number;
  /** `user_version` after. */
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

/**
 * Brings the database up to date. Refuses a database that has a migration this code does not know (made by newer
 * code): running old code on a newer schema could corrupt it.
 */
export function migrate(db: Database, dir: string = MIGRATIONS_DIR): MigrationResult {
  const migrations = loadMigrations(dir);
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL) STRICT`);
  const from = db.pragma('user_version', { simple: true }) as number;
  const done = new Set(
    db
      .prepare<[], { version: number }>('SELECT version FROM schema_migrations')
      .all()
      .map((row) => row.version),
  );
  refuseNewer(from, done, migrations);
  const applied: string[] = [];
  for (const migration of migrations.filter((m) => !done.has(m.version))) {
    applyOne(db, migration);
    applied.push(migration.name);
  }
  return { from, to: db.pragma('user_version', { simple: true }) as number, applied };
}

function refuseNewer(userVersion: number, done: ReadonlySet<number>, migrations: readonly Migration[]): void {
  const known = new Set(migrations.map((m) => m.version));
  const latest = migrations.at(-1)?.version ?? 0;
  const unknown = [...done].find((version) => !known.has(version));
  if (userVersion > latest || unknown !== undefined) {
    throw new Error(
      `The database is at schema version ${Math.max(userVersion, unknown ?? 0)}, newer than this code knows ` +
        `(${latest}). Upgrade Hallway, or point DATABASE_PATH at a database made by this version.`,
    );
  }
}

function applyOne(db: Database, migration: Migration): void {
  try {
    db.transaction(() => {
      db.exec(migration.sql);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(
        migration.version,
        migration.name,
        Date.now(),
      );
      // user_version lives in the database header, written in the same transaction; it only ever grows.
      const current = db.pragma('user_version', { simple: true }) as number;
      db.pragma(`user_version = ${Math.max(current, migration.version)}`);
    })();
  } catch (error) {
    throw new Error(`Migration ${migration.name} failed: ${(error as Error).message}`, { cause: error });
  }
}
