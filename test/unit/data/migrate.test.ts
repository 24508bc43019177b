import { copyFileSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase } from '../../../data/db/sqlite.ts';
import { loadMigrations, MIGRATIONS_DIR, MIGRATIONS_ROOT, migrate, migrationsDir } from '../../../data/migrate.ts';

const CORE_TABLES = ['communities', 'members', 'job_runs', 'outbox', 'message_refs', 'inbound_events'];

const latestVersion = () => loadMigrations().at(-1)!.version;

const temps: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'hallway-migrate-'));
  temps.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tables(db: BetterSqlite3.Database): string[] {
  return db
    .prepare<[], { name: string }>("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
    .all()
    .map((row) => row.name);
}

describe('migrations', () => {
  it('gives a fresh database every core table and the latest user_version', () => {
    const db = openDatabase(':memory:');
    expect(tables(db)).toEqual(expect.arrayContaining(CORE_TABLES));
    expect(db.pragma('user_version', { simple: true })).toBe(latestVersion());
    db.close();
  });

  it('puts a community column on every core table but communities itself', () => {
    const db = openDatabase(':memory:');
    for (const table of CORE_TABLES.filter((t) => t !== 'communities')) {
      const columns = db.prepare<[], { name: string }>(`SELECT name FROM pragma_table_info('${table}')`).all();
      expect(
        columns.map((c) => c.name),
        table,
      ).toContain('community');
    }
    db.close();
  });

  it('is a no-op when run again', () => {
    const db = openDatabase(':memory:');
    db.prepare("INSERT INTO communities (id, settings, created_at) VALUES ('shell:loft', '{}', 1)").run();
    const again = migrate(db);
    expect(again.applied).toEqual([]);
    expect(again.from).toBe(again.to);
    expect(db.prepare('SELECT count(*) AS n FROM communities').get()).toEqual({ n: 1 });
    db.close();
  });

  it('refuses a database newer than the code, naming both versions', () => {
    const db = new BetterSqlite3(':memory:');
    const latest = latestVersion();
    db.pragma(`user_version = ${latest + 1}`);
    expect(() => migrate(db)).toThrow(
      new RegExp(`schema version ${latest + 1}, newer than this code knows \\(${latest}\\)`),
    );
    db.close();
  });

  it('applies only the new steps, each in its own transaction, and stops at a broken one', () => {
    const dir = tempDir();
    writeFileSync(join(dir, '0001_a.sql'), 'CREATE TABLE a (x INTEGER);');
    const db = new BetterSqlite3(':memory:');
    expect(migrate(db, dir).applied).toEqual(['0001_a.sql']);
    writeFileSync(join(dir, '0002_b.sql'), 'CREATE TABLE b (x INTEGER);');
    writeFileSync(join(dir, '0003_broken.sql'), 'CREATE TABLE c (x INTEGER); NOT SQL;');
    expect(() => migrate(db, dir)).toThrow(/0003_broken\.sql failed/);
    // 0002 committed; 0003 rolled back whole (its first statement too).
    expect(db.pragma('user_version', { simple: true })).toBe(2);
    expect(tables(db)).toEqual(['a', 'b', 'schema_migrations']);
    db.close();
  });

  it('applies a number that lands after a higher one, once (features merge in parallel)', () => {
    const dir = tempDir();
    writeFileSync(join(dir, '0001_a.sql'), 'CREATE TABLE a (x INTEGER);');
    writeFileSync(join(dir, '0003_c.sql'), 'CREATE TABLE c (x INTEGER);');
    const db = new BetterSqlite3(':memory:');
    expect(migrate(db, dir)).toEqual({ from: 0, to: 3, applied: ['0001_a.sql', '0003_c.sql'] });
    writeFileSync(join(dir, '0002_b.sql'), 'CREATE TABLE b (x INTEGER);');
    expect(migrate(db, dir)).toEqual({ from: 3, to: 3, applied: ['0002_b.sql'] });
    expect(migrate(db, dir).applied).toEqual([]);
    expect(tables(db)).toEqual(['a', 'b', 'c', 'schema_migrations']);
    db.close();
  });

  it('refuses a database holding a migration the code does not know', () => {
    const dir = tempDir();
    writeFileSync(join(dir, '0001_a.sql'), 'CREATE TABLE a (x INTEGER);');
    writeFileSync(join(dir, '0002_b.sql'), 'CREATE TABLE b (x INTEGER);');
    const db = new BetterSqlite3(':memory:');
    migrate(db, dir);
    rmSync(join(dir, '0002_b.sql'));
    expect(() => migrate(db, dir)).toThrow(/schema version 2, newer than this code knows \(1\)/);
    db.close();
  });

  it('refuses two files with one number', () => {
    const twice = tempDir();
    writeFileSync(join(twice, '0001_a.sql'), '');
    writeFileSync(join(twice, '0001_b.sql'), '');
    expect(() => loadMigrations(twice)).toThrow(/0001_a\.sql and 0001_b\.sql share a number/);
  });

  it('finds its folder from the module, whatever the working directory', () => {
    const cwd = process.cwd();
    try {
      process.chdir(tmpdir());
      expect(loadMigrations().map((m) => m.name)).toContain('0001_core.sql');
    } finally {
      process.chdir(cwd);
    }
    expect(MIGRATIONS_DIR).toMatch(/data[/\\]migrations[/\\]sqlite[/\\]?$/);
    expect(migrationsDir('sqlite')).toBe(MIGRATIONS_DIR);
    expect(migrationsDir('postgres')).toMatch(/data[/\\]migrations[/\\]postgres[/\\]?$/);
    expect(MIGRATIONS_DIR.startsWith(MIGRATIONS_ROOT)).toBe(true);
  });

  it('has the same migrations, by number and name, for SQLite and PostgreSQL', () => {
    const names = (dialect: 'sqlite' | 'postgres') => loadMigrations(migrationsDir(dialect)).map((m) => m.name);
    expect(names('postgres')).toEqual(names('sqlite'));
  });
});

describe('0007: the portable schema', () => {
  it("keeps each member's old rowid as its id and fills the outbox's target columns from the JSON", () => {
    const upTo6 = tempDir();
    for (const m of loadMigrations().filter((m) => m.version <= 6))
      copyFileSync(join(MIGRATIONS_DIR, m.name), join(upTo6, m.name));
    const db = new BetterSqlite3(':memory:');
    migrate(db, upTo6);
    const member = db.prepare(
      `INSERT INTO members (community, user_id, display_name, name_key, first_seen_at, last_active_at)
       VALUES ('shell:loft', ?, ?, ?, 1, 1)`,
    );
    for (const id of ['U1', 'U2', 'U3']) member.run(id, id, id.toLowerCase());
    db.prepare("DELETE FROM members WHERE user_id = 'U2'").run();
    member.run('U4', 'U4', 'u4');
    const rowids = db.prepare('SELECT rowid AS id, user_id FROM members ORDER BY rowid').all();
    const outbox = db.prepare(
      `INSERT INTO outbox (community, platform, key, target, reply, not_before, created_at)
       VALUES ('shell:loft', 'shell', ?, ?, '{"text":"x"}', 1, 1)`,
    );
    outbox.run('upd', JSON.stringify({ kind: 'update', ref: 'card:1' }));
    outbox.run('post', JSON.stringify({ kind: 'post', channelId: 'C1' }));
    outbox.run('dm', JSON.stringify({ kind: 'dm', userIds: ['U1'] }));

    // Every migration from 0007 on (later ones too, whatever they add).
    const fromSeven = loadMigrations()
      .filter((m) => m.version >= 7)
      .map((m) => m.name);
    expect(fromSeven.slice(0, 2)).toEqual(['0007_portable.sql', '0008_offerers_index.sql']);
    expect(migrate(db).applied).toEqual(fromSeven);
    expect(db.prepare('SELECT id, user_id FROM members ORDER BY id').all()).toEqual(rowids);
    expect(rowids).toEqual([
      { id: 1, user_id: 'U1' },
      { id: 3, user_id: 'U3' },
      { id: 4, user_id: 'U4' },
    ]);
    expect(
      db.prepare('SELECT key, target_kind, target_ref, priority, lease_until FROM outbox ORDER BY id').all(),
    ).toEqual([
      { key: 'upd', target_kind: 'update', target_ref: 'card:1', priority: 0, lease_until: null },
      { key: 'post', target_kind: 'post', target_ref: null, priority: 0, lease_until: null },
      { key: 'dm', target_kind: 'dm', target_ref: null, priority: 0, lease_until: null },
    ]);
    db.close();
  });
});

describe('openDatabase', () => {
  it('creates the folder of a file path and sets the pragmas', () => {
    const path = join(tempDir(), 'nested', 'deeper', 'hallway.db');
    const db = openDatabase(path);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(db.pragma('synchronous', { simple: true })).toBe(1); // NORMAL
    closeDatabase(db);
    closeDatabase(db); // twice is fine
    expect(db.open).toBe(false);
  });

  it('keeps the data across close and reopen', () => {
    const path = join(tempDir(), 'hallway.db');
    const db = openDatabase(path);
    db.prepare("INSERT INTO communities (id, settings, created_at) VALUES ('shell:loft', '{}', 1)").run();
    closeDatabase(db);
    const reopened = openDatabase(path);
    expect(reopened.prepare('SELECT id FROM communities').all()).toEqual([{ id: 'shell:loft' }]);
    expect(reopened.pragma('user_version', { simple: true })).toBe(latestVersion());
    closeDatabase(reopened);
  });

  it('folds the WAL into the file on close, even while another connection keeps it open', () => {
    const path = join(tempDir(), 'hallway.db');
    const reader = openDatabase(path);
    const writer = openDatabase(path);
    writer.prepare("INSERT INTO communities (id, settings, created_at) VALUES ('shell:loft', '{}', 1)").run();
    expect(statSync(`${path}-wal`).size).toBeGreaterThan(0);
    closeDatabase(writer);
    expect(statSync(`${path}-wal`).size).toBe(0);
    expect(reader.prepare('SELECT count(*) AS n FROM communities').get()).toEqual({ n: 1 });
    closeDatabase(reader);
  });

  it('refuses, and closes, a file made by newer code', () => {
    const path = join(tempDir(), 'newer.db');
    const raw = new BetterSqlite3(path);
    raw.pragma('user_version = 999');
    raw.close();
    expect(() => openDatabase(path)).toThrow(/newer than this code/);
  });
});
