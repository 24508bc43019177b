/**
 * The database a test runs on: `HALLWAY_TEST_DB` (set per vitest project) says which. SQLite is a fresh
 * `:memory:` database; PostgreSQL is a fresh database copied from the migrated template on the server the global
 * setup started. Every storage opened here is closed after the file's tests.
 */
import pg from 'pg';
import { inject } from 'vitest';
import { openStorage } from '../../data/open.ts';
import type { Storage } from '#core/ports/storage.ts';

export type TestDialect = 'sqlite' | 'postgres';

export const TEST_DIALECT: TestDialect = process.env.HALLWAY_TEST_DB === 'postgres' ? 'postgres' : 'sqlite';

const open: Storage[] = [];
let databases = 0;

/** A URL for a fresh, migrated PostgreSQL database (PostgreSQL runs only). */
export async function freshPostgresUrl(): Promise<string> {
  const base = inject('postgresUrl');
  if (!base) throw new Error('no PostgreSQL server: run this file in the postgres project');
  const name = `t_${process.pid}_${++databases}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name} TEMPLATE hallway_template`);
  } finally {
    await admin.end();
  }
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
}

/** A fresh, migrated database of the run's dialect. */
export async function openTestStorage(options: { path?: string; url?: string } = {}): Promise<Storage> {
  const url = options.url ?? (TEST_DIALECT === 'postgres' && !options.path ? await freshPostgresUrl() : undefined);
  const storage = await openStorage({ url, path: options.path ?? ':memory:', poolSize: 4 });
  open.push(storage);
  return storage;
}

/** Closes every storage this file opened (called after each file by the setup file). */
export async function closeTestStorages(): Promise<void> {
  await Promise.all(open.splice(0).map((storage) => storage.close().catch(() => {})));
}
