/**
 * Graceful shutdown of the real process, as `npm start` runs it: `node --import tsx src/main.ts` with no tokens
 * (the shell), stdin kept open. After a command has been answered, SIGTERM (or SIGINT, Ctrl-C) makes it stop:
 * exit code 0, the WAL folded back into the database file, and the database opens cleanly with the data written.
 * Plus the regression behind it: the outbox drainer ran its loop twice, and `stop()` waited forever.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../data/db.ts';
import { createRepositories } from '../../data/repositories/index.ts';
import { OutboxDrainer } from '#core/outbox.ts';
import { silentLogger } from '#core/ports/logger.ts';
import { TestPlatform } from '../support/test-platform.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'hallway-shutdown-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function startAndSignal(signal: 'SIGTERM' | 'SIGINT') {
  const database = join(dir, `${signal}.db`);
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', DATABASE_PATH: database },
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
  const printed = async (text: string) =>
    stdout.includes(text) ? await Promise.resolve() : new Promise<void>((resolve) => waiters.push({ text, resolve }));
  const exit = await once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;

  await printed('Host> ');
  child.stdin.write('/skills offer photography\n');
  await printed('Added to what you offer');
  await printed('Host> /skills offer photography');
  child.kill(signal);
  const [code, killedBy] = await exit;
  return { database, code, killedBy, stdout, stderr };
}

describe('npm start, stopped by a signal', () => {
  it('exits 0 with the database checkpointed and closed, on SIGTERM and on SIGINT', { timeout: 60_000 }, async () => {
    for (const run of await Promise.all([startAndSignal('SIGTERM'), startAndSignal('SIGINT')])) {
      expect({ code: run.code, signal: run.killedBy, stderr: run.stderr }).toEqual({
        code: 0,
        signal: null,
        stderr: '',
      });
      const wal = `${run.database}-wal`;
      expect(existsSync(wal) ? statSync(wal).size : 0).toBe(0);
      const db = new BetterSqlite3(run.database, { readonly: true });
      try {
        expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
        const skills = db.prepare(`SELECT skill FROM member_skills WHERE community = 'shell:loft'`).pluck().all();
        expect(skills).toEqual(['photography']);
      } finally {
        db.close();
      }
    }
  });
});

describe('the outbox drainer', () => {
  it('stops after its loop has parked and woken (it used to run the loop twice, and stop waited forever)', async () => {
    const now = new Date('2026-11-16T09:00:00Z');
    const repos = createRepositories(openDatabase(':memory:'));
    // One item due later, so the loop parks on a timed wait that the test controls.
    repos.outbox.enqueue({
      community: 'shell:x',
      key: 'later',
      target: { kind: 'dm', userIds: ['u'] },
      reply: { text: 'x' },
      notBefore: new Date(now.getTime() + 60_000),
      now,
    });
    const waits: (() => void)[] = [];
    const wait = (_ms: number) => new Promise<void>((resolve) => waits.push(resolve));
    // One turn of the event loop: every loop that was going to park has parked (no timer involved).
    const settle = () => new Promise<void>((resolve) => setImmediate(resolve));
    const platforms = new Map([['shell' as const, new TestPlatform().as('shell')]]);
    const drainer = new OutboxDrainer({
      repos,
      platforms,
      clock: { now: () => now },
      log: silentLogger,
      rates: {},
      wait,
    });
    await drainer.start();
    await settle();
    // One loop per lane, parked once.
    expect(waits).toHaveLength(1);
    // The wait runs out before the item is due: the loop looks again and parks again; then it must stop.
    waits[0]!();
    await settle();
    expect(waits).toHaveLength(2);
    await drainer.stop();
    expect(repos.outbox.counts().pending).toBe(1);
  });
});
