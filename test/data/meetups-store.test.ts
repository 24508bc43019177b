/** The meetups store on the run's database (SQLite or PostgreSQL): every method, scoped to its community. */
import { beforeEach, describe, expect, it } from 'vitest';
import type { CommunityId } from '#core/ids.ts';
import type { CoreStores, Storage, Tx } from '#core/ports/storage.ts';
import type { MeetupFields, MeetupsStore } from '../../commands/meetups/store.ts';
import { dbOf } from '../../data/db/executor.ts';
import { meetupsStore } from '../../data/stores/meetups.store.ts';
import { openTestStorage } from '../support/databases.ts';

const LOFT: CommunityId = 'shell:loft';
const STUDIO: CommunityId = 'shell:studio';
const NOW = new Date('2026-11-16T08:00:00Z');
const hours = (n: number) => new Date(NOW.getTime() + n * 3_600_000);

let storage: Storage;
beforeEach(async () => {
  storage = await openTestStorage();
});

/** Runs `fn` in one transaction with the meetups store and the core stores on it. */
async function inTx<T>(fn: (store: MeetupsStore, core: CoreStores, tx: Tx) => Promise<T>): Promise<T> {
  return storage.transaction(async (tx) => await fn(meetupsStore(tx), storage.core(tx), tx));
}

async function meetup(
  store: MeetupsStore,
  community = LOFT,
  startsIn = 24,
  extra: Partial<MeetupFields> & { seriesId?: number } = {},
) {
  return await store.create({
    community,
    title: 'Zine night',
    startsAt: hours(startsIn),
    endsAt: hours(startsIn + 2),
    hostUserId: 'ana',
    createdBy: 'ana',
    now: NOW,
    ...extra,
  });
}

async function addSkill(tx: Tx, userId: string, kind: 'offer' | 'need', skill: string, term: string, at = NOW) {
  await dbOf(tx)
    .insertInto('member_skills')
    .values({ community: LOFT, user_id: userId, kind, skill, term, added_at: at.getTime() })
    .execute();
}

describe('meetups and series', () => {
  it('creates and reads a meetup with a short integer id, only within its community', async () => {
    await inTx(async (store) => {
      const m = await meetup(store, LOFT, 24, { location: 'Back room', capacity: 12, description: 'Bring glue' });
      expect(m).toMatchObject({ title: 'Zine night', location: 'Back room', capacity: 12, status: 'scheduled' });
      expect(m).toMatchObject({ cardVersion: 0, scheduleRevision: 0, createdAt: NOW, startsAt: hours(24) });
      expect(m.id).toBeGreaterThan(0);
      expect(m.seriesId).toBeUndefined();
      expect(m.slotAt).toBeUndefined();
      expect(await store.get(LOFT, m.id)).toEqual(m);
      expect(await store.get(STUDIO, m.id)).toBeUndefined();
      expect(await store.listUpcoming(STUDIO, NOW, 10)).toEqual([]);
      expect((await store.listUpcoming(LOFT, NOW, 10)).map((x) => x.id)).toEqual([m.id]);
    });
  });

  it('bumps the schedule revision only when the start moves, and refuses an unknown meetup', async () => {
    await inTx(async (store) => {
      const m = await meetup(store);
      const same = await store.update(LOFT, m.id, { ...m, title: 'Zine night!', capacity: undefined });
      expect(same).toMatchObject({ title: 'Zine night!', scheduleRevision: 0, capacity: undefined });
      const moved = await store.update(LOFT, m.id, { ...m, startsAt: hours(30), endsAt: hours(32) });
      expect(moved.scheduleRevision).toBe(1);
      expect(moved.startsAt).toEqual(hours(30));
      await expect(store.update(STUDIO, m.id, m)).rejects.toThrow(/no meetup/);
    });
  });

  it('sets status and card channel, and bumps the card version, only within the community', async () => {
    await inTx(async (store) => {
      const m = await meetup(store);
      await store.setCardChannel(LOFT, m.id, 'C1');
      expect(await store.bumpCardVersion(LOFT, m.id)).toBe(1);
      expect(await store.bumpCardVersion(LOFT, m.id)).toBe(2);
      expect(await store.bumpCardVersion(STUDIO, m.id)).toBe(0);
      await store.setStatus(STUDIO, m.id, 'cancelled');
      await store.setCardChannel(STUDIO, m.id, 'C0HIJACK');
      expect(await store.get(LOFT, m.id)).toMatchObject({ status: 'scheduled', cardChannelId: 'C1', cardVersion: 2 });
      await store.setStatus(LOFT, m.id, 'cancelled');
      expect((await store.get(LOFT, m.id))?.status).toBe('cancelled');
      expect(await store.listUpcoming(LOFT, NOW, 10)).toEqual([]);
    });
  });

  it('lists scheduled meetups by start and by end, soonest first, with a limit', async () => {
    await inTx(async (store) => {
      const past = await meetup(store, LOFT, -5); // ended at -3
      const now = await meetup(store, LOFT, -1); // runs until +1
      const soon = await meetup(store, LOFT, 2);
      const later = await meetup(store, LOFT, 48);
      const cancelled = await meetup(store, LOFT, 3);
      await store.setStatus(LOFT, cancelled.id, 'cancelled');
      await meetup(store, STUDIO, 2);
      const ids = (list: { id: number }[]) => list.map((x) => x.id);
      expect(ids(await store.listUpcoming(LOFT, NOW, 10))).toEqual([now.id, soon.id, later.id]);
      expect(ids(await store.listUpcoming(LOFT, NOW, 2))).toEqual([now.id, soon.id]);
      // [from, to): a meetup starting exactly at `to` is not in.
      expect(ids(await store.listStartingBetween(LOFT, hours(-1), hours(48)))).toEqual([now.id, soon.id]);
      expect(ids(await store.listEndedBetween(LOFT, hours(-10), NOW))).toEqual([past.id]);
      expect(ids(await store.listEndedBetween(LOFT, hours(-3), hours(4)))).toEqual([past.id, now.id]);
      expect(ids(await store.listEndedBetween(LOFT, hours(-3), hours(5)))).toEqual([past.id, now.id, soon.id]);
      expect(await store.listEndedBetween(STUDIO, hours(-10), NOW)).toEqual([]);
    });
  });

  it('keeps series: create, read, list the active ones, end', async () => {
    await inTx(async (store) => {
      const input = { community: LOFT, repeat: 'weekly' as const, timezone: 'Europe/Paris', createdAt: NOW };
      const weekly = await store.createSeries({ ...input, firstStartsAt: hours(24), createdBy: 'ana' });
      const monthly = await store.createSeries({ ...input, repeat: 'monthly', firstStartsAt: hours(48) });
      expect(weekly).toEqual({ ...input, id: weekly.id, firstStartsAt: hours(24), createdBy: 'ana', active: true });
      expect(monthly.createdBy).toBeUndefined();
      expect(await store.getSeries(LOFT, weekly.id)).toEqual(weekly);
      expect(await store.getSeries(STUDIO, weekly.id)).toBeUndefined();
      expect((await store.listActiveSeries(LOFT)).map((s) => s.id)).toEqual([weekly.id, monthly.id]);
      await store.endSeries(STUDIO, weekly.id);
      await store.endSeries(LOFT, weekly.id);
      expect((await store.listActiveSeries(LOFT)).map((s) => s.id)).toEqual([monthly.id]);
      expect((await store.getSeries(LOFT, weekly.id))?.active).toBe(false);
      expect(await store.listActiveSeries(STUDIO)).toEqual([]);
    });
  });

  it('lists a series’ occurrences and finds the latest by series date, not by moved start', async () => {
    await inTx(async (store) => {
      const series = await store.createSeries({
        community: LOFT,
        repeat: 'weekly',
        timezone: 'UTC',
        firstStartsAt: hours(24),
        createdAt: NOW,
      });
      const first = await meetup(store, LOFT, 24, { seriesId: series.id });
      const second = await meetup(store, LOFT, 24 + 168, { seriesId: series.id });
      await meetup(store, LOFT, 30); // not in the series
      expect(first.slotAt).toEqual(hours(24));
      // The first occurrence moves past the second: its slot stays, so the second is still the latest.
      await store.update(LOFT, first.id, { ...first, startsAt: hours(400), endsAt: hours(401) });
      expect((await store.get(LOFT, first.id))?.slotAt).toEqual(hours(24));
      expect((await store.latestInSeries(LOFT, series.id))?.id).toBe(second.id);
      expect((await store.listSeries(LOFT, series.id, NOW)).map((m) => m.id)).toEqual([second.id, first.id]);
      expect((await store.listSeries(LOFT, series.id, hours(200))).map((m) => m.id)).toEqual([first.id]);
      expect(await store.listSeries(STUDIO, series.id, NOW)).toEqual([]);
      expect(await store.latestInSeries(STUDIO, series.id)).toBeUndefined();
    });
  });
});

describe('RSVPs', () => {
  it('orders answers: seated going, then the waitlist by position, then maybe, then no', async () => {
    await inTx(async (store) => {
      const m = await meetup(store, LOFT, 24, { capacity: 1 });
      await store.saveRsvp(LOFT, { meetupId: m.id, userId: 'zoe', status: 'no', respondedAt: hours(0) });
      await store.saveRsvp(LOFT, { meetupId: m.id, userId: 'max', status: 'maybe', respondedAt: hours(0) });
      const lee = { meetupId: m.id, userId: 'lee', status: 'going' as const, waitlistPosition: 2, respondedAt: NOW };
      await store.saveRsvp(LOFT, lee);
      await store.saveRsvp(LOFT, { ...lee, userId: 'kim', waitlistPosition: 1, respondedAt: hours(1) });
      await store.saveRsvp(LOFT, { meetupId: m.id, userId: 'ana', status: 'going', respondedAt: hours(1) });
      expect((await store.listRsvps(LOFT, m.id)).map((r) => r.userId)).toEqual(['ana', 'kim', 'lee', 'max', 'zoe']);
      expect(await store.getRsvp(LOFT, m.id, 'lee')).toEqual(lee);
      expect(await store.getRsvp(LOFT, m.id, 'ana')).toMatchObject({ waitlistPosition: undefined });
      expect(await store.listRsvps(STUDIO, m.id)).toEqual([]);
      expect(await store.getRsvp(STUDIO, m.id, 'lee')).toBeUndefined();
    });
  });

  it('replaces a member’s answer, but never from another community', async () => {
    await inTx(async (store) => {
      const m = await meetup(store);
      await store.saveRsvp(LOFT, {
        meetupId: m.id,
        userId: 'kim',
        status: 'going',
        waitlistPosition: 1,
        respondedAt: NOW,
      });
      await store.saveRsvp(LOFT, { meetupId: m.id, userId: 'kim', status: 'maybe', respondedAt: hours(1) });
      expect(await store.getRsvp(LOFT, m.id, 'kim')).toEqual({
        meetupId: m.id,
        userId: 'kim',
        status: 'maybe',
        waitlistPosition: undefined,
        respondedAt: hours(1),
      });
      await store.saveRsvp(STUDIO, { meetupId: m.id, userId: 'kim', status: 'no', respondedAt: hours(2) });
      expect((await store.getRsvp(LOFT, m.id, 'kim'))?.status).toBe('maybe');
    });
  });

  it('lists a member’s answers to scheduled meetups not yet ended, soonest first', async () => {
    await inTx(async (store) => {
      const later = await meetup(store, LOFT, 48);
      const soon = await meetup(store, LOFT, 2);
      const ended = await meetup(store, LOFT, -5);
      const cancelled = await meetup(store, LOFT, 3);
      await store.setStatus(LOFT, cancelled.id, 'cancelled');
      for (const m of [later, soon, ended, cancelled]) {
        await store.saveRsvp(LOFT, { meetupId: m.id, userId: 'kim', status: 'going', respondedAt: NOW });
      }
      await store.saveRsvp(LOFT, { meetupId: later.id, userId: 'lee', status: 'no', respondedAt: NOW });
      const mine = await store.listMemberRsvps(LOFT, 'kim', NOW);
      expect(mine.map((x) => x.meetup)).toEqual([soon, later]);
      expect(mine[0]?.rsvp).toEqual({ meetupId: soon.id, userId: 'kim', status: 'going', respondedAt: NOW });
      expect(await store.listMemberRsvps(STUDIO, 'kim', NOW)).toEqual([]);
    });
  });
});

describe('reminders and ratings', () => {
  it('records a reminder once per (meetup, member, kind, revision)', async () => {
    await inTx(async (store) => {
      const m = await meetup(store);
      const reminder = { meetupId: m.id, userId: 'kim', kind: '24h' as const, revision: 0 };
      expect(await store.recordReminder(LOFT, reminder, NOW)).toBe(true);
      expect(await store.recordReminder(LOFT, reminder, hours(1))).toBe(false);
      expect(await store.recordReminder(LOFT, { ...reminder, kind: '1h' }, NOW)).toBe(true);
      expect(await store.recordReminder(LOFT, { ...reminder, revision: 1 }, NOW)).toBe(true);
      expect(await store.recordReminder(LOFT, { ...reminder, userId: 'lee' }, NOW)).toBe(true);
    });
  });

  it('keeps reminder preferences per member and community (on by default)', async () => {
    await inTx(async (store) => {
      expect(await store.remindersEnabled(LOFT, 'kim')).toBe(true);
      await store.setRemindersEnabled(LOFT, 'kim', false, NOW);
      expect(await store.remindersEnabled(LOFT, 'kim')).toBe(false);
      expect(await store.remindersEnabled(STUDIO, 'kim')).toBe(true);
      await store.setRemindersEnabled(LOFT, 'kim', true, hours(1));
      expect(await store.remindersEnabled(LOFT, 'kim')).toBe(true);
    });
  });

  it('summarises ratings without authors, comments sorted by text', async () => {
    await inTx(async (store) => {
      const m = await meetup(store);
      expect(await store.ratingSummary(LOFT, m.id)).toEqual({
        count: 0,
        average: undefined,
        distribution: [0, 0, 0, 0, 0],
        comments: [],
      });
      await store.saveRating(LOFT, m.id, 'kim', 5, NOW);
      await store.saveRating(LOFT, m.id, 'lee', 3, NOW);
      expect(await store.saveRatingComment(LOFT, m.id, 'lee', 'ok')).toBe(true);
      await store.saveRating(LOFT, m.id, 'lee', 4, NOW); // a second tap keeps the comment
      await store.saveRating(STUDIO, m.id, 'lee', 1, NOW); // never from another community
      expect(await store.saveRatingComment(LOFT, m.id, 'kim', 'Loved it')).toBe(true);
      expect(await store.saveRatingComment(LOFT, m.id, 'zoe', 'I was not there')).toBe(false);
      expect(await store.saveRatingComment(STUDIO, m.id, 'kim', 'hijack')).toBe(false);
      // Binary order, the same on both databases: upper case before lower case.
      expect(await store.ratingSummary(LOFT, m.id)).toEqual({
        count: 2,
        average: 4.5,
        distribution: [0, 0, 0, 1, 1],
        comments: ['Loved it', 'ok'],
      });
      expect((await store.ratingSummary(STUDIO, m.id)).count).toBe(0);
    });
  });
});

describe('community reads', () => {
  it('counts upcoming and held meetups, seated attendance and ratings', async () => {
    await inTx(async (store) => {
      expect(await store.stats(LOFT, NOW)).toEqual({
        upcoming: 0,
        held: 0,
        attended: 0,
        ratings: 0,
        averageRating: undefined,
      });
      const held = await meetup(store, LOFT, -5);
      await meetup(store, LOFT, -1); // running: neither upcoming nor held
      await meetup(store, LOFT, 5);
      const cancelled = await meetup(store, LOFT, -10);
      await store.setStatus(LOFT, cancelled.id, 'cancelled');
      await meetup(store, STUDIO, 5);
      const answer = { meetupId: held.id, status: 'going' as const, respondedAt: hours(-20) };
      await store.saveRsvp(LOFT, { ...answer, userId: 'kim' });
      await store.saveRsvp(LOFT, { ...answer, userId: 'lee' });
      await store.saveRsvp(LOFT, { ...answer, userId: 'max', waitlistPosition: 1 });
      await store.saveRsvp(LOFT, { ...answer, userId: 'zoe', status: 'maybe' });
      await store.saveRsvp(LOFT, { ...answer, meetupId: cancelled.id, userId: 'kim' });
      await store.saveRating(LOFT, held.id, 'kim', 5, NOW);
      await store.saveRating(LOFT, held.id, 'lee', 2, NOW);
      expect(await store.stats(LOFT, NOW)).toEqual({
        upcoming: 1,
        held: 1,
        attended: 2,
        ratings: 2,
        averageRating: 3.5,
      });
      expect(await store.stats(STUDIO, NOW)).toEqual({
        upcoming: 1,
        held: 0,
        attended: 0,
        ratings: 0,
        averageRating: undefined,
      });
    });
  });

  it('lists the newest members who joined since a date and have not left', async () => {
    await inTx(async (store, core) => {
      await core.members.markJoined(LOFT, 'old', 'Old', hours(-100));
      await core.members.markJoined(LOFT, 'kim', 'Kim', hours(-5));
      await core.members.markJoined(LOFT, 'lee', 'Lee', hours(-2));
      await core.members.markJoined(LOFT, 'gone', 'Gone', hours(-1));
      await core.members.markLeft(LOFT, 'gone', NOW);
      await core.members.touch(LOFT, 'lurker', 'Lurker', NOW); // seen, never joined
      await core.members.markJoined(STUDIO, 'max', 'Max', hours(-1));
      expect(await store.newestMembers(LOFT, hours(-10), 10)).toEqual([
        { userId: 'lee', displayName: 'Lee', joinedAt: hours(-2) },
        { userId: 'kim', displayName: 'Kim', joinedAt: hours(-5) },
      ]);
      expect((await store.newestMembers(LOFT, hours(-10), 1)).map((m) => m.userId)).toEqual(['lee']);
    });
  });

  it('finds skill-share ideas: needed by several, offered by someone else still here', async () => {
    await inTx(async (store, core, tx) => {
      for (const user of ['kim', 'lee', 'max', 'zoe', 'ana', 'bea', 'gone'])
        await core.members.touch(LOFT, user, user, NOW);
      for (const user of ['kim', 'lee', 'max']) await addSkill(tx, user, 'need', 'screen-printing', 'screen printing');
      await addSkill(tx, 'bea', 'offer', 'screen-printing', 'screenprint', hours(2));
      await addSkill(tx, 'ana', 'offer', 'screen-printing', 'screen printing', hours(1));
      // Wanted by two, offered only by someone who left: no idea.
      for (const user of ['kim', 'zoe']) await addSkill(tx, user, 'need', 'weaving', 'weaving');
      await addSkill(tx, 'gone', 'offer', 'weaving', 'weaving');
      await core.members.markLeft(LOFT, 'gone', NOW);
      // Wanted by two, one of them the only offerer: only one needs it from someone else.
      for (const user of ['kim', 'lee']) await addSkill(tx, user, 'need', 'knitting', 'knitting');
      await addSkill(tx, 'kim', 'offer', 'knitting', 'knitting');
      // Wanted by two (one without a member row, who counts as here), offered by one: an idea, ranked second.
      for (const user of ['max', 'imported']) await addSkill(tx, user, 'need', 'bookbinding', 'bookbinding');
      await addSkill(tx, 'zoe', 'offer', 'bookbinding', 'bookbinding');
      expect(await store.skillShareIdeas(LOFT, 2, 5)).toEqual([
        { skill: 'screen-printing', term: 'screen printing', needCount: 3, offerers: ['ana', 'bea'] },
        { skill: 'bookbinding', term: 'bookbinding', needCount: 2, offerers: ['zoe'] },
      ]);
      expect((await store.skillShareIdeas(LOFT, 2, 1)).map((i) => i.skill)).toEqual(['screen-printing']);
      expect((await store.skillShareIdeas(LOFT, 3, 5)).map((i) => i.skill)).toEqual(['screen-printing']);
      expect(await store.skillShareIdeas(STUDIO, 1, 5)).toEqual([]);
    });
  });
});

describe('invitations to host', () => {
  it('keeps one open invitation per meetup; only the member asked answers it, once; accepting sets the host', async () => {
    await inTx(async (store) => {
      const m = await meetup(store);
      await store.inviteHost(LOFT, m.id, 'kim', 'ana', NOW);
      await store.inviteHost(LOFT, m.id, 'ivy', 'ana', hours(1));
      expect(await store.hostInvite(LOFT, m.id)).toEqual({
        meetupId: m.id,
        userId: 'ivy',
        invitedBy: 'ana',
        invitedAt: hours(1),
      });
      expect(await store.hostInvite(STUDIO, m.id)).toBeUndefined();
      expect(await store.answerHostInvite(LOFT, m.id, 'kim', true)).toBe(false);
      expect(await store.answerHostInvite(STUDIO, m.id, 'ivy', true)).toBe(false);
      expect((await store.get(LOFT, m.id))?.hostUserId).toBe('ana');
      expect(await store.answerHostInvite(LOFT, m.id, 'ivy', true)).toBe(true);
      expect((await store.get(LOFT, m.id))?.hostUserId).toBe('ivy');
      expect(await store.answerHostInvite(LOFT, m.id, 'ivy', false)).toBe(false);
      expect(await store.hostInvite(LOFT, m.id)).toBeUndefined();
    });
  });

  it('a decline closes the invitation and leaves the host as it was', async () => {
    await inTx(async (store) => {
      const m = await meetup(store);
      await store.inviteHost(LOFT, m.id, 'kim', 'ana', NOW);
      expect(await store.answerHostInvite(LOFT, m.id, 'kim', false)).toBe(true);
      expect((await store.get(LOFT, m.id))?.hostUserId).toBe('ana');
      expect(await store.hostInvite(LOFT, m.id)).toBeUndefined();
    });
  });
});

describe('data rights', () => {
  it('forgets a member: answers, ratings, reminders, prefs; hosted meetups lose their host', async () => {
    await inTx(async (store) => {
      const hosted = await meetup(store);
      const other = await meetup(store, LOFT, 48, { hostUserId: 'kim' });
      const third = await meetup(store, LOFT, 72, { hostUserId: 'kim' });
      const series = await store.createSeries({
        community: LOFT,
        repeat: 'weekly',
        timezone: 'UTC',
        firstStartsAt: hours(24),
        createdBy: 'ana',
        createdAt: NOW,
      });
      const studio = await meetup(store, STUDIO);
      for (const m of [other, hosted]) {
        await store.saveRsvp(LOFT, { meetupId: m.id, userId: 'ana', status: 'going', respondedAt: NOW });
        await store.recordReminder(LOFT, { meetupId: m.id, userId: 'ana', kind: '24h', revision: 0 }, NOW);
      }
      await store.recordReminder(LOFT, { meetupId: other.id, userId: 'ana', kind: '1h', revision: 0 }, NOW);
      await store.saveRsvp(LOFT, { meetupId: third.id, userId: 'kim', status: 'going', respondedAt: NOW });
      await store.saveRating(LOFT, hosted.id, 'ana', 5, NOW);
      await store.setRemindersEnabled(LOFT, 'ana', false, NOW);
      await store.saveRsvp(STUDIO, { meetupId: studio.id, userId: 'ana', status: 'going', respondedAt: NOW });
      // Her calendar feed goes; the community's feed (no member) and another community's stay.
      await store.saveCalendarFeed(LOFT, 'ana', 'a'.repeat(64), NOW);
      await store.saveCalendarFeed(LOFT, undefined, 'b'.repeat(64), NOW);
      await store.saveCalendarFeed(STUDIO, 'ana', 'c'.repeat(64), NOW);
      // Invitations to host: one Ana received, one she sent, and one in another community that stays.
      await store.inviteHost(LOFT, third.id, 'ana', 'kim', NOW);
      await store.inviteHost(LOFT, hosted.id, 'kim', 'ana', NOW);
      await store.inviteHost(STUDIO, studio.id, 'ana', 'kim', NOW);

      const { counts, meetupIds } = await store.forgetMember(LOFT, 'ana');
      expect(counts).toEqual({ rsvps: 2, reminders: 3, prefs: 1, ratings: 1, hosted: 1, feeds: 1, invites: 2 });
      expect(await store.findCalendarFeed('a'.repeat(64))).toBeUndefined();
      expect(await store.findCalendarFeed('b'.repeat(64))).toEqual({ community: LOFT });
      expect(await store.findCalendarFeed('c'.repeat(64))).toMatchObject({ community: STUDIO, userId: 'ana' });
      expect(await store.hostInvite(LOFT, third.id)).toBeUndefined();
      expect(await store.hostInvite(STUDIO, studio.id)).toMatchObject({ userId: 'ana', invitedBy: 'kim' });
      expect(meetupIds).toEqual([hosted.id, other.id].sort((a, b) => a - b));
      expect(await store.get(LOFT, hosted.id)).toMatchObject({ hostUserId: undefined, createdBy: undefined });
      expect((await store.getSeries(LOFT, series.id))?.createdBy).toBeUndefined();
      expect(await store.getRsvp(LOFT, third.id, 'kim')).toBeDefined();
      const rows = await store.exportRows(LOFT);
      expect(JSON.stringify(rows)).not.toContain('"ana"');
      expect(rows.meetups).toHaveLength(3);
      // Another community's rows about the same member stay.
      expect((await store.getRsvp(STUDIO, studio.id, 'ana'))?.status).toBe('going');
      expect((await store.get(STUDIO, studio.id))?.hostUserId).toBe('ana');
      expect((await store.forgetMember(LOFT, 'ana')).counts).toEqual({
        rsvps: 0,
        reminders: 0,
        prefs: 0,
        ratings: 0,
        hosted: 0,
        feeds: 0,
        invites: 0,
      });
    });
  });

  it('exports what the cards show, and ratings only as an aggregate per meetup', async () => {
    await inTx(async (store) => {
      const m = await meetup(store);
      await store.createSeries({
        community: LOFT,
        repeat: 'monthly',
        timezone: 'UTC',
        firstStartsAt: NOW,
        createdAt: NOW,
      });
      await store.saveRsvp(LOFT, { meetupId: m.id, userId: 'kim', status: 'going', respondedAt: NOW });
      await store.saveRsvp(LOFT, { meetupId: m.id, userId: 'ivy', status: 'no', respondedAt: NOW });
      await store.recordReminder(LOFT, { meetupId: m.id, userId: 'kim', kind: 'rating', revision: 0 }, NOW);
      await store.setRemindersEnabled(LOFT, 'kim', false, NOW);
      await store.saveRating(LOFT, m.id, 'kim', 5, NOW);
      await store.saveRating(LOFT, m.id, 'lee', 2, NOW);
      await store.saveRatingComment(LOFT, m.id, 'kim', 'Loved it');
      await meetup(store, STUDIO);
      const rows = await store.exportRows(LOFT);
      expect(Object.keys(rows)).toEqual(['meetup_series', 'meetups', 'meetup_rsvps', 'meetup_ratings']);
      expect(rows.meetups?.[0]).toMatchObject({ id: m.id, title: 'Zine night', starts_at: hours(24).getTime() });
      // A "can't go" is not listed (the card does not show it).
      expect(rows.meetup_rsvps).toEqual([
        { meetup_id: m.id, user_id: 'kim', status: 'going', waitlist_position: null, responded_at: NOW.getTime() },
      ]);
      // Even the admin export does not say who rated what, nor how any one rating went.
      expect(rows.meetup_ratings).toEqual([{ meetup_id: m.id, ratings: 2, average_score: 3.5 }]);
      expect(JSON.stringify(rows)).not.toContain('Loved it');
      expect(Object.values(await store.exportRows(STUDIO)).map((list) => list.length)).toEqual([0, 1, 0, 0]);
    });
  });
});
