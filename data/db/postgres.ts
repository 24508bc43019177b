/**
 * PostgreSQL through node-postgres: a pool, the migrations, and a Kysely instance. Rows come back as on SQLite:
 * BIGINT (epoch milliseconds, counts) and NUMERIC (sums, averages) as JavaScript numbers, not strings.
 */
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { migratePostgres } from '../migrate.ts';
import type { DB } from './schema.ts';

const INT8 = 20;
const NUMERIC = 1700;

/** Per pool, not global: parse 64-bit integers and numerics as numbers (epoch ms fit exactly in a double). */
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === INT8 || oid === NUMERIC) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format);
  },
};

export interface PostgresOptions {
  readonly url: string;
  /** Connections in the pool. */
  readonly poolSize: number;
}

/** `postgres://user:secret@host/db` → `postgres://user:***@host/db`, for messages and logs. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(a malformed URL)';
  }
}

/**
 * Connects, migrates and returns Kysely on a pool. Rejects with one clear line (the password redacted) when the
 * server cannot be reached or refuses the credentials.
 */
export async function openPostgres(options: PostgresOptions): Promise<Kysely<DB>> {
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.poolSize,
    types,
    connectionTimeoutMillis: 10_000,
    idleTimeoutMillis: 30_000,
  });
  // An idle client's error (the server restarted) must not crash the process; the pool replaces the client.
  pool.on('error', () => {});
  let client: pg.PoolClient;
  try {
    client = await pool.connect();
  } catch (error) {
    await pool.end().catch(() => {});
    throw new Error(`cannot reach PostgreSQL at ${redactUrl(options.url)}: ${(error as Error).message}`);
  }
  try {
    await migratePostgres(client);
  } catch (error) {
    client.release();
    await pool.end().catch(() => {});
    throw error;
  }
  client.release();
  return new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
}
