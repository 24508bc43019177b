/**
 * Data rights. `/hallway forget-me` after a full life (intro and card, skills, suggestions, a round and its
 * follow-up, avoid lists, meetups hosted and answered, reminders, ratings, feedback asked, given, rated and thanked,
 * opt-outs, DMs sent) leaves the member's id in no column of any table (read from sqlite_master, so new tables are
 * covered), redraws what was posted about them, keeps everyone else's data, and does not stop a welcome if they
 * come back. `/hallway export` gives managers the community's data as JSON and CSV, and nobody else.
 */
import { describe, expect, it } from 'vitest';
import type { CommunityId } from '#core/ids.ts';
import { DeliveryError } from '#core/ports/chat-platform.ts';
import type { NewOutboxItem } from '#core/stores/outbox.ts';
import { fmt } from '#core/text.ts';
import { TestBot } from '../support/test-bot.ts';
import { botWithDb } from './support/capture-db.ts';
import { discordCast, liveALife, slackCast } from './support/life.ts';

async function forget(bot: TestBot, userId: string, community: CommunityId) {
  const confirm = await bot.run('/hallway forget-me', { as: userId, community });
  const yes = confirm.buttons?.find((b) => b.action === 'hallway.forget');
  expect(yes?.value).toBe(userId);
  return bot.click(yes!, { as: userId, community });
}

describe.each([
  { name: 'Slack', cast: slackCast('slack:T0RIGHTS') },
  { name: 'Discord', cast: discordCast('discord:600000000000000001', 6) },
])('forget-me on a $name community', ({ cast }) => {
  it('removes every row that holds the member’s id, in every table, and keeps everyone else’s', async () => {
    const { bot, db } = await botWithDb({ community: cast.community });
    await liveALife(bot, cast);
    const c = cast.community;
    const holding = new Set((await db.findEverywhere(cast.subject)).map((h) => h.table));
    // The life really touched every feature's tables (so the check below means something).
    for (const table of [
      'members',
      'profiles',
      'member_skills',
      'match_prefs',
      'match_avoid',
      'match_pairing_members',
      'match_suggestions',
      'meetups',
      'meetup_rsvps',
      'meetup_reminders_sent',
      'feedback_requests',
      'feedback_asks',
      'feedback_ratings',
      'feedback_optouts',
      'resources',
      'resource_bookings',
      'resource_loans',
      'resource_trainings',
      'resource_asks',
      'resource_ask_replies',
      'mentor_offers',
      'mentor_skills',
      'mentor_requests',
      'mentor_asks',
      'mentorships',
      'presence_prefs',
      'outbox',
      'message_refs',
    ]) {
      expect(holding, table).toContain(table);
    }
    const friendSkills = (await bot.repos.profiles.skills(c, cast.friend, 'offer')).length;
    const done = await forget(bot, cast.subject, c);
    expect(done?.text).toMatch(/Hallway has forgotten you/);
    await bot.drain();
    expect(await db.findEverywhere(cast.subject)).toEqual([]);
    expect((await db.tableNames()).length).toBeGreaterThan(20);
    // Everyone else keeps their data.
    expect(await bot.repos.members.get(c, cast.friend)).toBeDefined();
    expect(await bot.repos.profiles.skills(c, cast.friend, 'offer')).toHaveLength(friendSkills);
    expect((await bot.repos.profiles.get(c, cast.newcomer))?.published).toBeDefined();
  });

  it('redraws the intro card and the meetup card that named them', async () => {
    const { bot } = await botWithDb({ community: cast.community });
    await liveALife(bot, cast);
    const card = bot.sent.find(
      (d) => d.kind === 'post' && d.to.includes(cast.channels.intro) && JSON.stringify(d.reply).includes(cast.subject),
    )!;
    bot.clearSent();
    await forget(bot, cast.subject, cast.community);
    const updates = bot.sent.filter((d) => d.kind === 'update');
    expect(updates.find((u) => u.messageId === card.messageId)?.reply.text).toMatch(/removed at the member’s request/);
    const meetupCards = updates.filter((u) => u.to.includes(cast.channels.events));
    expect(meetupCards.length).toBeGreaterThan(0);
    for (const u of meetupCards) expect(JSON.stringify(u.reply)).not.toContain(cast.subject);
  });

  it('welcomes them again if they come back', async () => {
    const { bot } = await botWithDb({ community: cast.community });
    await liveALife(bot, cast);
    await forget(bot, cast.subject, cast.community);
    bot.clearSent();
    await bot.dispatch({
      kind: 'member_joined',
      actor: bot.actor({ as: cast.subject, community: cast.community, admin: false }),
    });
    const welcome = bot.dmsTo(cast.subject);
    expect(welcome).toHaveLength(1);
    expect(welcome[0]!.title).toMatch(/Welcome/);
  });
});

describe('forget-me with messages still queued', () => {
  it('drops a queued intro card naming them instead of sending it after they left', async () => {
    const cast = slackCast('slack:T0QUEUE');
    const { bot, db } = await botWithDb({ community: cast.community });
    const c = cast.community;
    await bot.run(`/hallway config intro-channel:${cast.channels.intro}`, { as: cast.host, admin: true, community: c });
    await bot.dispatch({ kind: 'member_joined', actor: bot.actor({ as: cast.subject, community: c, admin: false }) });
    const form = (await bot.run('/intro', { as: cast.subject, community: c })).form!;
    // The platform is down: the card stays in the outbox.
    bot.platform.failures.push(new DeliveryError('transient', '503'));
    await bot.submit(form, { role: 'Photographer', working_on: 'Zines' }, { as: cast.subject, community: c });
    expect((await bot.repos.outbox.counts(c)).pending).toBe(1);
    await forget(bot, cast.subject, c);
    bot.clock.advance(3_600_000);
    bot.clearSent();
    await bot.drain();
    expect(JSON.stringify(bot.sent)).not.toContain(cast.subject);
    expect(await db.findEverywhere(cast.subject)).toEqual([]);
  });
});

describe('/hallway export', () => {
  it('gives a manager the community’s data as JSON and CSV, formula-safe', async () => {
    const cast = slackCast('slack:T0EXPORT');
    const { bot } = await botWithDb({ community: cast.community });
    await liveALife(bot, cast);
    const manager = { as: cast.host, admin: true, community: cast.community };
    await bot.run('/hallway config approval:off', manager);
    const form = (await bot.run('/intro', { as: cast.third, community: cast.community })).form!;
    await bot.submit(
      form,
      { role: '=HYPERLINK("https://evil.example","click")', working_on: 'x' },
      { as: cast.third, community: cast.community },
    );
    const json = await bot.run('/hallway export', manager);
    expect(json.files?.map((f) => f.mimeType)).toEqual(['application/json']);
    const tables = JSON.parse(json.files![0]!.content) as Record<string, unknown[]>;
    for (const table of ['members', 'profiles', 'member_skills', 'meetups', 'meetup_rsvps', 'feedback_requests']) {
      expect(tables[table]?.length, table).toBeGreaterThan(0);
    }
    // One CSV per table, each with its own header line.
    const csv = await bot.run('/hallway export format:csv', manager);
    expect(csv.files?.length).toBe(Object.keys(tables).length);
    for (const file of csv.files!) expect(file.mimeType).toBe('text/csv');
    const members = csv.files!.find((f) => f.name.endsWith('-members.csv'))!.content;
    expect(members.startsWith('user_id,display_name,')).toBe(true);
    expect(members).toContain(cast.subject);
    const profiles = csv.files!.find((f) => f.name.endsWith('-profiles.csv'))!.content;
    expect(profiles).not.toMatch(/(^|,)"?=HYPERLINK/m);
    expect(profiles).toContain(`'=HYPERLINK`);
  });

  it('refuses members who are not managers, with no file', async () => {
    const cast = slackCast('slack:T0EXPORT2');
    const { bot } = await botWithDb({ community: cast.community });
    await liveALife(bot, cast);
    for (const line of ['/hallway export', '/hallway export format:csv']) {
      const reply = await bot.run(line, { as: cast.subject, community: cast.community });
      expect(reply.text).toBe('Only community managers can use `/hallway export`.');
      expect(reply.files).toBeUndefined();
    }
  });
});

describe('which outbox rows forget-me erases', () => {
  it('addressed to or naming the member, sent or not; not a queued card an update will redraw, not one in flight', async () => {
    const { repos } = await TestBot.create();
    const c: CommunityId = 'slack:T0ROWS';
    const now = new Date('2026-11-16T09:00:00Z');
    type Target = NewOutboxItem['target'];
    const items: NewOutboxItem[] = [];
    const add = (
      key: string,
      target: Target,
      text: string,
      extra: { ref?: string; buttons?: { label: string; action: string; value: string }[] } = {},
    ) =>
      items.push({
        community: c,
        key,
        target,
        reply: { text, buttons: extra.buttons },
        ref: extra.ref,
        notBefore: now,
        now,
      });
    const dm = (...userIds: string[]): Target => ({ kind: 'dm', userIds });
    add('welcome:U1', dm('U1'), 'hi');
    add('group', dm('U2', 'U1'), 'meet');
    add('names-u1', dm('U2'), `meet ${fmt.user('U1')}`);
    add('rate', dm('U2'), 'rate', { buttons: [{ label: '5', action: 'feedback.rate', value: '3:U1:5' }] });
    add('card', { kind: 'post', channelId: 'C1' }, `host ${fmt.user('U1')}`, { ref: 'meetup-card:7' });
    add('intro-card', { kind: 'post', channelId: 'C1' }, `hello ${fmt.user('U1')}`, { ref: 'intro-card:U1' });
    add('other', dm('U2'), `meet ${fmt.user('U12')}`);
    add('in-flight', dm('U1'), 'sending now');
    add('sent-names', { kind: 'post', channelId: 'C1' }, `digest ${fmt.user('U1')}`, { ref: 'digest-card:1' });
    expect(await repos.outbox.enqueue(items)).toBe(items.length);
    const ids = Object.fromEntries((await repos.outbox.list(c)).map((i) => [i.key, i.id]));
    // In flight: claimed, not yet marked. Sent: the digest post.
    for (const item of await repos.outbox.claimDue('slack', now, 100, new Date(now.getTime() + 60_000))) {
      if (item.key === 'sent-names') await repos.outbox.markSent(item.id, now);
      else if (item.key !== 'in-flight') await repos.outbox.markRetry(item.id, now, 'back to pending');
    }
    expect((await repos.outbox.get(ids['in-flight']!))?.status).toBe('sending');
    expect(await repos.outbox.deleteForMember(c, 'U1')).toBe(6);
    expect((await repos.outbox.list(c)).map((i) => i.key).sort()).toEqual(['card', 'in-flight', 'other']);
  });
});
