/**
 * The database a test runs on: `HALLWAY_TEST_DB` (set per vitest project) says which. SQLite is a fresh
 * `:memory:` database; PostgreSQL is an empty, migrated database on the server the global setup started.
 *
 * PostgreSQL databases are recycled between tests of a file: creating one from the template costs 40 ms on an
 * idle machine and over a second on a busy one, while emptying one (a DELETE per table, identities back to 1) costs
 * about 2 ms. A database is handed to a later test only once the test that had it is over (and its storage is
 * closed first, so nothing of that test can still write); two storages in one test are always two databases.
 */
import pg from 'pg';
import { expect, inject } from 'vitest';
import { openStorage } from '../../data/open.ts';
import type { Storage } from '#core/ports/storage.ts';

export type TestDialect = 'sqlite' | 'postgres';

export const TEST_DIALECT: TestDialect = process.env.HALLWAY_TEST_DB === 'postgres' ? 'postgres' : 'sqlite';

const open: Storage[] = [];
let databases = 0;

interface Recyclable {
  readonly url: string;
  /** The test that has it (`''`: a hook outside any test, kept for the whole file). */
  readonly owner: string;
  readonly storage: Storage;
}
const recyclable: Recyclable[] = [];

function adminUrl(): string {
  const base = inject('postgresUrl');
  if (!base) throw new Error('no PostgreSQL server: run this file in the postgres project');
  return base;
}

async function admin<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** A URL for a new, migrated PostgreSQL database, copied from the template (PostgreSQL runs only). */
export async function freshPostgresUrl(): Promise<string> {
  const base = adminUrl();
  const name = `t_${process.pid}_${++databases}_${Math.random().toString(36).slice(2, 8)}`;
  await admin(base, (client) => client.query(`CREATE DATABASE ${name} TEMPLATE hallway_template`));
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Empties every table and puts every identity back to 1, as in a database fresh from the template. */
async function empty(url: string): Promise<void> {
  await admin(url, async (client) => {
    const tables = await client.query<{ name: string }>(
      `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'schema_migrations'
       ORDER BY tablename = 'match_index_changes', tablename`,
    );
    const sequences = await client.query<{ name: string }>(
      `SELECT sequencename AS name FROM pg_sequences WHERE schemaname = 'public'`,
    );
    const statements = [
      ...tables.rows.map((t) => `DELETE FROM "${t.name}";`),
      ...sequences.rows.map((s) => `SELECT setval('"${s.name}"', 1, false);`),
    ];
    await client.query(statements.join('\n'));
  });
}

function currentTest(): string {
  return expect.getState().currentTestName ?? '';
}

/** A migrated, empty PostgreSQL database for the current test: a recycled one when a finished test left one. */
async function postgresUrlForTest(): Promise<{ url: string; owner: string }> {
  const owner = currentTest();
  const index = recyclable.findIndex((r) => r.owner !== '' && r.owner !== owner);
  if (index >= 0) {
    const [done] = recyclable.splice(index, 1);
    await done!.storage.close().catch(() => {});
    await empty(done!.url);
    return { url: done!.url, owner };
  }
  return { url: await freshPostgresUrl(), owner };
}

/** A fresh, migrated, empty database of the run's dialect (or the SQLite file / PostgreSQL URL given). */
export async function openTestStorage(options: { path?: string; url?: string } = {}): Promise<Storage> {
  if (TEST_DIALECT === 'postgres' && !options.path && !options.url) {
    const { url, owner } = await postgresUrlForTest();
    const storage = await openStorage({ url, path: ':memory:', poolSize: 4 });
    open.push(storage);
    recyclable.push({ url, owner, storage });
    return storage;
  }
  const storage = await openStorage({ url: options.url, path: options.path ?? ':memory:', poolSize: 4 });
  open.push(storage);
  return storage;
}

/** Closes every storage this file opened (called after each file by the setup file). */
export async function closeTestStorages(): Promise<void> {
  recyclable.length = 0;
  await Promise.all(open.splice(0).map((storage) => storage.close().catch(() => {})));
}
