/**
 * SQLite through better-sqlite3 (the embedded default): the pragmas Hallway relies on, the migrations, and a
 * Kysely instance whose statements are prepared once and reused (Kysely's driver would prepare each query anew).
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { Database } from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { migrate } from '../migrate.ts';
import type { DB } from './schema.ts';

export type { Database } from 'better-sqlite3';

export interface SqliteOptions {
  /**
   * false: no automatic WAL checkpoints on this connection (SQLite's default runs one inside whichever commit grows
   * the WAL past 1000 pages, on a member's request). The caller must then checkpoint elsewhere — the app runs
   * `startCheckpointer` (data/checkpointer.ts) in a worker thread. Default true.
   */
  readonly autoCheckpoint?: boolean;
}

/**
 * Opens (creating if needed) the database at `path` (`:memory:` for tests), creates its folder, sets the pragmas
 * and applies pending migrations. Throws, with the database closed, if a migration fails or the file is newer than
 * the code.
 */
export function openDatabase(path: string, options: SqliteOptions = {}): Database {
  if (path !== ':memory:' && !path.startsWith('file:')) mkdirSync(dirname(path), { recursive: true });
  const db = new BetterSqlite3(path);
  try {
    // WAL: readers never block the writer; NORMAL is durable in WAL mode except for the last commits on power loss.
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    // Another process (a second instance, the sqlite3 shell) may hold the write lock briefly.
    db.pragma('busy_timeout = 5000');
    db.pragma('synchronous = NORMAL');
    if (options.autoCheckpoint === false) db.pragma('wal_autocheckpoint = 0');
    migrate(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** Folds the WAL back into the main file (so a copied `.db` is complete) and closes. Safe to call twice. */
export function closeDatabase(db: Database): void {
  if (!db.open) return;
  try {
    if (!db.memory) db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
}

/** Statements kept prepared, by SQL text: Hallway's queries are a few hundred shapes. */
const STATEMENT_CACHE_SIZE = 2000;

/** The database as Kysely's driver sees it (`prepare` and `close`), preparing each SQL text once. */
function cachingDatabase(db: Database) {
  const statements = new Map<string, BetterSqlite3.Statement>();
  return {
    prepare(sql: string) {
      let statement = statements.get(sql);
      if (!statement) {
        if (statements.size >= STATEMENT_CACHE_SIZE) statements.clear();
        statement = db.prepare(sql);
        statements.set(sql, statement);
      }
      return statement;
    },
    close: () => closeDatabase(db),
  };
}

/** Kysely over an open better-sqlite3 database; `destroy()` closes the database. */
export function sqliteKysely(db: Database): Kysely<DB> {
  return new Kysely<DB>({ dialect: new SqliteDialect({ database: cachingDatabase(db) }) });
}
