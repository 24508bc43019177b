/** The WAL checkpointer: automatic checkpoints off on the main connection, a worker thread folding the WAL back. */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startCheckpointer } from '../../../data/checkpointer.ts';
import { closeDatabase, openDatabase } from '../../../data/db/sqlite.ts';

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

function fileDb(autoCheckpoint: boolean) {
  dir = mkdtempSync(join(tmpdir(), 'hallway-ckpt-'));
  const path = join(dir, 'h.db');
  const db = openDatabase(path, { autoCheckpoint });
  return { db, path };
}

function writeManyPages(db: ReturnType<typeof openDatabase>): void {
  const insert = db.prepare('INSERT INTO inbound_events (community, event_id, seen_at) VALUES (?, ?, ?)');
  db.transaction(() => {
    for (let i = 0; i < 20_000; i++) insert.run('shell:loft', `event-${i}-${'x'.repeat(40)}`, i);
  })();
}

describe('WAL checkpoints off the request path', () => {
  it('turns automatic checkpoints off only when asked', () => {
    const off = fileDb(false);
    expect(off.db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    closeDatabase(off.db);
    const on = fileDb(true);
    expect(on.db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    closeDatabase(on.db);
  });

  it('leaves writes in the WAL until the checkpointer folds them into the database file', async () => {
    const { db, path } = fileDb(false);
    writeManyPages(db);
    const before = statSync(path).size;
    // A long interval: only the final checkpoint that stop() runs can have moved the pages.
    const checkpointer = startCheckpointer(path, { intervalMs: 3_600_000 });
    await checkpointer.stop();
    expect(statSync(path).size).toBeGreaterThan(before + 500_000);
    expect(db.prepare('SELECT count(*) AS n FROM inbound_events').get()).toEqual({ n: 20_000 });
    await checkpointer.stop();
    closeDatabase(db);
  });
});
