/**
 * Safety end to end on Discord, through the real app: member text with mass and role mentions pings nobody, a member
 * with closed DMs is recorded once and told once, and a 429 in the middle of a match round's DM fan-out still gives
 * every member exactly one DM.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customIds, DiscordStack, visibleText } from '../support/discord-stack.ts';
import { expectNoRawUserIds, expectNoStrayPings } from '../support/discord-mentions.ts';
import type { RecordedCall } from '../support/fake-discord.ts';
import type { FakeUser } from '../support/fake-discord-payloads.ts';

let stack: DiscordStack;
let host: FakeUser;
let mia: FakeUser;
const ROLE = '<@&1234567890123456789>';
const HOSTILE = `Hi @everyone and @here, ping ${ROLE}!`;

beforeAll(async () => {
  stack = await DiscordStack.start({ channels: ['intros', 'meetups'] });
  host = stack.fake.addMember('host', String(0x20), 'Host');
  mia = stack.fake.addMember('mia', '0', 'Mia');
  // `/hallway config` has more than 25 options: Discord types it as one option/value pair at a time.
  await stack.command(host, 'hallway', 'config', { option: 'intro-channel', value: stack.channel('intros') });
  await stack.command(host, 'hallway', 'config', { option: 'meetup-channel', value: stack.channel('meetups') });
});

afterAll(async () => {
  await stack?.stop();
});

/** What a member reads of hostile text: the mass mentions broken, the role mention escaped. */
const INERT = 'Hi @\u200Beveryone and @\u200Bhere, ping \\<@&1234567890123456789\\>!';

describe('member text never pings', () => {
  it('an intro answer with @everyone, @here and a role mention posts a card that pings only its member', async () => {
    const modal = await stack.command(mia, 'intro');
    expect(modal.type).toBe(9);
    await stack.submit(mia, modal, {
      role: `Printmaker ${ROLE}`,
      working_on: HOSTILE,
      offers: 'screen printing',
      needs: 'photography',
      links: '',
    });
    const [card] = stack.postsIn(stack.channel('intros'));
    expect(card?.body.allowed_mentions).toEqual({ parse: [], users: [mia.id] });
    expect(card?.body.content).toBe(`<@${mia.id}>`);
    expect(visibleText(card?.body)).toContain(`Working on: ${INERT}`);
    expect(visibleText(card?.body)).toContain('What they do: Printmaker \\<@&1234567890123456789\\>');
    // Stored as typed: escaping is the renderer's job, member text stays data.
    expect((await stack.repos.profiles.get(stack.community, mia.id))?.published?.workingOn).toBe(HOSTILE);
  });

  it('a meetup title with mass mentions posts a card that pings nobody', async () => {
    const answer = await stack.command(mia, 'meetup', 'create', { title: HOSTILE, when: '2026-11-20 18:00' });
    expect(answer.data.allowed_mentions).toEqual({ parse: [], users: [] });
    const [post] = stack.postsIn(stack.channel('meetups'));
    expect(post?.body.allowed_mentions).toEqual({ parse: [], users: [] });
    expect(post?.body.embeds[0].title).toBe(INERT);
  });
});

describe('closed DMs', () => {
  let noah: FakeUser;
  const attempts = () =>
    stack.fake.callsTo('POST /channels/:id/messages').filter((c) => c.path.includes(stack.fake.dmChannelFor(noah.id)));

  it('a welcome DM refused with 50007 is tried once and the member recorded as unreachable', async () => {
    noah = stack.fake.memberJoins('noah');
    // Synchronous, so before the join event even reaches the app.
    stack.fake.closedDms.add(noah.id);
    const refused = await stack.fake.waitFor('POST /channels/:id/messages', (c) =>
      c.path.includes(stack.fake.dmChannelFor(noah.id)),
    );
    expect(refused.status).toBe(403);
    await stack.settle();
    expect((await stack.repos.members.get(stack.community, noah.id))?.dmUnreachable).toBe(true);
    const [item] = (await stack.repos.outbox.list(stack.community)).filter((i) => i.key === `welcome:${noah.id}`);
    expect(item).toMatchObject({ status: 'failed', lastError: 'dm_closed: 50007', attempts: 1 });
    expect(attempts()).toHaveLength(1);
  });

  it('tells them once, ephemerally, on their next command, and never retries', async () => {
    const notice = /Heads-up: I couldn't send you a direct message/;
    const first = await stack.command(noah, 'skills', 'show');
    expect(first.data.flags).toBe(64);
    expect(visibleText(first.data)).toMatch(notice);
    const second = await stack.command(noah, 'skills', 'show');
    expect(visibleText(second.data)).not.toMatch(notice);
    stack.clock.advance(60 * 60_000);
    await stack.app.tick();
    await stack.settle();
    expect(attempts()).toHaveLength(1);
  });
});

describe('rate limits', () => {
  it('a 429 with Retry-After during a match round still gives every member exactly one DM', async () => {
    const members = ['ava', 'bo', 'cy', 'di', 'ed'].map((name) => stack.fake.addMember(name, '0'));
    const skills: [string, string][] = [
      ['photography', 'layout design'],
      ['layout design', 'photography'],
      ['illustration', 'video editing'],
      ['video editing', 'illustration'],
      ['copywriting', 'screen printing'],
    ];
    for (const [i, m] of members.entries()) {
      await stack.command(m, 'skills', 'offer', { skills: skills[i]![0] });
      await stack.command(m, 'skills', 'need', { skills: skills[i]![1] });
    }
    const taking = (await stack.repos.matching.participants(stack.community, stack.clock.now())).map((m) => m.userId);
    expect(taking.sort()).toEqual([mia.id, ...members.map((m) => m.id)].sort());

    stack.fake.rateLimitNext('POST /users/@me/channels', 0.1);
    stack.fake.rateLimitNext('POST /channels/:id/messages', 0.1);
    // A new week: the tick of the test above already ran this week's round (with Mia alone).
    stack.clock.advance(7 * 24 * 60 * 60_000);
    // The fake clock stands still: once the blocked DM went through, let the Retry-After pass for the whole lane,
    // as real time would, instead of every later DM waiting it out again.
    const caughtUp = (async () => {
      const blocked = await stack.fake.waitFor('POST /channels/:id/messages', (c) => c.status === 429);
      await stack.fake.waitFor('POST /channels/:id/messages', (c) => c.path === blocked.path && c.status === 200);
      stack.clock.advance(1000);
    })();
    const run = await stack.command(host, 'hallway', 'run', { job: 'match-round' });
    await caughtUp;
    expect(visibleText(run.data)).toContain('`match-round` done.');

    const limited = stack.fake.calls.filter((c) => c.status === 429);
    expect(limited.map((c) => c.route).sort()).toEqual(['POST /channels/:id/messages', 'POST /users/@me/channels']);
    const isRound = (c: RecordedCall) => customIds(c.body).some((id) => id.includes('/match.group|'));
    for (const id of taking) {
      const user = stack.fake.users.get(id)!;
      expect(stack.dmsTo(user).filter(isRound), user.username).toHaveLength(1);
      const created = [...stack.fake.messages.values()].filter(
        (m) => m['channel_id'] === stack.fake.dmChannelFor(id) && isRound({ body: m } as RecordedCall),
      );
      expect(created, user.username).toHaveLength(1);
    }
    // The retry waited for Retry-After (100 ms) instead of hammering the API.
    const blocked = limited.find((c) => c.route === 'POST /channels/:id/messages')!;
    const retried = stack.fake.calls.find((c) => c.path === blocked.path && c.status === 200 && c.at >= blocked.at)!;
    expect(retried.at - blocked.at).toBeGreaterThanOrEqual(90);
  });
});

describe('mentions', () => {
  it('every message of this file pinged only the users it names and shows no raw ids in titles or labels', () => {
    expectNoStrayPings(stack.fake.calls);
    expectNoRawUserIds(stack.fake.calls);
  });
});
