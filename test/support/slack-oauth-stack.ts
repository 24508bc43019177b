/**
 * Hallway as a distributed Slack app (OAuth mode) against the fake Slack: `createApp` with SLACK_CLIENT_ID /
 * SLACK_CLIENT_SECRET / SLACK_STATE_SECRET, a fresh database of the run's dialect, and helpers that act as the
 * browser of a manager installing the app (keeping Bolt's state cookie, skipping Slack's authorize page) and as
 * Slack sending each workspace's signed requests.
 */
import { randomUUID } from 'node:crypto';
import { PassThrough, Readable } from 'node:stream';
import type { SlackPlatform } from '../../adapters/slack/slack.adapter.ts';
import { loadConfig } from '../../src/app/config.ts';
import { type App, createApp } from '../../src/app/create-app.ts';
import { openTestStorage } from './databases.ts';
import { FakeClock } from './fake-clock.ts';
import { FakeSlack } from './fake-slack.ts';
import { type LifecycleRecord, recordLifecycle } from './lifecycle-recorder.ts';
import { Recorder } from './recorder.ts';
import { ErrorLog } from './slack-stack-support.ts';
import { type Handled, observeDispatch } from './slack-stack.ts';
import { eventEnvelope, sendCommand, sendEvent, type SlackTarget } from './slack-requests.ts';
import { type TestRepos, testRepos } from './test-bot.ts';

const SECRET = 'hallway-oauth-signing-secret';
/** 32 bytes, base64: what `openssl rand -base64 32` prints. */
export const TEST_KEY = Buffer.alloc(32, 7).toString('base64');

export class SlackOAuthStack {
  readonly repos: TestRepos;
  /** Every community the app was told it joined or left, in order. */
  readonly lifecycle: LifecycleRecord;

  private constructor(
    readonly fake: FakeSlack,
    readonly app: App,
    readonly clock: FakeClock,
    readonly errors: ErrorLog,
    readonly target: SlackTarget,
    readonly handled: Recorder<Handled>,
  ) {
    this.repos = testRepos(app.storage);
    this.lifecycle = recordLifecycle(app);
  }

  static async start(env: Record<string, string> = {}): Promise<SlackOAuthStack> {
    const fake = await FakeSlack.start();
    const loaded = loadConfig({
      SLACK_CLIENT_ID: fake.clientId,
      SLACK_CLIENT_SECRET: fake.clientSecret,
      SLACK_STATE_SECRET: 'hallway-oauth-state-secret',
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: fake.apiUrl,
      HALLWAY_ENCRYPTION_KEY: TEST_KEY,
      DATABASE_PATH: ':memory:',
      HALLWAY_SEND_RATE_SLACK: '1000000',
      ...env,
    });
    const config = { ...loaded, slack: { ...loaded.slack!, port: 0, host: '127.0.0.1' } };
    const clock = new FakeClock('2026-11-16T08:00:00Z');
    const errors = new ErrorLog();
    const io = { input: Readable.from([]), output: new PassThrough(), color: false };
    const app = await createApp(config, errors, io, { clock, scheduler: false, storage: await openTestStorage() });
    const handled = new Recorder<Handled>();
    observeDispatch(app, handled);
    await app.start();
    const port = (app.platforms.get('slack') as SlackPlatform).port;
    const target = { url: `http://127.0.0.1:${port}/slack/events`, signingSecret: SECRET };
    return new SlackOAuthStack(fake, app, clock, errors, target, handled);
  }

  get baseUrl(): string {
    return this.target.url.replace('/slack/events', '');
  }

  /**
   * A manager of `teamId` installs the app: opens /slack/install (the "Add to Slack" page sets the state cookie),
   * approves on Slack (the fake issues a code), and the browser follows the redirect back with code, state and
   * cookie. Resolves with the redirect's answer.
   */
  async install(teamId: string, options: { cookie?: boolean } = {}): Promise<{ status: number; text: string }> {
    const page = await fetch(`${this.baseUrl}/slack/install`);
    const html = await page.text();
    const cookie = page.headers.get('set-cookie')?.split(';')[0] ?? '';
    const href = /href="([^"]+oauth[^"]+)"/.exec(html)?.[1]?.replace(/&amp;/g, '&');
    if (!href) throw new Error(`no Add to Slack link on the install page: ${html}`);
    const state = new URL(href).searchParams.get('state') ?? '';
    const code = this.fake.authorizeCode(teamId);
    const redirect = `${this.baseUrl}/slack/oauth_redirect?code=${encodeURIComponent(code)}&state=${encodeURIComponent(state)}`;
    const answer = await fetch(redirect, { headers: options.cookie === false ? {} : { cookie }, redirect: 'manual' });
    return { status: answer.status, text: await answer.text() };
  }

  /** `/command text` typed by `userId` in workspace `teamId`; resolves with the core's answer once settled. */
  async command(teamId: string, userId: string, line: string): Promise<Handled> {
    const [command = '', ...rest] = line.split(' ');
    const from = this.handled.length;
    const fields = {
      command,
      text: rest.join(' '),
      user_id: userId,
      team_id: teamId,
      response_url: this.fake.responseUrl(),
      trigger_id: `trigger-${randomUUID()}`,
    };
    const res = await sendCommand(this.target, fields);
    if (res.status !== 200) throw new Error(`Slack app answered ${res.status}: ${res.text}`);
    const handled = await this.handled.waitFor(
      ({ event: e }) => e.kind === 'command' && e.actor.community === `slack:${teamId}` && e.actor.userId === userId,
      from,
      `core answer to ${line} in ${teamId}`,
    );
    await this.app.drainer.idle();
    return handled;
  }

  /** Slack tells the app it was uninstalled from `teamId` (after revoking its tokens); resolves once handled. */
  async uninstall(teamId: string): Promise<void> {
    this.fake.revoke(teamId);
    const from = this.lifecycle.left.length;
    const envelope = eventEnvelope(teamId, { type: 'app_uninstalled', event_ts: '1700000000.000100' });
    const res = await sendEvent(this.target, envelope);
    if (res.status !== 200) throw new Error(`Slack app answered ${res.status}: ${res.text}`);
    await this.lifecycle.left.waitFor((c) => c === `slack:${teamId}`, from, `uninstall of ${teamId}`);
  }

  async stop(): Promise<void> {
    await this.app.stop();
    await this.fake.close();
  }
}
