/**
 * A platform that echoes the token in its error (Slack's `invalid_auth` can carry the Authorization header): the
 * text is scrubbed on every path that prints or stores an error — the start-up line on stderr, and the outbox's
 * stored last error — not only in the logger.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeSlack } from '../support/fake-slack.ts';
import { SlackStack } from '../support/slack-stack.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const MAIN = ['--conditions=hallway-source', '--import', 'tsx', 'src/app/main.ts'];

describe('a token echoed in a platform error', () => {
  let stack: SlackStack;
  beforeAll(async () => {
    stack = await SlackStack.start({
      users: [
        { id: 'U0ANA', name: 'ana', is_admin: true },
        { id: 'U0BEN', name: 'ben' },
      ],
    });
  });
  afterAll(() => stack.stop());

  it('is not stored on the outbox item that failed', async () => {
    const echoed = `invalid_auth:Bearer ${stack.fake.botToken}`;
    stack.fake.failNext('chat.postMessage', { error: echoed });
    await stack.command('U0BEN', '/skills offer layout design');
    await stack.command('U0BEN', '/skills need photography');
    await stack.command('U0ANA', '/skills offer photography');
    await stack.command('U0ANA', '/skills need layout design');
    await stack.command('U0ANA', '/match');
    await stack.settle();
    const items = await stack.repos.outbox.list(stack.community, 50);
    const failed = items.filter((i) => i.lastError?.includes('invalid_auth'));
    expect(failed.length).toBeGreaterThan(0);
    for (const item of items) expect(item.lastError ?? '').not.toContain(stack.fake.botToken);
  });

  it('is not printed when start-up fails', { timeout: 60_000 }, async () => {
    const fake = await FakeSlack.start();
    fake.failNext('auth.test', { error: `invalid_auth:Bearer ${fake.botToken}` });
    try {
      const child = spawn(process.execPath, MAIN, {
        cwd: ROOT,
        env: {
          PATH: process.env.PATH ?? '',
          SLACK_BOT_TOKEN: fake.botToken,
          SLACK_SIGNING_SECRET: 'signing-secret-for-tests',
          SLACK_API_URL: fake.apiUrl,
          DATABASE_PATH: ':memory:',
          PORT: '1',
        },
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      let output = '';
      child.stdout.on('data', (d) => (output += d));
      child.stderr.on('data', (d) => (output += d));
      const [code] = (await once(child, 'exit')) as [number | null];
      expect(code).toBe(1);
      expect(output).toMatch(/Hallway cannot start/);
      expect(output).not.toContain(fake.botToken);
    } finally {
      await fake.close();
    }
  });
});
