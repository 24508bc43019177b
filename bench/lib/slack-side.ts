/**
 * Slack half of the adapters benchmark: Hallway's real Slack adapter (Bolt over HTTP) and a bare Bolt app that
 * answers the same slash command, both against the fake Slack Web API on 127.0.0.1, timed from the signed request
 * to its HTTP acknowledgement and to the answer posted on `response_url`.
 */
import { App, LogLevel } from '@slack/bolt';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { SlackPlatform } from '../../adapters/slack/slack.adapter.ts';
import type { Core } from '#core/dispatch.ts';
import { silentLogger } from '#core/ports/logger.ts';
import type { FakeSlack } from '../../test/support/fake-slack.ts';
import { type SlackTarget, sendCommand } from '../../test/support/slack-requests.ts';

export const SECRET = 'bench-signing-secret';

export interface SlackSide {
  readonly fake: FakeSlack;
  readonly hallway: SlackTarget;
  readonly bare: SlackTarget;
  close(): Promise<void>;
}

export async function startSlack(core: Core, fake: FakeSlack): Promise<SlackSide> {
  const platform = new SlackPlatform({
    botToken: fake.botToken,
    signingSecret: SECRET,
    apiUrl: fake.apiUrl,
    port: 0,
    host: '127.0.0.1',
    log: silentLogger,
    catalog: core.catalog,
  });
  await platform.start(core.dispatch);
  const bare = new App({
    token: fake.botToken,
    signingSecret: SECRET,
    botId: 'BBARE',
    botUserId: fake.botUserId,
    logLevel: LogLevel.ERROR,
    clientOptions: { slackApiUrl: fake.apiUrl },
  });
  bare.command('/profile', async ({ ack, respond }) => {
    await ack();
    await respond({ text: 'Your profile', response_type: 'ephemeral' });
  });
  const server = (await bare.start({ port: 0, host: '127.0.0.1' })) as Server;
  const url = (port: number) => `http://127.0.0.1:${port}/slack/events`;
  return {
    fake,
    hallway: { url: url(platform.port!), signingSecret: SECRET },
    bare: { url: url((server.address() as AddressInfo).port), signingSecret: SECRET },
    close: async () => {
      await platform.stop();
      await bare.stop();
    },
  };
}

/** One `/profile` as a member: milliseconds to the HTTP ack and to the answer on `response_url`. */
export async function slackProfile(side: SlackSide, target: SlackTarget, userId: string): Promise<[number, number]> {
  const responseId = `r-${Math.random().toString(36).slice(2)}`;
  const answered = side.fake.waitForResponse((r) => r.id === responseId);
  const start = performance.now();
  const { status } = await sendCommand(target, {
    command: '/profile',
    text: '',
    user_id: userId,
    team_id: side.fake.teamId,
    response_url: side.fake.responseUrl(responseId),
  });
  const ack = performance.now() - start;
  if (status !== 200) throw new Error(`Slack answered ${status}`);
  await answered;
  return [ack, performance.now() - start];
}
