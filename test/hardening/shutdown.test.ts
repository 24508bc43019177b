/**
 * Graceful shutdown of the real process, as `npm run dev` runs it: `src/app/main.ts` with no tokens (the shell),
 * stdin kept open, on a SQLite file (or, on the PostgreSQL run, a PostgreSQL database). After a command has been
 * answered, SIGTERM (or SIGINT, Ctrl-C) makes it stop: exit code 0, the WAL folded back into the database file, and
 * the database opens cleanly with the data written.
 * Plus the regression behind it: the outbox drainer ran its loop twice, and `stop()` waited forever.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { dbOf } from '../../data/db/executor.ts';
import { openStorage } from '../../data/open.ts';
import { OutboxDrainer } from '#core/outbox.ts';
import { silentLogger } from '#core/ports/logger.ts';
import { freshPostgresUrl, openTestStorage, TEST_DIALECT } from '../support/databases.ts';
import { testRepos } from '../support/test-bot.ts';
import { TestPlatform } from '../support/test-platform.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'hallway-shutdown-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function startAndSignal(signal: 'SIGTERM' | 'SIGINT') {
  const database =
    TEST_DIALECT === 'postgres' ? { url: await freshPostgresUrl() } : { path: join(dir, `${signal}.db`) };
  const child = spawn(process.execPath, ['--conditions=hallway-source', '--import', 'tsx', 'src/app/main.ts'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      // The web dashboard on any free port (test files run side by side).
      HALLWAY_WEB_PORT: '0',
      ...(database.url ? { DATABASE_URL: database.url } : { DATABASE_PATH: database.path }),
    },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  const waiters: { text: string; resolve: () => void }[] = [];
  child.stdout.on('data', (d) => {
    stdout += d;
    for (const w of waiters.filter((w) => stdout.includes(w.text))) w.resolve();
  });
  child.stderr.on('data', (d) => (stderr += d));
  const printed = (text: string) =>
    stdout.includes(text) ? Promise.resolve() : new Promise<void>((resolve) => waiters.push({ text, resolve }));
  const exit = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;

  await printed('Host> ');
  child.stdin.write('/skills offer photography\n');
  await printed('Added to what you offer');
  await printed('Host> /skills offer photography');
  child.kill(signal);
  const [code, killedBy] = await exit;
  return { database, code, killedBy, stdout, stderr };
}

describe('npm run dev, stopped by a signal', () => {
  it('exits 0 with the database checkpointed and closed, on SIGTERM and on SIGINT', { timeout: 60_000 }, async () => {
    for (const run of await Promise.all([startAndSignal('SIGTERM'), startAndSignal('SIGINT')])) {
      expect({ code: run.code, signal: run.killedBy, stderr: run.stderr }).toEqual({
        code: 0,
        signal: null,
        stderr: '',
      });
      const { path, url } = run.database as { path?: string; url?: string };
      if (path) {
        const wal = `${path}-wal`;
        expect(existsSync(wal) ? statSync(wal).size : 0).toBe(0);
        const db = new BetterSqlite3(path, { readonly: true });
        try {
          expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
        } finally {
          db.close();
        }
      }
      const storage = await openStorage({ url, path: path ?? ':memory:', poolSize: 1 });
      try {
        const skills = await storage.transaction(async (tx) =>
          (
            await dbOf(tx).selectFrom('member_skills').select('skill').where('community', '=', 'shell:loft').execute()
          ).map((r) => r.skill),
        );
        expect(skills).toEqual(['photography']);
      } finally {
        await storage.close();
      }
    }
  });
});

describe('the outbox drainer', () => {
  it('stops after its loop has parked and woken (it used to run the loop twice, and stop waited forever)', async () => {
    const now = new Date('2026-11-16T09:00:00Z');
    const storage = await openTestStorage();
    const repos = testRepos(storage);
    // One item due later, so the loop parks on a timed wait that the test controls.
    await repos.outbox.enqueue([
      {
        community: 'shell:x',
        key: 'later',
        target: { kind: 'dm', userIds: ['u'] },
        reply: { text: 'x' },
        notBefore: new Date(now.getTime() + 60_000),
        now,
      },
    ]);
    const waits: (() => void)[] = [];
    const wait = (_ms: number) => new Promise<void>((resolve) => waits.push(resolve));
    // Until `parks` waits have begun (the loop's claims go to the database, a round trip away on PostgreSQL), then
    // a while longer, so a loop running twice would have parked a second time too.
    const settle = async (parks: number) => {
      for (const give = Date.now() + 5_000; waits.length < parks && Date.now() < give; ) {
        await new Promise<void>((resolve) => setTimeout(resolve, 1));
      }
      await new Promise<void>((resolve) => setTimeout(resolve, 100));
    };
    const platforms = new Map([['shell' as const, new TestPlatform().as('shell')]]);
    const drainer = new OutboxDrainer({
      storage,
      platforms,
      clock: { now: () => now },
      log: silentLogger,
      rates: {},
      wait,
    });
    await drainer.start();
    await settle(1);
    // One loop per lane, parked once.
    expect(waits).toHaveLength(1);
    // The wait runs out before the item is due: the loop looks again and parks again; then it must stop.
    waits[0]!();
    await settle(2);
    expect(waits).toHaveLength(2);
    await drainer.stop();
    expect((await repos.outbox.counts()).pending).toBe(1);
  });
});
