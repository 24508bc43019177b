import { beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../data/db.ts';
import { createRepositories } from '../../data/repositories/index.ts';
import type { CommunityId } from '#core/ids.ts';
import type { MeetupsStore } from '../../commands/meetups/store.ts';
import type { Repositories } from '#core/ports/repositories.ts';

const LOFT: CommunityId = 'shell:loft';
const STUDIO: CommunityId = 'shell:studio';
const NOW = new Date('2026-11-16T08:00:00Z');
const hours = (n: number) => new Date(NOW.getTime() + n * 3_600_000);

let repos: Repositories;
let repo: MeetupsStore;
beforeEach(() => {
  repos = createRepositories(openDatabase(':memory:'));
  repo = repos.meetups;
});

function meetup(community = LOFT, startsIn = 24, extra: { capacity?: number; seriesId?: number } = {}) {
  return repo.create({
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

describe('MeetupsStore', () => {
  it('creates and reads a meetup with a short integer id, only within its community', () => {
    const m = meetup();
    expect(m.id).toBeGreaterThan(0);
    expect(repo.get(LOFT, m.id)).toEqual(m);
    expect(repo.get(STUDIO, m.id)).toBeUndefined();
    expect(repo.listUpcoming(STUDIO, NOW, 10)).toEqual([]);
    expect(repo.listUpcoming(LOFT, NOW, 10).map((x) => x.id)).toEqual([m.id]);
  });

  it('bumps the schedule revision only when the start moves', () => {
    const m = meetup();
    const same = repo.update(LOFT, m.id, { ...m, title: 'Zine night!' });
    expect(same.scheduleRevision).toBe(0);
    const moved = repo.update(LOFT, m.id, { ...m, startsAt: hours(30), endsAt: hours(32) });
    expect(moved.scheduleRevision).toBe(1);
    expect(moved.startsAt).toEqual(hours(30));
  });

  it('orders answers: seated going, then the waitlist by position, then maybe, then no', () => {
    const m = meetup(LOFT, 24, { capacity: 1 });
    repo.saveRsvp(LOFT, { meetupId: m.id, userId: 'zoe', status: 'no', respondedAt: hours(0) });
    repo.saveRsvp(LOFT, { meetupId: m.id, userId: 'max', status: 'maybe', respondedAt: hours(0) });
    repo.saveRsvp(LOFT, { meetupId: m.id, userId: 'lee', status: 'going', waitlistPosition: 2, respondedAt: hours(0) });
    repo.saveRsvp(LOFT, { meetupId: m.id, userId: 'kim', status: 'going', waitlistPosition: 1, respondedAt: hours(1) });
    repo.saveRsvp(LOFT, { meetupId: m.id, userId: 'ana', status: 'going', respondedAt: hours(1) });
    expect(repo.listRsvps(LOFT, m.id).map((r) => r.userId)).toEqual(['ana', 'kim', 'lee', 'max', 'zoe']);
    expect(repo.nextWaitlistPosition(LOFT, m.id)).toBe(3);
    expect(repo.listRsvps(STUDIO, m.id)).toEqual([]);
  });

  it('records a reminder once per (meetup, member, kind, revision)', () => {
    const m = meetup();
    const reminder = { meetupId: m.id, userId: 'kim', kind: '24h' as const, revision: 0 };
    expect(repo.recordReminder(LOFT, reminder, NOW)).toBe(true);
    expect(repo.recordReminder(LOFT, reminder, NOW)).toBe(false);
    expect(repo.recordReminder(LOFT, { ...reminder, kind: '1h' }, NOW)).toBe(true);
    expect(repo.recordReminder(LOFT, { ...reminder, revision: 1 }, NOW)).toBe(true);
  });

  it('keeps reminder preferences per member and community (on by default)', () => {
    expect(repo.remindersEnabled(LOFT, 'kim')).toBe(true);
    repo.setRemindersEnabled(LOFT, 'kim', false, NOW);
    expect(repo.remindersEnabled(LOFT, 'kim')).toBe(false);
    expect(repo.remindersEnabled(STUDIO, 'kim')).toBe(true);
  });

  it('summarises ratings without authors', () => {
    const m = meetup();
    repo.saveRating(LOFT, m.id, 'kim', 5, NOW);
    repo.saveRating(LOFT, m.id, 'lee', 3, NOW);
    repo.saveRating(LOFT, m.id, 'lee', 4, NOW);
    expect(repo.saveRatingComment(LOFT, m.id, 'kim', 'Loved it')).toBe(true);
    expect(repo.saveRatingComment(LOFT, m.id, 'zoe', 'I was not there')).toBe(false);
    // Even the admin export does not say who rated what.
    expect(repo.exportRows(LOFT).meetup_ratings?.map((r) => Object.keys(r).includes('user_id'))).toEqual([
      false,
      false,
    ]);
    expect(repo.ratingSummary(LOFT, m.id)).toEqual({
      count: 2,
      average: 4.5,
      distribution: [0, 0, 0, 1, 1],
      comments: ['Loved it'],
    });
  });

  it('finds skill-share ideas: needed by several, offered by someone still here', () => {
    for (const user of ['kim', 'lee', 'max', 'zoe']) repos.members.touch(LOFT, user, user, NOW);
    repos.members.touch(LOFT, 'ana', 'Ana', NOW);
    repos.members.touch(LOFT, 'gone', 'Gone', NOW);
    const screen = [{ skill: 'screen-printing', term: 'screen printing' }];
    for (const user of ['kim', 'lee', 'max']) repos.profiles.addSkills(LOFT, user, 'need', screen, NOW);
    repos.profiles.addSkills(LOFT, 'ana', 'offer', screen, NOW);
    // Wanted by two, offered only by someone who left: no idea.
    const weaving = [{ skill: 'weaving', term: 'weaving' }];
    for (const user of ['kim', 'zoe']) repos.profiles.addSkills(LOFT, user, 'need', weaving, NOW);
    repos.profiles.addSkills(LOFT, 'gone', 'offer', weaving, NOW);
    repos.members.markLeft(LOFT, 'gone', NOW);
    expect(repo.skillShareIdeas(LOFT, 2, 5)).toEqual([
      { skill: 'screen-printing', term: 'screen printing', needCount: 3, offerers: ['ana'] },
    ]);
    expect(repo.skillShareIdeas(STUDIO, 2, 5)).toEqual([]);
  });

  it('forgets a member: answers, ratings, reminders, prefs; hosted meetups lose their host', () => {
    const m = meetup();
    repo.saveRsvp(LOFT, { meetupId: m.id, userId: 'ana', status: 'going', respondedAt: NOW });
    repo.saveRating(LOFT, m.id, 'ana', 5, NOW);
    repo.recordReminder(LOFT, { meetupId: m.id, userId: 'ana', kind: '24h', revision: 0 }, NOW);
    repo.setRemindersEnabled(LOFT, 'ana', false, NOW);
    const { counts, meetupIds } = repo.forgetMember(LOFT, 'ana');
    expect(counts).toEqual({ rsvps: 1, reminders: 1, prefs: 1, ratings: 1, hosted: 1 });
    expect(meetupIds).toEqual([m.id]);
    expect(repo.get(LOFT, m.id)?.hostUserId).toBeUndefined();
    expect(repo.get(LOFT, m.id)?.createdBy).toBeUndefined();
    const rows = repo.exportRows(LOFT);
    expect(JSON.stringify(rows)).not.toContain('"ana"');
    expect(rows.meetups).toHaveLength(1);
  });
});
