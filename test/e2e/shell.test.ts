/**
 * `npm start` with no tokens: the real process (run from source, as `npm run dev` does), the shell adapter on a real
 * database of the run's dialect (a SQLite file, or a fresh PostgreSQL database), fed through a pipe.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshPostgresUrl, TEST_DIALECT } from '../support/databases.ts';

const dir = mkdtempSync(join(tmpdir(), 'hallway-shell-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Where every process of this file keeps its data: one database, so a restart finds what the last run stored. */
const database: Record<string, string> = { DATABASE_PATH: join(dir, 'hallway.db') };
beforeAll(async () => {
  if (TEST_DIALECT === 'postgres') database.DATABASE_URL = await freshPostgresUrl();
});

function runShell(
  input: string,
  env: Record<string, string> = {},
): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--conditions=hallway-source', '--import', 'tsx', 'src/app/main.ts'], {
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        // The web dashboard on any free port (test files run side by side).
        HALLWAY_WEB_PORT: '0',
        ...database,
        ...env,
      },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out, err }));
    child.stdin.end(input);
  });
}

describe('the shell adapter as a process', () => {
  it('answers piped commands, runs the demo, and exits cleanly at end of input', async () => {
    const { code, out } = await runShell(
      [
        '/hallway help',
        ':demo',
        '/as emma',
        '/match',
        '/here who',
        '/as mia',
        '/mentor find skill:"video editing"',
        '/hallway config timezone:Europe/Paris',
        '',
      ].join('\n'),
    );
    expect(code).toBe(0);
    expect(out).toContain('Hallway — what I can do');
    expect(out).toContain('The creative loft is open');
    expect(out).toMatch(/DM to @Emma[\s\S]*@Lucas offers photography/);
    // The demo's morning: Emma and Lucas are in; Raj mentors video editing.
    expect(out).toMatch(/@Lucas — Darkroom, for the day[\s\S]*Coffee with Lucas\?/);
    expect(out).toMatch(/@Raj: mentors video editing/);
    expect(out).toContain('Only community managers');
    expect(out.trimEnd().endsWith('Bye!')).toBe(true);
  });

  it('keeps its data in the database across restarts', async () => {
    const { out } = await runShell('/as emma\n/skills\n');
    expect(out).toMatch(/You offer: .*graphic design/);
  });

  it('refuses a bad configuration with one clear line and a non-zero exit', async () => {
    const { code, err } = await runShell('', { SLACK_BOT_TOKEN: 'xoxb-secret-value' });
    expect(code).toBe(1);
    expect(err.trim()).toBe(
      'Hallway cannot start: SLACK_SIGNING_SECRET is required when SLACK_BOT_TOKEN is set (Basic Information → Signing Secret).',
    );
    expect(err).not.toContain('secret-value');
  });
});
