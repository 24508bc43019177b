/**
 * PostgreSQL migrations: idempotent, refusing a newer database, all-or-nothing per step, and safe when several
 * processes start at once (the advisory lock). Runs in the postgres project only.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, describe, expect, inject, it } from 'vitest';
import { loadMigrations, migratePostgres, migrationsDir } from '../../data/migrate.ts';
import { openStorage } from '../../data/open.ts';
import { freshPostgresUrl, TEST_DIALECT } from '../support/databases.ts';

const onPostgres = it.runIf(TEST_DIALECT === 'postgres');
const latest = () => loadMigrations(migrationsDir('postgres')).at(-1)!.version;

const pools: pg.Pool[] = [];
const created: string[] = [];
const temps: string[] = [];

afterEach(async () => {
  await Promise.all(pools.splice(0).map((pool) => pool.end()));
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

afterAll(async () => {
  if (created.length === 0) return;
  const admin = new pg.Client({ connectionString: inject('postgresUrl') });
  await admin.connect();
  try {
    for (const name of created) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
});

/** A new, empty database on the test server (`freshPostgresUrl` copies the already-migrated template). */
async function emptyDatabaseUrl(): Promise<string> {
  const base = inject('postgresUrl');
  const name = `mig_${process.pid}_${created.length}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  created.push(name);
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
}

function poolFor(url: string, max = 2): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max });
  pools.push(pool);
  return pool;
}

/** Runs `migratePostgres` on a connection of `pool`. */
async function migrateOn(pool: pg.Pool, dir?: string) {
  const client = await pool.connect();
  try {
    return await migratePostgres(client, dir);
  } finally {
    client.release();
  }
}

async function versions(pool: pg.Pool): Promise<number[]> {
  const { rows } = await pool.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
  return rows.map((row) => Number(row.version));
}

async function tables(pool: pg.Pool): Promise<string[]> {
  const { rows } = await pool.query<{ name: string }>(
    "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name",
  );
  return rows.map((row) => row.name);
}

function migrationsFolder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'hallway-pg-migrate-'));
  temps.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

describe('PostgreSQL migrations', () => {
  onPostgres('bring an empty database to the latest version, and are a no-op when run again', async () => {
    const pool = poolFor(await emptyDatabaseUrl());
    const first = await migrateOn(pool);
    expect(first).toMatchObject({ from: 0, to: latest() });
    expect(first.applied).toEqual(loadMigrations(migrationsDir('postgres')).map((m) => m.name));
    await pool.query("INSERT INTO communities (id, settings, created_at) VALUES ('shell:loft', '{}', 1)");
    expect(await migrateOn(pool)).toEqual({ from: latest(), to: latest(), applied: [] });
    expect((await pool.query('SELECT count(*)::int AS n FROM communities')).rows).toEqual([{ n: 1 }]);
  });

  onPostgres('leave a migrated database as it is', async () => {
    const pool = poolFor(await freshPostgresUrl());
    const before = await versions(pool);
    expect(await migrateOn(pool)).toEqual({ from: latest(), to: latest(), applied: [] });
    expect(await versions(pool)).toEqual(before);
  });

  onPostgres('refuse a database newer than the code, naming both versions', async () => {
    const url = await freshPostgresUrl();
    const pool = poolFor(url);
    const newer = latest() + 1;
    await pool.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [
      newer,
      `${newer}_from_the_future.sql`,
      Date.now(),
    ]);
    const refusal = new RegExp(`schema version ${newer}, newer than this code knows \\(${latest()}\\).*DATABASE_URL`);
    await expect(migrateOn(pool)).rejects.toThrow(refusal);
    // Opening the storage refuses it too, with the same message.
    await expect(openStorage({ url, path: ':memory:', poolSize: 1 })).rejects.toThrow(refusal);
  });

  onPostgres('refuse a database holding a migration the code does not know', async () => {
    const pool = poolFor(await emptyDatabaseUrl());
    const dir = migrationsFolder({
      '0001_a.sql': 'CREATE TABLE a (x INTEGER);',
      '0002_b.sql': 'CREATE TABLE b (x INTEGER);',
    });
    await migrateOn(pool, dir);
    rmSync(join(dir, '0002_b.sql'));
    await expect(migrateOn(pool, dir)).rejects.toThrow(/schema version 2, newer than this code knows \(1\)/);
  });

  onPostgres('apply each step in its own transaction, stop at a broken one, and release the lock', async () => {
    const pool = poolFor(await emptyDatabaseUrl());
    const dir = migrationsFolder({
      '0001_a.sql': 'CREATE TABLE a (x INTEGER);',
      '0002_b.sql': 'CREATE TABLE b (x INTEGER);',
      '0003_broken.sql': 'CREATE TABLE c (x INTEGER); NOT SQL;',
    });
    await expect(migrateOn(pool, dir)).rejects.toThrow(/0003_broken\.sql failed/);
    // 0001 and 0002 committed; 0003 rolled back whole (its first statement too).
    expect(await versions(pool)).toEqual([1, 2]);
    expect(await tables(pool)).toEqual(['a', 'b', 'schema_migrations']);
    // A later run (another connection) is not kept waiting by the failed one's lock.
    writeFileSync(join(dir, '0003_broken.sql'), 'CREATE TABLE c (x INTEGER);');
    expect(await migrateOn(pool, dir)).toEqual({ from: 2, to: 3, applied: ['0003_broken.sql'] });
  });

  onPostgres('apply a number that lands after a higher one, once', async () => {
    const pool = poolFor(await emptyDatabaseUrl());
    const dir = migrationsFolder({
      '0001_a.sql': 'CREATE TABLE a (x INTEGER);',
      '0003_c.sql': 'CREATE TABLE c (x INTEGER);',
    });
    expect(await migrateOn(pool, dir)).toEqual({ from: 0, to: 3, applied: ['0001_a.sql', '0003_c.sql'] });
    writeFileSync(join(dir, '0002_b.sql'), 'CREATE TABLE b (x INTEGER);');
    expect(await migrateOn(pool, dir)).toEqual({ from: 3, to: 3, applied: ['0002_b.sql'] });
    expect((await migrateOn(pool, dir)).applied).toEqual([]);
    expect(await tables(pool)).toEqual(['a', 'b', 'c', 'schema_migrations']);
  });

  onPostgres('let two processes migrate a fresh database at once: both succeed, each step runs once', async () => {
    const url = await emptyDatabaseUrl();
    // Two pools, as two processes starting together would have.
    const [one, two] = [poolFor(url, 1), poolFor(url, 1)];
    const results = await Promise.all([migrateOn(one), migrateOn(two)]);
    const all = loadMigrations(migrationsDir('postgres'));
    expect(results.flatMap((r) => r.applied).sort()).toEqual(all.map((m) => m.name).sort());
    // Whichever ran second found everything done.
    expect(results.map((r) => r.applied.length).sort((a, b) => a - b)).toEqual([0, all.length]);
    expect(results.every((r) => r.to === latest())).toBe(true);
    expect(await versions(one)).toEqual(all.map((m) => m.version));
  });
});
