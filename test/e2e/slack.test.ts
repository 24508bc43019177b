/**
 * The Slack adapter end to end: the real Bolt app (HTTP receiver on 127.0.0.1, then Socket Mode) against the fake
 * Slack Web API, with signed requests. `dispatch` is a small double here (the adapter is under test, not the core):
 * it records every InboundEvent and answers with fixed replies.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SlackPlatform } from '../../adapters/slack/slack.adapter.ts';
import type { CommandCatalog } from '#core/catalog.ts';
import type { InboundEvent } from '#core/inbound.ts';
import { DeliveryError } from '#core/ports/chat-platform.ts';
import { silentLogger } from '#core/ports/logger.ts';
import type { Reply } from '#core/reply.ts';
import { fmt } from '#core/text.ts';
import { FakeSlack } from '../support/fake-slack.ts';
import { Recorder } from '../support/recorder.ts';
import {
  buttonClick,
  eventEnvelope,
  type SlackTarget,
  sendCommand,
  sendEvent,
  sendInteraction,
  viewSubmission,
} from '../support/slack-requests.ts';

const SECRET = 'test-signing-secret';
const COMMANDS = ['intro', 'profile', 'skills', 'match', 'meetup', 'feedback', 'hallway'];
const catalog: CommandCatalog = COMMANDS.map((name) => ({ name, description: `/${name}`, subcommands: [] }));

/** What the core double answers: echoes commands, opens a form for /intro, welcomes joiners. */
function answer(event: InboundEvent): Reply | undefined {
  switch (event.kind) {
    case 'command':
      if (event.command === 'intro') {
        return {
          text: 'Tell us about you',
          form: {
            formId: 'intro.edit',
            title: 'Introduce yourself',
            submitLabel: 'Save',
            meta: 'm1',
            fields: [{ id: 'bio', label: 'About you', kind: 'long', required: true }],
          },
        };
      }
      if (event.input.kind !== 'text') return undefined;
      return {
        text: `${fmt.user(event.actor.userId)} ran /${event.command}: ${event.input.text}`,
        visibility: event.input.text.startsWith('announce') ? 'channel' : 'ephemeral',
      };
    case 'form_submit':
      return { text: `Saved: ${event.values.bio}` };
    case 'action':
      if (event.action === 'feedback.note') {
        const fields = [{ id: 'note', label: 'Note', kind: 'long' as const, required: true }];
        return { text: 'Add a note', form: { formId: 'feedback.note', title: 'Note', submitLabel: 'Send', fields } };
      }
      return { text: `You chose ${event.value}`, replaceOriginal: true };
    case 'member_joined':
      return { text: `Welcome, ${fmt.user(event.actor.userId)}!` };
    case 'home_opened':
      return { text: `Hi ${event.actor.displayName}`, buttons: [{ label: 'Edit', action: 'profile.edit', value: '' }] };
    default:
      return undefined;
  }
}

let fake: FakeSlack;
let platform: SlackPlatform;
let target: SlackTarget;
const dispatched = new Recorder<InboundEvent>();
const dispatch = async (event: InboundEvent) => {
  dispatched.push(event);
  return answer(event);
};

beforeAll(async () => {
  fake = await FakeSlack.start();
  fake.addUser({ id: 'U0LUCAS', name: 'lucas', tz: 'Europe/Paris', profile: { display_name: 'Lucas' } });
  fake.addUser({ id: 'U0ANA', name: 'ana', is_admin: true, profile: { display_name: 'Ana' } });
  fake.addUser({ id: 'U0NEWBIE', name: 'mira', profile: { display_name: 'Mira' } });
  platform = new SlackPlatform({
    botToken: fake.botToken,
    signingSecret: SECRET,
    apiUrl: fake.apiUrl,
    port: 0,
    host: '127.0.0.1',
    log: silentLogger,
    catalog,
    retries: 0,
  });
  await platform.start(dispatch);
  target = { url: `http://127.0.0.1:${platform.port}/slack/events`, signingSecret: SECRET };
});

afterAll(async () => {
  await platform?.stop();
  await fake?.close();
});

const community = () => `slack:${fake.teamId}` as const;
const command = (fields: { command: string; text?: string; user_id?: string; trigger_id?: string }, id: string) => ({
  team_id: fake.teamId,
  user_id: 'U0LUCAS',
  response_url: fake.responseUrl(id),
  ...fields,
});

describe('Slack over HTTP', () => {
  it('acks a slash command, dispatches it with the member facts and answers through respond()', async () => {
    const res = await sendCommand(target, command({ command: '/skills', text: 'offer <@U0ANA|ana> & <!here>' }, 'c1'));
    expect(res).toEqual({ status: 200, text: '' });
    const event = await dispatched.waitFor((e) => e.kind === 'command' && e.command === 'skills');
    expect(event).toMatchObject({
      input: { kind: 'text', text: 'offer <@U0ANA> & @here' },
      actor: {
        community: community(),
        userId: 'U0LUCAS',
        displayName: 'Lucas',
        isPlatformAdmin: false,
        timezone: 'Europe/Paris',
      },
      channelId: 'C0GENERAL',
    });
    const responded = await fake.waitForResponse((r) => r.id === 'c1');
    expect(responded.status).toBe(200);
    expect(responded.body).toMatchObject({
      response_type: 'ephemeral',
      replace_original: false,
      text: '<@U0LUCAS> ran /skills: offer &lt;@U0ANA&gt; &amp; @here',
    });
  });

  it('takes admin rights from users.info and answers in the channel when the reply says so', async () => {
    await sendCommand(target, command({ command: '/hallway', text: 'announce', user_id: 'U0ANA' }, 'c2'));
    const event = await dispatched.waitFor((e) => e.kind === 'command' && e.command === 'hallway');
    expect(event.actor).toMatchObject({ userId: 'U0ANA', isPlatformAdmin: true });
    expect((await fake.waitForResponse((r) => r.id === 'c2')).body.response_type).toBe('in_channel');
  });

  it('opens a form as a modal with the trigger_id and shows the outcome in it on submit', async () => {
    await sendCommand(target, command({ command: '/intro', trigger_id: 'trigger-intro-1' }, 'c3'));
    const opened = await fake.waitFor('views.open', (c) => c.args.trigger_id === 'trigger-intro-1');
    expect(opened.answer.ok).toBe(true);
    expect(opened.args.view).toMatchObject({ type: 'modal', callback_id: 'intro.edit', private_metadata: 'm1' });
    const submission = viewSubmission({
      teamId: fake.teamId,
      userId: 'U0LUCAS',
      callbackId: 'intro.edit',
      privateMetadata: 'm1',
      values: { bio: 'I print <!channel> zines' },
    });
    const res = await sendInteraction(target, submission);
    expect(res.status).toBe(200);
    const ack = JSON.parse(res.text);
    expect(ack.response_action).toBe('update');
    expect(JSON.stringify(ack.view.blocks)).toContain('Saved: I print &lt;!channel&gt; zines');
    const submitted = await dispatched.waitFor((e) => e.kind === 'form_submit');
    expect(submitted).toMatchObject({ formId: 'intro.edit', meta: 'm1', values: { bio: 'I print <!channel> zines' } });
  });

  it('dispatches a button click and replaces the clicked message', async () => {
    const click = buttonClick({
      teamId: fake.teamId,
      userId: 'U0LUCAS',
      actionId: 'meetup.rsvp:0',
      value: 'm_42:yes',
      responseUrl: fake.responseUrl('click-1'),
      messageTs: '1700000000.000900',
      channelId: 'C0GENERAL',
    });
    expect((await sendInteraction(target, click)).status).toBe(200);
    const event = await dispatched.waitFor((e) => e.kind === 'action');
    expect(event).toMatchObject({ action: 'meetup.rsvp', value: 'm_42:yes', messageId: '1700000000.000900' });
    const responded = await fake.waitForResponse((r) => r.id === 'click-1');
    expect(responded.body).toMatchObject({ replace_original: true, text: 'You chose m_42:yes' });
  });

  it('answers a Home tab click by DM and redraws the Home tab', async () => {
    const calls = fake.calls.length;
    const click = buttonClick({
      teamId: fake.teamId,
      userId: 'U0LUCAS',
      actionId: 'profile.star:0',
      value: 'gold',
      surface: 'home',
    });
    expect((await sendInteraction(target, click)).status).toBe(200);
    const dm = await fake.waitFor('chat.postMessage', (c) => c.args.channel === 'U0LUCAS', calls);
    expect(dm.args.text).toBe('You chose gold');
    const home = await fake.waitFor('views.publish', (c) => c.args.user_id === 'U0LUCAS', calls);
    expect(JSON.stringify(home.args.view)).toContain('Hi Lucas');
  });

  it('opens a form from a button: views.open with its trigger_id, views.push when clicked inside a modal', async () => {
    const onMessage = buttonClick({
      teamId: fake.teamId,
      userId: 'U0LUCAS',
      actionId: 'feedback.note:0',
      value: '7',
      responseUrl: fake.responseUrl('note-1'),
      messageTs: '1700000000.000950',
      channelId: 'D0LUCAS',
    });
    await sendInteraction(target, onMessage);
    const opened = await fake.waitFor('views.open', (c) => c.args.trigger_id === onMessage.trigger_id);
    expect(opened.args.view).toMatchObject({ callback_id: 'feedback.note' });
    const inModal = buttonClick({
      teamId: fake.teamId,
      userId: 'U0LUCAS',
      actionId: 'feedback.note:0',
      value: '7',
      surface: 'modal',
    });
    await sendInteraction(target, inModal);
    const pushed = await fake.waitFor('views.push', (c) => c.args.trigger_id === inModal.trigger_id);
    expect(pushed.answer.ok).toBe(true);
  });

  it('turns team_join into member_joined and DMs the answer', async () => {
    const user = { id: 'U0NEWBIE', name: 'mira', tz: 'Europe/Berlin', profile: { display_name: 'Mira' } };
    const res = await sendEvent(target, eventEnvelope(fake.teamId, { type: 'team_join', user }, 'EvJOIN1'));
    expect(res.status).toBe(200);
    const joined = await dispatched.waitFor((e) => e.kind === 'member_joined' && e.eventId === 'EvJOIN1');
    expect(joined.actor).toMatchObject({ userId: 'U0NEWBIE', displayName: 'Mira', timezone: 'Europe/Berlin' });
    const dm = await fake.waitFor('chat.postMessage', (c) => c.args.channel === 'U0NEWBIE');
    expect(dm.args.text).toBe('Welcome, <@U0NEWBIE>!');
  });

  it('publishes the App Home when it is opened', async () => {
    const opened = { type: 'app_home_opened', user: 'U0LUCAS', channel: 'D0LUCAS', tab: 'home' };
    await sendEvent(target, eventEnvelope(fake.teamId, opened, 'EvHOME1'));
    const published = await fake.waitFor('views.publish', (c) => c.args.user_id === 'U0LUCAS');
    expect(published.answer.ok).toBe(true);
    expect(JSON.stringify(published.args.view)).toContain('Hi Lucas');
  });

  it('rejects a bad signature and a stale timestamp with 401 and dispatches nothing', async () => {
    const before = dispatched.length;
    const forged = await sendCommand(target, command({ command: '/skills', text: 'forged' }, 'bad1'), {
      signWith: 'not-the-secret',
    });
    const stale = await sendCommand(target, command({ command: '/skills', text: 'stale' }, 'bad2'), {
      timestamp: Math.floor(Date.now() / 1000) - 6 * 60,
    });
    expect([forged.status, stale.status]).toEqual([401, 401]);
    // A valid request afterwards is a barrier: once it is dispatched, anything sent before would have been too.
    await sendCommand(target, command({ command: '/skills', text: 'barrier' }, 'ok1'));
    await dispatched.waitFor(
      (e) => e.kind === 'command' && e.input.kind === 'text' && e.input.text === 'barrier',
      before,
    );
    const texts = dispatched.all
      .slice(before)
      .map((e) => (e.kind === 'command' && e.input.kind === 'text' ? e.input.text : e.kind));
    expect(texts).toEqual(['barrier']);
    expect(fake.responses.all.filter((r) => r.id === 'bad1' || r.id === 'bad2')).toEqual([]);
  });

  it('passes a redelivered event on with the same eventId, for the core to handle once', async () => {
    const envelope = eventEnvelope(
      fake.teamId,
      { type: 'member_joined_channel', user: 'U0LUCAS', channel: 'C0INTROS' },
      'EvRETRY1',
    );
    const calls = fake.calls.length;
    const first = await sendEvent(target, envelope);
    const retry = await sendEvent(target, envelope, 1);
    expect([first.status, retry.status]).toEqual([200, 200]);
    const both = await dispatched.waitForCount((e) => e.eventId === 'EvRETRY1', 2);
    expect(both).toEqual([
      expect.objectContaining({ kind: 'member_joined', channelId: 'C0INTROS', eventId: 'EvRETRY1' }),
      expect.objectContaining({ kind: 'member_joined', channelId: 'C0INTROS', eventId: 'EvRETRY1' }),
    ]);
    // The double has no dedupe, so both welcome DMs go out; wait for them so no send is left in flight.
    await fake.calls.waitForCount((c) => c.method === 'chat.postMessage' && c.args.channel === 'U0LUCAS', 2, calls);
  });
});

describe('Slack outbound (the outbox drainer side)', () => {
  const reply: Reply = { text: 'Meetup moved to Friday' };

  it('surfaces a 429 as rate_limited with Retry-After in ms, without retrying itself; the next send succeeds once', async () => {
    const sentBefore = fake.succeeded('chat.postMessage').length;
    const callsBefore = fake.calls.length;
    fake.failNext('chat.postMessage', { status: 429, retryAfter: 1 });
    const error = await platform.postMessage(community(), 'C0GENERAL', reply).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeliveryError);
    expect(error).toMatchObject({ kind: 'rate_limited', retryAfterMs: 1000 });
    // The drainer waits Retry-After and sends again (here at once: the fake only refuses once).
    const sent = await platform.postMessage(community(), 'C0GENERAL', reply);
    expect(sent).toEqual({ channelId: 'C0GENERAL', messageId: expect.stringMatching(/^\d+\.\d+$/) });
    const attempts = fake.calls.all.slice(callsBefore).filter((c) => c.method === 'chat.postMessage');
    expect(attempts.map((c) => c.status)).toEqual([429, 200]);
    expect(fake.succeeded('chat.postMessage').length).toBe(sentBefore + 1);
  });

  it('classifies permanent and transient failures', async () => {
    fake.failNext('chat.postMessage', { error: 'channel_not_found' });
    const gone = await platform.postMessage(community(), 'C0GONE', reply).catch((e: unknown) => e);
    expect(gone).toBeInstanceOf(DeliveryError);
    expect(gone).toMatchObject({ kind: 'not_found', code: 'channel_not_found' });
    expect((gone as DeliveryError).permanent).toBe(true);
    fake.failNext('chat.postMessage', { status: 503 });
    await expect(platform.postMessage(community(), 'C0GENERAL', reply)).rejects.toMatchObject({
      kind: 'transient',
      code: 'http_503',
    });
    await expect(platform.postMessage('slack:T0OTHER', 'C0GENERAL', reply)).rejects.toMatchObject({
      kind: 'permanent',
      code: 'wrong_workspace',
    });
  });

  it('DMs one member by user id and several through conversations.open, then updates a message', async () => {
    const one = await platform.sendDirectMessage(community(), ['U0LUCAS'], reply);
    expect(one.channelId).toBe('D0LUCAS');
    const group = await platform.sendDirectMessage(community(), ['U0LUCAS', 'U0ANA'], reply);
    const opened = await fake.waitFor('conversations.open', (c) => c.args.users === 'U0LUCAS,U0ANA');
    expect(group.channelId).toBe((opened.answer.channel as { id: string }).id);
    await platform.updateMessage(community(), group, { text: 'Moved again' });
    const update = await fake.waitFor('chat.update', (c) => c.args.ts === group.messageId);
    expect(update.args).toMatchObject({ channel: group.channelId, text: 'Moved again' });
  });
});

describe('Slack start-up', () => {
  it('fails with one clear error for a refused token or an unreachable API', async () => {
    const options = { signingSecret: SECRET, port: 0, host: '127.0.0.1', log: silentLogger, catalog, retries: 0 };
    const badToken = new SlackPlatform({ ...options, botToken: 'xoxb-wrong', apiUrl: fake.apiUrl });
    await expect(badToken.start(dispatch)).rejects.toThrow(
      'Slack: SLACK_BOT_TOKEN was refused by auth.test (invalid_auth)',
    );
    const nowhere = new SlackPlatform({ ...options, botToken: fake.botToken, apiUrl: 'http://127.0.0.1:9/api/' });
    await expect(nowhere.start(dispatch)).rejects.toThrow('Slack: cannot reach the Web API at http://127.0.0.1:9/api/');
  });
});

describe('Slack over Socket Mode', () => {
  it('connects to the socket endpoint, acks a slash command envelope and answers through respond()', async () => {
    const socket = new SlackPlatform({
      botToken: fake.botToken,
      signingSecret: '',
      appToken: fake.appToken,
      apiUrl: fake.apiUrl,
      port: 0,
      log: silentLogger,
      catalog,
      retries: 0,
    });
    await socket.start(dispatch);
    try {
      await fake.socketConnected();
      const opened = await fake.waitFor('apps.connections.open');
      expect(opened.token).toBe(fake.appToken);
      const envelopeId = fake.sendEnvelope('slash_commands', {
        command: '/meetup',
        text: 'list',
        team_id: fake.teamId,
        user_id: 'U0LUCAS',
        user_name: 'lucas',
        channel_id: 'C0GENERAL',
        response_url: fake.responseUrl('socket-1'),
        trigger_id: 'trigger-socket-1',
      });
      await fake.acks.waitFor((a) => a.envelope_id === envelopeId);
      const event = await dispatched.waitFor((e) => e.kind === 'command' && e.command === 'meetup');
      expect(event.actor.userId).toBe('U0LUCAS');
      expect((await fake.waitForResponse((r) => r.id === 'socket-1')).body.text).toBe('<@U0LUCAS> ran /meetup: list');
    } finally {
      await socket.stop();
    }
  });
});
