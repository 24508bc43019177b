/**
 * The web server runs in every mode, the shell included: `npm start` with no tokens, `/hallway dashboard` typed in
 * the shell prints the sign-in link (the shell shows DMs), and the same process's web server opens the dashboard
 * from it, on a real database of the run's dialect.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { freshPostgresUrl, TEST_DIALECT } from '../support/databases.ts';
import { signInOverHttp } from '../support/signin-http.ts';

const dir = mkdtempSync(join(tmpdir(), 'hallway-shell-web-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('serves the dashboard from the shell process, opened with a link /hallway dashboard prints', async () => {
  const database: Record<string, string> = { DATABASE_PATH: join(dir, 'hallway.db') };
  if (TEST_DIALECT === 'postgres') database.DATABASE_URL = await freshPostgresUrl();
  const child = spawn(process.execPath, ['--conditions=hallway-source', '--import', 'tsx', 'src/app/main.ts'], {
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      HALLWAY_WEB_PORT: '0',
      LOG_LEVEL: 'info',
      ...database,
    },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let output = '';
  const waiters: { pattern: RegExp; resolve: (m: RegExpExecArray) => void }[] = [];
  const seen = (chunk: Buffer) => {
    output += chunk;
    for (const w of [...waiters]) {
      const m = w.pattern.exec(output);
      if (m) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(m);
      }
    }
  };
  child.stdout.on('data', seen);
  child.stderr.on('data', seen);
  const closed = new Promise<number | null>((resolve) => child.on('close', resolve));
  /** The first match of `pattern` in what the process printed, now or once it prints it. */
  const printed = (pattern: RegExp) =>
    new Promise<RegExpExecArray>((resolve) => {
      const m = pattern.exec(output);
      if (m) resolve(m);
      else waiters.push({ pattern, resolve });
    });
  try {
    // The port comes from the start-up log line (HALLWAY_WEB_PORT=0: any free port).
    const port = (await printed(/"port":(\d+)[^\n]*"web dashboard listening"/))[1];
    child.stdin.write('/hallway dashboard\n');
    const token = (await printed(/\/signin\/([\w-]{43})/))[1]!;
    expect(await signInOverHttp(`http://127.0.0.1:${port}`, token)).toContain('<h1>Pulse</h1>');
  } finally {
    child.stdin.end();
  }
  expect(await closed).toBe(0);
}, 60_000);
