/**
 * Meetups end to end on Discord, through the real app: `/meetup create` with typed options posts the card with RSVP
 * buttons, each click redraws the card with live counts in the click's own answer (UPDATE_MESSAGE: one REST call,
 * no separate fetch and edit), and the reminder an hour before goes to Going only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DiscordStack, customIds, visibleText } from '../support/discord-stack.ts';
import { expectNoRawUserIds, expectNoStrayPings } from '../support/discord-mentions.ts';
import type { FakeUser } from '../support/fake-discord-payloads.ts';

let stack: DiscordStack;
let host: FakeUser;
let ana: FakeUser;
let ben: FakeUser;
let cleo: FakeUser;
let dan: FakeUser;
const startsAt = new Date('2026-11-18T19:00:00Z');
const unix = startsAt.getTime() / 1000;

beforeAll(async () => {
  stack = await DiscordStack.start({ channels: ['meetups'] });
  host = stack.fake.addMember('host', String(0x20), 'Host');
  ana = stack.fake.addMember('ana', '0', 'Ana');
  ben = stack.fake.addMember('ben', '0', 'Ben');
  cleo = stack.fake.addMember('cleo', '0', 'Cleo');
  dan = stack.fake.addMember('dan', '0', 'Dan');
  // `/hallway config` has more than 25 options: Discord types it as an option/value pair.
  await stack.command(host, 'hallway', 'config', { option: 'meetup-channel', value: stack.channel('meetups') });
});

afterAll(async () => {
  await stack?.stop();
});

const card = () => stack.messageRef('meetup-card:1');
const rsvp = async (user: FakeUser, status: 'going' | 'maybe' | 'no') =>
  await stack.click(user, `meetup.rsvp|1:${status}`, { messageId: (await card()).messageId });
const cardEdits = async () => {
  const { channelId, messageId } = await card();
  return stack.editsOf(channelId, messageId);
};
/** The card as the fake Discord holds it now (posted, then replaced by answers and edits). */
const cardNow = async () => stack.fake.messages.get((await card()).messageId);

describe('meetups', () => {
  it('/meetup create with typed options echoes the date and posts the card with RSVP buttons', async () => {
    const answer = await stack.command(ana, 'meetup', 'create', {
      title: 'Zine night',
      when: '2026-11-18 19:00',
      where: 'Print shop',
      capacity: 10,
    });
    expect(answer.type).toBe(4);
    expect(answer.data.flags).toBe(64);
    const said = visibleText(answer.data);
    expect(said).toContain(`Created #1 **Zine night** for <t:${unix}:F>.`);
    expect(said).toContain('I read "2026-11-18 19:00" as **');
    expect(said).toContain(`The card with RSVP buttons is in <#${stack.channel('meetups')}>.`);
    expect((await stack.repos.meetups.get(stack.community, 1))?.startsAt).toEqual(startsAt);

    const [post, ...others] = stack.postsIn(stack.channel('meetups'));
    expect(others).toHaveLength(0);
    expect(post?.body.embeds[0].title).toBe('Zine night');
    const text = visibleText(post?.body);
    expect(text).toContain(`When: <t:${unix}:F>`);
    expect(text).toContain('Where: Print shop');
    expect(text).toContain(`Host: <@${ana.id}>`);
    expect(text).toContain('Answers: 0/10 going · 0 maybe');
    expect(customIds(post?.body)).toEqual(['meetup.rsvp|1:going', 'meetup.rsvp|1:maybe', 'meetup.rsvp|1:no']);
    expect(post?.body.allowed_mentions).toEqual({ parse: [], users: [] });
    expect((await card()).channelId).toBe(stack.channel('meetups'));
  });

  it('redraws the card in the click’s own answer: one REST call per click, no separate edit', async () => {
    const before = stack.fake.calls.length;
    const going = await rsvp(ben, 'going');
    const calls = stack.fake.calls.slice(before);
    // A late answer (the app took over 1.5 s on a loaded machine) is a deferral plus the edit of the original.
    expect(calls.map((c) => c.route)).toEqual(
      going.deferred
        ? ['POST /interactions/:id/:token/callback', 'PATCH /webhooks/:id/:token/messages/@original']
        : ['POST /interactions/:id/:token/callback'],
    );
    if (!going.deferred) expect(going.type).toBe(7);
    expect(visibleText(going.data)).toContain('Answers: 1/10 going · 0 maybe');
    expect(visibleText(going.data)).toContain(`**Going**: <@${ben.id}>`);
    expect(going.data.allowed_mentions).toEqual({ parse: [], users: [] });
    expect(visibleText(await cardNow())).toContain(`**Going**: <@${ben.id}>`);

    await rsvp(cleo, 'maybe');
    await rsvp(dan, 'no');
    const now = await cardNow();
    expect(visibleText(now)).toContain('Answers: 1/10 going · 1 maybe');
    expect(visibleText(now)).toContain(`**Maybe**: <@${cleo.id}>`);
    expect(customIds(now)).toHaveLength(3);
    expect(await cardEdits()).toHaveLength(0);
    expect(stack.postsIn(stack.channel('meetups'))).toHaveLength(1);
    expect(await stack.repos.outbox.counts(stack.community)).toMatchObject({ pending: 0, sending: 0, failed: 0 });
  });

  it('a second click on the same answer changes nothing and does not touch the card', async () => {
    const shown = await cardNow();
    const again = await rsvp(ben, 'going');
    expect(again.type).toBe(4);
    expect(again.data.content).toMatch(/You already said going for #1 \*\*Zine night\*\* — nothing changed/);
    expect(await cardNow()).toEqual(shown);
    expect(await cardEdits()).toHaveLength(0);
    const statuses = (await stack.repos.meetups.listRsvps(stack.community, 1)).map((r) => [r.userId, r.status]);
    expect(statuses).toEqual([
      [ben.id, 'going'],
      [cleo.id, 'maybe'],
      [dan.id, 'no'],
    ]);
  });

  it('an hour before, app.tick() DMs the reminder to Going only, once', async () => {
    stack.clock.set(new Date(startsAt.getTime() - 3_600_000));
    await stack.app.tick();
    await stack.settle();
    const reminders = (u: FakeUser) =>
      stack.dmsTo(u).filter((c) => String(c.body.content).startsWith('Starting in about an hour'));
    const [toBen, ...more] = reminders(ben);
    expect(more).toHaveLength(0);
    expect(toBen?.body.content).toContain(`#1 **Zine night** on <t:${unix}:F> at Print shop`);
    expect(customIds(toBen?.body)).toEqual([`${stack.fake.guild.id}/meetup.rsvp|1:no`]);
    for (const u of [ana, cleo, dan, host]) expect(reminders(u), u.username).toHaveLength(0);

    stack.clock.advance(5 * 60_000);
    await stack.app.tick();
    await stack.settle();
    expect(reminders(ben)).toHaveLength(1);
  });

  it('a member naming another host asks them by DM; Accept in the DM makes them the host on the card', async () => {
    const answer = await stack.command(ben, 'meetup', 'create', {
      title: 'Print swap',
      when: '2026-11-25 19:00',
      host: { user: cleo.id },
    });
    expect(visibleText(answer.data)).toContain(
      `I've asked <@${cleo.id}> to host it; you're the host until they accept.`,
    );
    const posted = await stack.messageRef('meetup-card:2');
    const [cardPost] = stack.postsIn(posted.channelId).filter((c) => c.body.embeds?.[0]?.title === 'Print swap');
    expect(visibleText(cardPost?.body)).toContain(`Host: <@${ben.id}>`);
    const asked = stack.dmsTo(cleo).at(-1);
    expect(asked?.body.content).toContain(`<@${ben.id}> would like you to host #2 **Print swap**`);
    const ids = customIds(asked?.body);
    expect(ids).toEqual([`${stack.fake.guild.id}/meetup.host|2:yes`, `${stack.fake.guild.id}/meetup.host|2:no`]);

    const accepted = await stack.click(cleo, ids[0]!, { inDm: true });
    expect(visibleText(accepted.data)).toContain("You're the host of #2 **Print swap**");
    const edit = stack.editsOf(posted.channelId, posted.messageId).at(-1);
    expect(visibleText(edit?.body)).toContain(`Host: <@${cleo.id}>`);
    expect(stack.dmsTo(ben).at(-1)?.body.content).toContain(`<@${cleo.id}> accepted`);
  });

  it('every message of this file pinged only the users it names and shows no raw ids in titles or labels', () => {
    expectNoStrayPings(stack.fake.calls);
    expectNoRawUserIds(stack.fake.calls);
  });
});
