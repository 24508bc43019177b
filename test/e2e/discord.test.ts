/**
 * The Discord adapter end to end: the real discord.js client (REST + gateway) against the fake Discord on
 * 127.0.0.1. The core's dispatcher is replaced by a recording double: these tests are about the adapter.
 */
import { EventEmitter } from 'node:events';
import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { applicationCommands } from '../../adapters/discord/commands.ts';
import { DiscordPlatform } from '../../adapters/discord/discord.adapter.ts';
import { buildCatalog } from '#core/catalog.ts';
import { defineCommand, defineFeature, defineSubcommand } from '#core/command.ts';
import type { CommunityId } from '#core/ids.ts';
import type { InboundEvent } from '#core/inbound.ts';
import { opt } from '#core/options.ts';
import { DeliveryError } from '#core/ports/chat-platform.ts';
import { silentLogger } from '#core/ports/logger.ts';
import { announce, type Reply, say } from '#core/reply.ts';
import { fmt } from '#core/text.ts';
import { FakeDiscord, type RecordedCall } from '../support/fake-discord.ts';
import type { FakeUser } from '../support/fake-discord-payloads.ts';

const run = async () => say('ok');
const catalog = buildCatalog([
  defineFeature({
    name: 'meetups',
    commands: [
      defineCommand({
        name: 'meetup',
        description: 'Meetups',
        subcommands: {
          create: defineSubcommand({
            description: 'Plan a meetup',
            examples: [],
            args: z.object({
              title: opt.string('What it is called', { max: 80 }),
              seats: opt.integer('Seats', { min: 1, max: 50 }).optional(),
              host: opt.user('Who hosts').optional(),
              where: opt.channel('Where to announce').optional(),
            }),
            run,
          }),
          rsvp: defineSubcommand({
            description: 'Say you come',
            examples: [],
            args: z.object({ meetup: opt.string('Which meetup', { autocomplete: 'meetups' }) }),
            run,
          }),
        },
      }),
      defineCommand({ name: 'intro', description: 'Introduce yourself', examples: [], args: z.object({}), run }),
    ],
  }),
]);

let fake: FakeDiscord;
let platform: DiscordPlatform;
let community: CommunityId;
let lucas: FakeUser;
const seen: InboundEvent[] = [];
const bus = new EventEmitter();
/** What the dispatch double answers; tests swap it. */
let answer: (e: InboundEvent) => Promise<Reply | undefined> | Reply | undefined = () => say('ok');

async function nextEvent(predicate: (e: InboundEvent) => boolean): Promise<InboundEvent> {
  const found = seen.find(predicate);
  if (found) return found;
  return new Promise((resolve) => {
    const on = (e: InboundEvent) => {
      if (!predicate(e)) return;
      bus.off('event', on);
      resolve(e);
    };
    bus.on('event', on);
  });
}

const callbackOf = async (id: string) =>
  await fake.waitFor('POST /interactions/:id/:token/callback', (c) => c.path.includes(id) && c.status === 204);

beforeAll(async () => {
  fake = await FakeDiscord.start();
  community = `discord:${fake.guild.id}`;
  lucas = fake.addMember('lucas', '0', 'Lucas');
  platform = new DiscordPlatform({
    token: fake.token,
    applicationId: fake.applicationId,
    apiUrl: fake.apiUrl,
    log: silentLogger,
    catalog,
    autocomplete: (event, source, prefix) =>
      source === 'meetups' && event.actor.userId === lucas.id ? [{ name: `Zine night (${prefix})`, value: '42' }] : [],
  });
  await platform.start(async (e) => {
    seen.push(e);
    bus.emit('event', e);
    return answer(e);
  });
});

afterAll(async () => {
  await platform?.stop();
  await fake?.close();
});

describe('interactions', () => {
  it('answers a chat-input command with options', async () => {
    answer = () =>
      announce(`Planned ${fmt.bold('Zine night')}`, {
        buttons: [{ label: 'Join', action: 'meetup.rsvp', value: '42' }],
      });
    const i = fake.command(lucas, 'meetup', [
      {
        name: 'create',
        type: 1,
        options: [
          { name: 'title', type: 3, value: 'Zine night' },
          { name: 'seats', type: 4, value: 12 },
          { name: 'host', type: 6, value: lucas.id },
          { name: 'where', type: 7, value: fake.channelId },
        ],
      },
    ]);
    const event = await nextEvent((e) => e.eventId === `discord:${i.id}`);
    expect(event).toMatchObject({
      kind: 'command',
      command: 'meetup',
      input: {
        kind: 'options',
        subcommand: 'create',
        options: { title: 'Zine night', seats: 12, host: lucas.id, where: fake.channelId },
      },
      actor: { community, userId: lucas.id, displayName: 'Lucas', isPlatformAdmin: false },
      channelId: fake.channelId,
    });
    const { body } = await callbackOf(i.id);
    expect(body.type).toBe(4);
    expect(body.data).toMatchObject({
      content: 'Planned **Zine night**',
      flags: 0,
      allowed_mentions: { parse: [], users: [] },
      components: [{ type: 1, components: [{ type: 2, custom_id: 'meetup.rsvp|42', label: 'Join', style: 2 }] }],
    });
  });

  it('gives Manage Server members the admin fact', async () => {
    const mia = fake.addMember('mia', String(0x20));
    const i = fake.command(mia, 'intro');
    expect((await nextEvent((e) => e.eventId === `discord:${i.id}`)).actor.isPlatformAdmin).toBe(true);
  });

  it('defers a slow answer, then edits the deferred reply', async () => {
    answer = async (e) => {
      // Slow on purpose until Discord has seen the deferral, which the adapter sends after 1.5 s (the default).
      await fake.waitFor('POST /interactions/:id/:token/callback', (c) => c.path.includes(String(e.eventId).slice(8)));
      return say('Took a while');
    };
    const i = fake.command(lucas, 'intro');
    const deferral = await callbackOf(i.id);
    expect(deferral.body).toEqual({ type: 5, data: { flags: 64 } });
    const edit = await fake.waitFor('PATCH /webhooks/:id/:token/messages/@original', (c) => c.path.includes(i.token));
    expect(edit.body).toMatchObject({ content: 'Took a while', allowed_mentions: { parse: [], users: [] } });
  });

  it('follows up a slow public answer and removes the ephemeral "thinking" reply', async () => {
    answer = async (e) => {
      await fake.waitFor('POST /interactions/:id/:token/callback', (c) => c.path.includes(String(e.eventId).slice(8)));
      return announce('Everyone, look');
    };
    const i = fake.command(lucas, 'intro');
    const followUp = await fake.waitFor('POST /webhooks/:id/:token', (c) => c.path.includes(i.token));
    expect(followUp.body).toMatchObject({ content: 'Everyone, look', flags: 0 });
    await fake.waitFor('DELETE /webhooks/:id/:token/messages/@original', (c) => c.path.includes(i.token));
  });

  it('maps a button click to an action and updates the clicked message', async () => {
    answer = () => ({ text: 'You are in', replaceOriginal: true });
    const messageId = '1234567890123456789';
    const i = fake.click(lucas, 'meetup.rsvp|42', { messageId });
    expect(await nextEvent((e) => e.eventId === `discord:${i.id}`)).toMatchObject({
      kind: 'action',
      action: 'meetup.rsvp',
      value: '42',
      messageId,
      actor: { community, userId: lucas.id },
    });
    const { body } = await callbackOf(i.id);
    expect(body).toMatchObject({ type: 7, data: { content: 'You are in' } });
  });

  it('answers a click that redrew its own card with the card (UPDATE_MESSAGE), in one call', async () => {
    answer = () => ({ text: 'You are going', sourceUpdate: { text: 'Zine night: 1 going' } });
    const i = fake.click(lucas, 'meetup.rsvp|42', { messageId: '1234567890123456790' });
    await nextEvent((e) => e.eventId === `discord:${i.id}`);
    const { body } = await callbackOf(i.id);
    expect(body).toMatchObject({ type: 7, data: { content: 'Zine night: 1 going' } });
    const calls = fake.calls.filter((c) => c.path.includes(i.token));
    expect(calls.map((c) => c.route)).toEqual(['POST /interactions/:id/:token/callback']);
  });

  it('the fake refuses to update a message in answer to a slash command, as Discord does', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    answer = async () => {
      await held;
      return say('ok');
    };
    const i = fake.command(lucas, 'intro');
    await nextEvent((e) => e.eventId === `discord:${i.id}`);
    const res = await fetch(`${fake.apiUrl}/v10/interactions/${i.id}/${i.token}/callback`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 7, data: { content: 'x' } }),
    });
    expect(res.status).toBe(400);
    release();
    expect((await callbackOf(i.id)).body.type).toBe(4);
  });

  it('maps a button in a DM to the guild its custom id carries', async () => {
    answer = () => say('Thanks');
    const i = fake.click(lucas, `${fake.guild.id}/feedback.rate|5`, { inDm: true });
    expect(await nextEvent((e) => e.eventId === `discord:${i.id}`)).toMatchObject({
      kind: 'action',
      action: 'feedback.rate',
      value: '5',
      actor: { community, userId: lucas.id, displayName: 'Lucas' },
    });
    expect((await callbackOf(i.id)).body.type).toBe(4);
  });

  it('opens a form as a modal and maps its submit to form_submit', async () => {
    answer = (e) =>
      e.kind === 'command'
        ? say('Tell us', {
            form: {
              formId: 'intro',
              title: 'Introduce yourself',
              submitLabel: 'Save',
              meta: '7',
              fields: [{ id: 'bio', label: 'About you', kind: 'long', required: true }],
            },
          })
        : say('Saved');
    const open = fake.command(lucas, 'intro');
    const modal = await callbackOf(open.id);
    expect(modal.body).toMatchObject({
      type: 9,
      data: {
        custom_id: 'form|intro|7',
        title: 'Introduce yourself',
        components: [{ type: 1, components: [{ type: 4, custom_id: 'bio', style: 2 }] }],
      },
    });
    const submit = fake.submitModal(lucas, 'form|intro|7', { bio: 'I bind books' });
    expect(await nextEvent((e) => e.eventId === `discord:${submit.id}`)).toMatchObject({
      kind: 'form_submit',
      formId: 'intro',
      meta: '7',
      values: { bio: 'I bind books' },
    });
    expect((await callbackOf(submit.id)).body).toMatchObject({ type: 4, data: { content: 'Saved', flags: 64 } });
  });

  it('attaches a file to an answer (multipart)', async () => {
    answer = () =>
      say('Add it to your calendar', {
        files: [{ name: 'zine-night.ics', content: 'BEGIN:VCALENDAR', mimeType: 'text/calendar' }],
      });
    const i = fake.command(lucas, 'intro');
    const call = await callbackOf(i.id);
    expect(call.body).toMatchObject({
      type: 4,
      data: { content: 'Add it to your calendar', attachments: [{ id: '0' }] },
    });
    expect(call.files).toEqual([{ name: 'zine-night.ics', content: 'BEGIN:VCALENDAR' }]);
  });

  it('answers autocomplete from the hook with the option source', async () => {
    const i = fake.autocomplete(lucas, 'meetup', [
      { name: 'rsvp', type: 1, options: [{ name: 'meetup', type: 3, value: 'zi', focused: true }] },
    ]);
    expect((await callbackOf(i.id)).body).toEqual({
      type: 8,
      data: { choices: [{ name: 'Zine night (zi)', value: '42' }] },
    });
  });
});

describe('members', () => {
  it('dispatches member_joined and member_left', async () => {
    const raj = fake.memberJoins('raj');
    expect(await nextEvent((e) => e.kind === 'member_joined' && e.actor.userId === raj.id)).toMatchObject({
      actor: { community, displayName: 'raj', isPlatformAdmin: false },
    });
    fake.memberLeaves(raj);
    await nextEvent((e) => e.kind === 'member_left' && e.actor.userId === raj.id);
  });
});

describe('commands', () => {
  it('registers the catalog once: a second sync with no change sends no PUT', async () => {
    await platform.syncCommands(catalog);
    const put = await fake.waitFor('PUT /applications/:id/commands');
    expect(put.body).toEqual(applicationCommands(catalog));
    await platform.syncCommands(catalog);
    expect(fake.callsTo('GET /applications/:id/commands')).toHaveLength(2);
    expect(fake.callsTo('PUT /applications/:id/commands')).toHaveLength(1);
  });

  it('registers to DISCORD_GUILD_ID when set', async () => {
    const scoped = new DiscordPlatform({
      token: fake.token,
      applicationId: fake.applicationId,
      apiUrl: fake.apiUrl,
      guildId: fake.guild.id,
      log: silentLogger,
      catalog,
    });
    await scoped.syncCommands(catalog);
    expect((await fake.waitFor('PUT /applications/:id/guilds/:id/commands')).path).toContain(fake.guild.id);
    await scoped.stop();
  });
});

describe('sending', () => {
  const posts = (channelId: string) => (c: RecordedCall) =>
    c.path === `/channels/${channelId}/messages` && c.status === 200;

  it('posts with allowed_mentions that ping nobody, even for @everyone in member text', async () => {
    const sent = await platform.postMessage(
      community,
      fake.channelId,
      announce('Mia says: @everyone free pizza @here'),
    );
    const call = await fake.waitFor(
      'POST /channels/:id/messages',
      (c) => c.status === 200 && c.body.content?.includes('pizza'),
    );
    expect(call.body.allowed_mentions).toEqual({ parse: [], users: [] });
    expect(call.body.content).toBe('Mia says: @\u200Beveryone free pizza @\u200Bhere');
    await platform.updateMessage(community, sent, say('Pizza is gone'));
    const edit = await fake.waitFor('PATCH /channels/:id/messages/:id', (c) => c.path.endsWith(sent.messageId));
    expect(edit.body).toMatchObject({ content: 'Pizza is gone', allowed_mentions: { parse: [], users: [] } });
  });

  it('refuses a channel of another community', async () => {
    await expect(platform.postMessage('discord:999999999999999999', fake.channelId, say('x'))).rejects.toMatchObject({
      kind: 'permanent',
      code: 'channel_not_in_community',
    });
  });

  it('DMs several members the same message and returns the first', async () => {
    const emma = fake.addMember('emma');
    const sent = await platform.sendDirectMessage(
      community,
      [lucas.id, emma.id],
      say('Your match', { buttons: [{ label: 'Rate', action: 'feedback.rate', value: '5' }] }),
    );
    expect(sent.channelId).toBe(fake.dmChannelFor(lucas.id));
    const toEmma = await fake.waitFor('POST /channels/:id/messages', posts(fake.dmChannelFor(emma.id)));
    // A DM's buttons carry the guild: the click comes back without one.
    expect(toEmma.body.components[0].components[0].custom_id).toBe(`${fake.guild.id}/feedback.rate|5`);
  });

  it('reports a member with closed DMs as dm_closed 50007 (permanent), after one attempt', async () => {
    const noah = fake.addMember('noah');
    fake.closedDms.add(noah.id);
    const error = await platform.sendDirectMessage(community, [noah.id], say('hi')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeliveryError);
    expect(error).toMatchObject({ kind: 'dm_closed', code: '50007' });
    expect((error as DeliveryError).permanent).toBe(true);
    expect(
      fake.callsTo('POST /channels/:id/messages').filter((c) => c.path.includes(fake.dmChannelFor(noah.id))),
    ).toHaveLength(1);
  });

  it('surfaces a 429 as rate_limited for the drainer, then sends exactly once', async () => {
    // A first send names the route's bucket, as on Discord; the 429 then empties that bucket.
    await platform.postMessage(community, fake.channelId, say('warm-up'));
    fake.rateLimitNext('POST /channels/:id/messages', 0.25);
    const reply = announce('Round 12 is out');
    const first = await platform.postMessage(community, fake.channelId, reply).catch((e: unknown) => e);
    expect(first).toMatchObject({ kind: 'rate_limited', code: '429' });
    const retryAfterMs = (first as DeliveryError).retryAfterMs!;
    expect(retryAfterMs).toBeGreaterThanOrEqual(250);
    // Too early: discord.js knows the bucket is empty and refuses without asking Discord again.
    const calls = fake.calls.length;
    await expect(platform.postMessage(community, fake.channelId, reply)).rejects.toMatchObject({
      kind: 'rate_limited',
    });
    expect(fake.calls.length).toBe(calls);
    // The drainer honours Retry-After; so does this test (the wait is the behaviour under test).
    await delay(retryAfterMs);
    await platform.postMessage(community, fake.channelId, reply);
    const created = [...fake.messages.values()].filter((m) => m['content'] === 'Round 12 is out');
    expect(created).toHaveLength(1);
  });

  it('reports a 5xx as transient after one quick retry', async () => {
    fake.script({ route: 'POST /channels/:id/messages', status: 502 });
    fake.script({ route: 'POST /channels/:id/messages', status: 502 });
    await expect(platform.postMessage(community, fake.channelId, say('x'))).rejects.toMatchObject({
      kind: 'transient',
      code: 'http_502',
    });
  });
});

describe('latency', () => {
  it('answers 50 interactions (p50 printed)', async () => {
    answer = () => say('pong');
    const times: number[] = [];
    for (let n = 0; n < 50; n++) {
      const i = fake.command(lucas, 'intro');
      const call = await callbackOf(i.id);
      times.push(call.at - i.createdAt);
    }
    times.sort((a, b) => a - b);
    expect(times).toHaveLength(50);
    console.info(`discord interaction → reply recorded: p50 ${times[24]} ms, p90 ${times[44]} ms, max ${times[49]} ms`);
  });
});
