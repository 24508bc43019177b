/**
 * Secrets: the bot token, app token, signing secret and Discord token never reach a log line, a reply or the
 * database, even when things go wrong: a handler crashes on an error that carries the token (nested in an SDK-style
 * error and quoted in its message), a scheduled job fails the same way, and sends fail against a platform that
 * answers 500 and echoes the Authorization header back. Also the start-up failure a misconfigured process prints,
 * and the PostgreSQL password in DATABASE_URL when the server cannot be reached. On the PostgreSQL run the app's
 * database is a PostgreSQL database (reached with a password, which must not leak either).
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app/create-app.ts';
import { loadConfig, secretsOf } from '../../src/app/config.ts';
import { createLogger } from '../../src/app/logger.ts';
import type { BoundFeature } from '#core/command.ts';
import type { CommunityId } from '#core/ids.ts';
import type { Tx } from '#core/ports/storage.ts';
import { freshPostgresUrl, openTestStorage, TEST_DIALECT } from '../support/databases.ts';
import { inspect } from './support/db.ts';

const SECRETS = {
  SLACK_BOT_TOKEN: 'xoxb-SECRET-1111-2222-bottoken',
  SLACK_SIGNING_SECRET: 'SECRET-signing-0f9e8d7c6b5a',
  DISCORD_TOKEN: 'SECRETdiscordTOKENabcdefgh.Gq1w2e.SECRETsignaturePARTabcdefghijk',
};
const ALL_SECRETS: string[] = Object.values(SECRETS);
const ROOT = join(import.meta.dirname, '..', '..');
/** How `npm run dev` starts the app (tsx, with the core's sources). */
const MAIN = ['--conditions=hallway-source', '--import', 'tsx', 'src/app/main.ts'];

/** The database the app under test uses: a fresh PostgreSQL database (with its password) or a SQLite file. */
async function databaseEnv(file: string): Promise<Record<string, string>> {
  if (TEST_DIALECT !== 'postgres') return { DATABASE_PATH: join(dir, file) };
  const url = await freshPostgresUrl();
  const password = decodeURIComponent(new URL(url).password);
  if (password && !ALL_SECRETS.includes(password)) ALL_SECRETS.push(password);
  return { DATABASE_URL: url };
}

/** A platform that fails every call with a 500 and echoes the credentials it was sent. */
let server: Server;
let requests = 0;
let apiBase = '';
let dir = '';

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'hallway-secrets-'));
  server = createServer((req, res) => {
    requests++;
    req.resume();
    res.writeHead(500, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        ok: false,
        error: 'internal_error',
        message: 'upstream failed',
        code: 0,
        seen: req.headers.authorization,
      }),
    );
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  apiBase = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.close();
  rmSync(dir, { recursive: true, force: true });
});

function capture(): { stream: Writable; text: () => string } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { stream, text: () => lines.join('') };
}

function leaked(text: string): string[] {
  return ALL_SECRETS.filter((s) => text.includes(s));
}

describe('the logger', () => {
  it('redacts secrets however they are nested or quoted', async () => {
    const out = capture();
    const config = loadConfig({ ...SECRETS, DISCORD_APPLICATION_ID: '123456789012345678' });
    const log = createLogger('trace', out.stream, secretsOf(config));
    const sdkError = Object.assign(new Error(`request with ${SECRETS.SLACK_BOT_TOKEN} failed`), {
      config: { headers: { Authorization: `Bearer ${SECRETS.DISCORD_TOKEN}` } },
    });
    log.info({ config }, 'the whole configuration');
    log.error({ err: sdkError }, 'an SDK error with its request');
    log.child({ component: 'x' }).warn({ headers: { authorization: `Bot ${SECRETS.DISCORD_TOKEN}` } }, 'headers');
    log.warn({}, `signing secret is ${SECRETS.SLACK_SIGNING_SECRET}`);
    // Token shapes are scrubbed even when the value was not configured (a token from somewhere else).
    log.warn({ url: 'https://x/?t=xoxp-9999-unconfigured-token' }, 'another token');
    expect(out.text().split('\n').filter(Boolean)).toHaveLength(5);
    expect(leaked(out.text())).toEqual([]);
    expect(out.text()).not.toContain('xoxp-9999');
    expect(out.text()).toContain('[redacted]');
  });
});

describe('the app, configured with real-looking secrets, through crashes and failed sends', () => {
  it('never writes a secret to a log line, a reply or the database', async () => {
    const out = capture();
    const database = await databaseEnv('app.db');
    const config = loadConfig({
      ...SECRETS,
      DISCORD_APPLICATION_ID: '123456789012345678',
      SLACK_API_URL: `${apiBase}/api/`,
      DISCORD_API_URL: `${apiBase}/api`,
      ...database,
      LOG_LEVEL: 'trace',
    });
    const log = createLogger('trace', out.stream, secretsOf(config));
    const app = await createApp(config, log, { input: new PassThrough(), output: new PassThrough(), color: false });
    const replies: unknown[] = [];
    const actor = (community: CommunityId, userId: string) => ({
      community,
      userId,
      displayName: userId,
      isPlatformAdmin: true,
    });
    try {
      for (const [community, userId] of [
        ['slack:T0SECRET', 'U0MEMBER'],
        ['discord:100000000000000009', '100000000000000123'],
      ] as const) {
        // A join queues a welcome DM: its send fails against the 500 server.
        replies.push(await app.core.dispatch({ kind: 'member_joined', actor: actor(community, userId) }));
        replies.push(
          await app.core.dispatch({
            kind: 'command',
            actor: actor(community, userId),
            command: 'hallway',
            input: { kind: 'text', text: 'stats' },
          }),
        );
      }
      // A handler and a job crash on an error that carries the tokens.
      const sdkError = Object.assign(new Error(`auth ${SECRETS.SLACK_BOT_TOKEN} refused`), {
        config: { headers: { Authorization: `Bearer ${SECRETS.SLACK_BOT_TOKEN}`, 'X-Discord': SECRETS.DISCORD_TOKEN } },
        signingSecret: SECRETS.SLACK_SIGNING_SECRET,
      });
      // The meetups store, as the app opens it on each transaction, now fails that way on `listUpcoming`.
      const meetups = app.features.find((f) => f.name === 'meetups') as BoundFeature<Record<string, unknown>>;
      const openStore = meetups.openStore.bind(meetups);
      (meetups as { openStore: (tx: Tx) => Record<string, unknown> }).openStore = (tx) => ({
        ...openStore(tx),
        listUpcoming: async () => {
          throw sdkError;
        },
      });
      const crashed = await app.core.dispatch({
        kind: 'command',
        actor: actor('slack:T0SECRET', 'U0MEMBER'),
        command: 'meetup',
        input: { kind: 'text', text: 'list' },
      });
      replies.push(crashed);
      expect(crashed?.text).toMatch(/something went wrong/);
      await app.core.dispatch({
        kind: 'command',
        actor: actor('slack:T0SECRET', 'U0MEMBER'),
        command: 'hallway',
        input: { kind: 'text', text: 'run digest' },
      });
      await app.drainer.drainOnce();
    } finally {
      await app.stop();
    }
    const logs = out.text();
    // The errors did happen and were logged …
    expect(logs).toContain('dispatch failed');
    expect(logs).toContain('outbox send failed');
    expect(requests).toBeGreaterThanOrEqual(2);
    // … without a single secret.
    expect(leaked(logs)).toEqual([]);
    expect(leaked(JSON.stringify(replies))).toEqual([]);
    const storage = await openTestStorage({ url: config.databaseUrl, path: config.databasePath });
    const db = inspect(storage);
    for (const secret of ALL_SECRETS) expect(await db.findEverywhere(secret)).toEqual([]);
    // The check can see the database: the members the test made are there.
    expect(await db.findEverywhere('U0MEMBER')).not.toEqual([]);
  });
});

describe('a process that cannot start', () => {
  async function run(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
    const child = spawn(process.execPath, MAIN, {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'trace', HALLWAY_WEB_PORT: '0', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const [code] = (await once(child, 'exit')) as [number | null];
    return { code, output };
  }

  it('explains the failure without printing a token', { timeout: 60_000 }, async () => {
    // Slack starts first and its auth.test gets a 500: the process explains and exits before Discord is tried.
    const { code, output } = await run({
      ...SECRETS,
      SLACK_API_URL: `${apiBase}/api/`,
      DISCORD_APPLICATION_ID: '123456789012345678',
      DISCORD_API_URL: `${apiBase}/api`,
      ...(await databaseEnv('start.db')),
    });
    expect(code).toBe(1);
    expect(output).toMatch(/Hallway cannot start: Slack: cannot reach the Web API/);
    expect(leaked(output)).toEqual([]);
  });

  describe('with DATABASE_URL naming a PostgreSQL server that does not answer', () => {
    /** A password with characters a URL must escape: neither its written nor its decoded form may show. */
    const PASSWORD = 'SECRET-pg/pass@word';
    const forms = [PASSWORD, encodeURIComponent(PASSWORD)];
    let url = '';

    beforeAll(async () => {
      // A port nothing listens on: bound, then released.
      const closed = createServer();
      closed.listen(0, '127.0.0.1');
      await once(closed, 'listening');
      const { port } = closed.address() as AddressInfo;
      closed.close();
      await once(closed, 'close');
      url = `postgres://hallway:${encodeURIComponent(PASSWORD)}@127.0.0.1:${port}/hallway`;
    });

    it('fails to start with one line naming the server, the password redacted, in the error and the logs', async () => {
      const out = capture();
      const config = loadConfig({ DATABASE_URL: url, LOG_LEVEL: 'trace' });
      expect(secretsOf(config)).toContain(PASSWORD);
      const log = createLogger('trace', out.stream, secretsOf(config));
      const error = await createApp(config, log, { input: new PassThrough(), output: new PassThrough(), color: false })
        .then(() => undefined)
        .catch((e: unknown) => e as Error);
      expect(error?.message).toMatch(
        /^cannot reach PostgreSQL at postgres:\/\/hallway:\*\*\*@127\.0\.0\.1:\d+\/hallway: /,
      );
      // What an operator's wrapper would log: the error (with its stack and cause) and the configuration.
      log.error({ err: error, config, url: config.databaseUrl }, 'start-up failed');
      expect(out.text()).toContain('start-up failed');
      for (const form of forms) {
        expect(error?.message).not.toContain(form);
        expect(error?.stack).not.toContain(form);
        expect(out.text()).not.toContain(form);
      }
    });

    it('as `npm run dev` runs it: exits 1 with the reason, never printing the password', {
      timeout: 60_000,
    }, async () => {
      const { code, output } = await run({ DATABASE_URL: url });
      expect(code).toBe(1);
      expect(output).toMatch(
        /Hallway cannot start: cannot reach PostgreSQL at postgres:\/\/hallway:\*\*\*@127\.0\.0\.1:/,
      );
      for (const form of forms) expect(output).not.toContain(form);
    });
  });
});
