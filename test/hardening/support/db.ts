/**
 * Looking at the whole database from a test, on SQLite and on PostgreSQL alike: every table (read from the
 * catalog, so tables added by future migrations are covered without editing this file), its rows, a fingerprint of
 * everything, and a search for a member's id in every column of every row.
 *
 * Rows are compared as JSON text, sorted, so the order a database returns them in does not matter.
 */
import { sql } from 'kysely';
import { type Db, dbOf } from '../../../data/db/executor.ts';
import type { CommunityId } from '#core/ids.ts';
import type { Storage } from '#core/ports/storage.ts';

export type Row = Record<string, unknown>;
/** Every row of every table, by table name. */
export type Dump = Record<string, Row[]>;
/** Every table's rows as one canonical text (rows as JSON, sorted), by table name. */
export type Snapshot = Record<string, string>;

export interface Hit {
  readonly table: string;
  readonly column: string;
  readonly value: string;
}

const tablesOf = new WeakMap<object, Promise<string[]>>();

/** Every user table, in name order (the databases' own tables excluded). */
async function listTables(db: Db, dialect: Storage['dialect']): Promise<string[]> {
  const query =
    dialect === 'sqlite'
      ? sql<{
          name: string;
        }>`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`
      : sql<{ name: string }>`SELECT table_name AS name FROM information_schema.tables
          WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`;
  return (await query.execute(db)).rows.map((r) => r.name);
}

/** Every row of every table, read through `db` (a transaction: see `DbView.dumpIn`). */
async function dumpWith(db: Db, dialect: Storage['dialect'], tables: readonly string[]): Promise<Dump> {
  const dump: Dump = Object.fromEntries(tables.map((t) => [t, [] as Row[]]));
  if (dialect === 'postgres') {
    // One round trip for the whole database: each row as JSON, tagged with its table.
    const union = sql.join(
      tables.map((t) => sql`SELECT ${t}::text AS t, row_to_json(x)::text AS r FROM ${sql.table(t)} x`),
      sql` UNION ALL `,
    );
    const { rows } = await sql<{ t: string; r: string }>`${union}`.execute(db);
    for (const { t, r } of rows) dump[t]!.push(JSON.parse(r) as Row);
    return dump;
  }
  for (const t of tables) dump[t] = (await sql<Row>`SELECT * FROM ${sql.table(t)}`.execute(db)).rows;
  return dump;
}

/**
 * A fingerprint of every table, by table: on PostgreSQL a hash of the sorted rows computed by the server (one round
 * trip, a few bytes back), on SQLite the rows themselves (in-process, cheap).
 */
async function snapshotWith(db: Db, dialect: Storage['dialect'], tables: readonly string[]): Promise<Snapshot> {
  if (dialect === 'sqlite') return snapshotOf(await dumpWith(db, dialect, tables));
  const union = sql.join(
    tables.map(
      (t) =>
        sql`SELECT ${t}::text AS t, count(*)::text || ':' || coalesce(md5(string_agg(x::text, E'\n' ORDER BY x::text)), '') AS h
            FROM ${sql.table(t)} x`,
    ),
    sql` UNION ALL `,
  );
  const { rows } = await sql<{ t: string; h: string }>`${union}`.execute(db);
  return Object.fromEntries(rows.map((r) => [r.t, r.h]));
}

const text = (value: unknown): string =>
  typeof value === 'string' ? value : value instanceof Date ? value.toISOString() : (JSON.stringify(value) ?? '');

const canonical = (rows: readonly Row[]) => JSON.stringify(rows.map((r) => JSON.stringify(r)).sort());

/** The rows of one community: the `community` column, or `id` for the `communities` table. */
function ofCommunity(table: string, rows: readonly Row[], community: CommunityId): Row[] {
  const key = table === 'communities' ? 'id' : 'community';
  return rows.filter((r) => r[key] === community);
}

export function snapshotOf(dump: Dump): Snapshot {
  return Object.fromEntries(Object.entries(dump).map(([t, rows]) => [t, canonical(rows)]));
}

/** Rows of one community in every table, as canonical text, by table. */
export function communityRowsOf(dump: Dump, community: CommunityId): Snapshot {
  return Object.fromEntries(Object.entries(dump).map(([t, rows]) => [t, canonical(ofCommunity(t, rows, community))]));
}

/** Tables whose rows differ between two snapshots. */
export function changedTables(before: Snapshot, after: Snapshot): string[] {
  const tables = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  return tables.filter((t) => before[t] !== after[t]);
}

/**
 * Every value in the database that contains `needle` (a member's platform id), in any table and column. Ids are
 * compared as substrings, so pick ids that are not substrings of one another (`U0LUCAS`, `U0EMMA`).
 */
export function findIn(dump: Dump, needle: string): Hit[] {
  const hits: Hit[] = [];
  for (const [table, rows] of Object.entries(dump)) {
    for (const row of rows) {
      for (const [column, value] of Object.entries(row)) {
        if (value === null || value === undefined) continue;
        const t = text(value);
        if (t.includes(needle)) hits.push({ table, column, value: t.slice(0, 160) });
      }
    }
  }
  return hits;
}

/** The whole database behind a storage, read in transactions of its own. */
export interface DbView {
  readonly dialect: Storage['dialect'];
  tableNames(): Promise<string[]>;
  dump(): Promise<Dump>;
  /** The dump, read on an open transaction's executor (to look inside a transaction before it rolls back). */
  dumpIn(db: Db): Promise<Dump>;
  snapshot(): Promise<Snapshot>;
  communityRows(community: CommunityId): Promise<Snapshot>;
  findEverywhere(needle: string): Promise<Hit[]>;
  /** Runs `fn` on the Kysely executor of a transaction of its own (committed when it resolves). */
  query<T>(fn: (db: Db) => Promise<T>): Promise<T>;
}

/**
 * A view of `storage`'s database. It keeps the `transaction` function `storage` has now, so a test that later wraps
 * `storage.transaction` (the probe) does not see the view's own reads.
 */
export function inspect(storage: Storage): DbView {
  const transaction = storage.transaction.bind(storage);
  const query = <T>(fn: (db: Db) => Promise<T>) => transaction((tx) => fn(dbOf(tx)));
  // Listed once per storage, on the executor at hand (never a transaction inside another: on SQLite the inner one
  // would wait for ever for the connection the outer one holds).
  const tablesWith = (db: Db) => {
    let tables = tablesOf.get(storage);
    if (!tables) {
      tables = listTables(db, storage.dialect);
      tablesOf.set(storage, tables);
    }
    return tables;
  };
  const tableNames = () => query(tablesWith);
  const dumpIn = async (db: Db) => dumpWith(db, storage.dialect, await tablesWith(db));
  const dump = () => query(dumpIn);
  return {
    dialect: storage.dialect,
    tableNames,
    dump,
    dumpIn,
    snapshot: () => query(async (db) => snapshotWith(db, storage.dialect, await tablesWith(db))),
    communityRows: async (community) => communityRowsOf(await dump(), community),
    findEverywhere: async (needle) => findIn(await dump(), needle),
    query,
  };
}
