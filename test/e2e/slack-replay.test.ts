/**
 * Replays through the real Bolt app: the same signed request sent twice inside Slack's five-minute window has one
 * effect (a slash command, a button, a modal submission), and a request stamped far in the future is refused.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandBody, sendCommand, sendSigned, viewSubmission } from '../support/slack-requests.ts';
import { SlackStack } from '../support/slack-stack.ts';

const HOST = 'U0HOST';
const EMMA = 'U0EMMA';
let stack: SlackStack;

beforeAll(async () => {
  stack = await SlackStack.start({
    users: [
      { id: HOST, name: 'host', is_admin: true },
      { id: EMMA, name: 'emma' },
    ],
  });
  await stack.command(HOST, '/hallway config meetup-channel:C0EVENTS');
});
afterAll(() => stack.stop());

const fields = (text: string) => ({
  command: '/meetup',
  text,
  user_id: EMMA,
  team_id: stack.fake.teamId,
  channel_id: 'C0GENERAL',
  response_url: stack.fake.responseUrl(randomUUID()),
  trigger_id: `trigger-${randomUUID()}`,
});

const meetupCount = async () => (await stack.repos.meetups.listUpcoming(stack.community, stack.clock.now(), 50)).length;

describe('a replayed signed request', () => {
  it('creates one meetup and one card when the same /meetup create arrives twice', async () => {
    const before = await meetupCount();
    const cards = stack.fake.calls.all.filter((c) => c.method === 'chat.postMessage' && c.args.channel === 'C0EVENTS');
    const body = commandBody(fields('create title:"Replay night" when:"in 2 days 19:00"'));
    const timestamp = Math.floor(Date.now() / 1000);
    const first = await sendSigned(stack.target, body, 'application/x-www-form-urlencoded', { timestamp });
    const again = await sendSigned(stack.target, body, 'application/x-www-form-urlencoded', { timestamp });
    expect([first.status, again.status]).toEqual([200, 200]);
    await stack.handled.waitFor(({ event }) => event.kind === 'command' && event.command === 'meetup');
    await stack.settle();
    expect(await meetupCount()).toBe(before + 1);
    const after = stack.fake.calls.all.filter((c) => c.method === 'chat.postMessage' && c.args.channel === 'C0EVENTS');
    expect(after.length).toBe(cards.length + 1);
  });

  it('submits a replayed modal once', async () => {
    const before = await meetupCount();
    const payload = viewSubmission({
      teamId: stack.fake.teamId,
      userId: EMMA,
      callbackId: 'meetup.create',
      values: { title: 'Form night', when: 'in 3 days 18:00' },
    });
    const body = `payload=${encodeURIComponent(JSON.stringify(payload))}`;
    const timestamp = Math.floor(Date.now() / 1000);
    await sendSigned(stack.target, body, 'application/x-www-form-urlencoded', { timestamp });
    await sendSigned(stack.target, body, 'application/x-www-form-urlencoded', { timestamp });
    await stack.settle();
    expect(await meetupCount()).toBe(before + 1);
  });

  it('refuses a request stamped a year in the future with 401, and does nothing', async () => {
    const before = await meetupCount();
    const handled = stack.handled.length;
    const future = Math.floor(Date.now() / 1000) + 365 * 86_400;
    const res = await sendCommand(stack.target, fields('create title:"Time travel" when:"in 2 days 20:00"'), {
      timestamp: future,
    });
    expect(res.status).toBe(401);
    // A valid request afterwards is a barrier: once it is handled, the refused one would have been too.
    await stack.command(EMMA, '/meetup list');
    expect(stack.handled.all.slice(handled).map(({ event }) => event.kind === 'command' && event.input)).toHaveLength(
      1,
    );
    expect(await meetupCount()).toBe(before);
  });
});
