/**
 * Looking at the whole database from a test: every table (read from `sqlite_master`, so tables added by future
 * migrations are covered without editing this file), a fingerprint of its contents, and a search for a member's id
 * in every text column.
 */
import { createHash } from 'node:crypto';
import BetterSqlite3 from 'better-sqlite3';
import type { Database } from 'better-sqlite3';

/** Every user table, in name order (SQLite's own tables excluded). */
export function tableNames(db: Database): string[] {
  return db
    .prepare<[], { name: string }>(
      `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`,
    )
    .all()
    .map((r) => r.name);
}

export interface Snapshot {
  /** Row count per table. */
  readonly counts: Record<string, number>;
  /** sha256 over every row of every table, in rowid order. */
  readonly hash: string;
}

/** Row counts and a content hash of every table. */
export function snapshot(db: Database): Snapshot {
  const counts: Record<string, number> = {};
  const hash = createHash('sha256');
  for (const table of tableNames(db)) {
    const rows = db.prepare(`SELECT * FROM "${table}" ORDER BY rowid`).raw().all();
    counts[table] = rows.length;
    hash.update(`${table}\u0000${JSON.stringify(rows)}\u0001`);
  }
  return { counts, hash: hash.digest('hex') };
}

/** Rows of one community in every table that has a `community` column, as JSON, by table. */
export function communityRows(db: Database, community: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const table of tableNames(db)) {
    const columns = db.prepare(`PRAGMA table_info("${table}")`).all() as { name: string }[];
    const key = table === 'communities' ? 'id' : columns.some((c) => c.name === 'community') ? 'community' : undefined;
    if (!key) continue;
    const rows = db.prepare(`SELECT * FROM "${table}" WHERE "${key}" = ? ORDER BY rowid`).raw().all(community);
    out[table] = JSON.stringify(rows);
  }
  return out;
}

export interface Hit {
  readonly table: string;
  readonly column: string;
  readonly value: string;
}

/**
 * Every text value in the database that contains `needle` (a member's platform id), in any table and column.
 * Ids are compared as substrings, so pick ids that are not substrings of one another (`U0LUCAS`, `U0EMMA`).
 */
export function findEverywhere(db: Database, needle: string): Hit[] {
  const hits: Hit[] = [];
  for (const table of tableNames(db)) {
    const columns = db.prepare(`PRAGMA table_info("${table}")`).all() as { name: string }[];
    for (const { name } of columns) {
      const rows = db
        .prepare<[string], { v: string }>(
          `SELECT CAST("${name}" AS TEXT) AS v FROM "${table}" WHERE instr(CAST("${name}" AS TEXT), ?) > 0`,
        )
        .all(needle);
      for (const r of rows) hits.push({ table, column: name, value: r.v.slice(0, 160) });
    }
  }
  return hits;
}

/** Tables whose rows differ between a serialized copy of the database (`db.serialize()`) and the live one. */
export function changedTables(before: Buffer, db: Database): string[] {
  const old = new BetterSqlite3(before);
  try {
    const digest = (d: Database, table: string) => {
      const exists = tableNames(d).includes(table);
      return exists ? JSON.stringify(d.prepare(`SELECT * FROM "${table}" ORDER BY rowid`).raw().all()) : '(missing)';
    };
    const tables = [...new Set([...tableNames(old), ...tableNames(db)])];
    return tables.filter((t) => digest(old, t) !== digest(db, t));
  } finally {
    old.close();
  }
}
