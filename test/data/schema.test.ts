/**
 * The two dialects' migrations must build the same schema: the same tables, columns (type family, nullability),
 * primary keys, unique constraints, foreign keys and indexes. Runs where PostgreSQL is (the postgres project).
 */
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../data/migrate.ts';
import { freshPostgresUrl, TEST_DIALECT } from '../support/databases.ts';

interface Schema {
  [table: string]: {
    columns: Record<string, string>;
    primaryKey: string[];
    unique: string[][];
    foreignKeys: string[];
    indexes: string[];
  };
}

const family = (type: string) => {
  const t = type.toLowerCase();
  if (/int/.test(t)) return 'integer';
  if (/real|double|float|numeric/.test(t)) return 'real';
  if (/text|char/.test(t)) return 'text';
  return t;
};

function sqliteSchema(): Schema {
  const db = new BetterSqlite3(':memory:');
  migrate(db);
  const schema: Schema = {};
  const tables = db
    .prepare<[], { name: string }>(
      "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'schema_migrations'",
    )
    .all();
  for (const { name } of tables) {
    const cols = db.prepare(`SELECT * FROM pragma_table_info('${name}')`).all() as {
      name: string;
      type: string;
      notnull: number;
      pk: number;
    }[];
    const indexList = db.prepare(`SELECT * FROM pragma_index_list('${name}')`).all() as {
      name: string;
      unique: number;
      origin: string;
    }[];
    const indexColumns = (index: string) =>
      (db.prepare(`SELECT name FROM pragma_index_info('${index}') ORDER BY seqno`).all() as { name: string }[]).map(
        (c) => c.name,
      );
    const fks = db.prepare(`SELECT * FROM pragma_foreign_key_list('${name}')`).all() as {
      table: string;
      from: string;
      to: string;
      on_delete: string;
    }[];
    schema[name] = {
      columns: Object.fromEntries(
        cols.map((c) => [c.name, `${family(c.type)}${c.notnull || c.pk ? ' not null' : ''}`]),
      ),
      primaryKey: cols
        .filter((c) => c.pk > 0)
        .sort((a, b) => a.pk - b.pk)
        .map((c) => c.name),
      unique: indexList
        .filter((i) => i.origin === 'u')
        .map((i) => indexColumns(i.name))
        .sort(),
      foreignKeys: fks.map((f) => `${f.from}->${f.table}.${f.to} on delete ${f.on_delete.toLowerCase()}`).sort(),
      indexes: indexList
        .filter((i) => i.origin === 'c')
        .map((i) => i.name)
        .sort(),
    };
  }
  db.close();
  return schema;
}

async function postgresSchema(): Promise<Schema> {
  const client = new pg.Client({ connectionString: await freshPostgresUrl() });
  await client.connect();
  const q = async <T>(sql: string) => (await client.query(sql)).rows as T[];
  const schema: Schema = {};
  const columns = await q<{ table_name: string; column_name: string; data_type: string; is_nullable: string }>(
    `SELECT table_name, column_name, data_type, is_nullable FROM information_schema.columns
     WHERE table_schema = 'public' AND table_name <> 'schema_migrations' ORDER BY table_name, ordinal_position`,
  );
  for (const c of columns) {
    schema[c.table_name] ??= { columns: {}, primaryKey: [], unique: [], foreignKeys: [], indexes: [] };
    schema[c.table_name]!.columns[c.column_name] = `${family(c.data_type)}${c.is_nullable === 'NO' ? ' not null' : ''}`;
  }
  const constraints = await q<{
    table: string;
    type: string;
    columns: string[];
    target: string | null;
    on_delete: string;
  }>(
    `SELECT c.conrelid::regclass::text AS table, c.contype AS type,
       array(SELECT a.attname FROM unnest(c.conkey) WITH ORDINALITY k(n, o)
             JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n ORDER BY k.o)::text[] AS columns,
       CASE WHEN c.contype = 'f' THEN c.confrelid::regclass::text || '.' || (SELECT a.attname FROM pg_attribute a
             WHERE a.attrelid = c.confrelid AND a.attnum = c.confkey[1]) END AS target,
       c.confdeltype AS on_delete
     FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
     WHERE n.nspname = 'public' AND c.contype IN ('p', 'u', 'f')`,
  );
  const actions: Record<string, string> = {
    a: 'no action',
    r: 'restrict',
    c: 'cascade',
    n: 'set null',
    d: 'set default',
  };
  for (const c of constraints) {
    const table = schema[c.table];
    if (!table) continue;
    if (c.type === 'p') table.primaryKey = c.columns;
    if (c.type === 'u') table.unique.push(c.columns);
    if (c.type === 'f') table.foreignKeys.push(`${c.columns[0]}->${c.target} on delete ${actions[c.on_delete]}`);
  }
  const indexes = await q<{ tablename: string; indexname: string }>(
    `SELECT i.tablename, i.indexname FROM pg_indexes i
     WHERE i.schemaname = 'public' AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)`,
  );
  for (const i of indexes) schema[i.tablename]?.indexes.push(i.indexname);
  for (const table of Object.values(schema)) {
    table.unique.sort();
    table.foreignKeys.sort();
    table.indexes.sort();
  }
  await client.end();
  return schema;
}

describe('the schema on SQLite and on PostgreSQL', () => {
  it.runIf(TEST_DIALECT === 'postgres')('has the same tables, columns, keys and indexes', async () => {
    const sqlite = sqliteSchema();
    const postgres = await postgresSchema();
    expect(Object.keys(postgres).sort()).toEqual(Object.keys(sqlite).sort());
    for (const table of Object.keys(sqlite)) expect(postgres[table], table).toEqual(sqlite[table]);
  });
});
