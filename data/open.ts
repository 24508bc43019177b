/** Opens the database the configuration names: PostgreSQL when a URL is given, else the SQLite file. */
import type { Storage } from '#core/ports/storage.ts';
import { openPostgres } from './db/postgres.ts';
import { openDatabase, sqliteKysely } from './db/sqlite.ts';
import { createStorage } from './storage.ts';

export interface DatabaseOptions {
  /** `postgres://…`: PostgreSQL through a pool. Unset: SQLite at `path`. */
  readonly url?: string;
  /** SQLite file (`:memory:` for tests). */
  readonly path: string;
  /** PostgreSQL pool size. */
  readonly poolSize?: number;
  /** SQLite: run automatic WAL checkpoints on this connection (the app turns them off and runs a worker). */
  readonly autoCheckpoint?: boolean;
}

/** Opens and migrates. Rejects with one clear line when the database cannot be opened, reached or migrated. */
export async function openStorage(options: DatabaseOptions): Promise<Storage> {
  if (options.url) {
    const db = await openPostgres({ url: options.url, poolSize: options.poolSize ?? 10 });
    return createStorage(db, 'postgres');
  }
  const sqlite = openDatabase(options.path, { autoCheckpoint: options.autoCheckpoint });
  return createStorage(sqliteKysely(sqlite), 'sqlite');
}
