/**
 * The matching store on the run's database (SQLite or PostgreSQL): participants, pauses, avoid lists, rounds and
 * pairings with their answers, suggestions, forget-me and export. The index reads are in matching-index-store.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { avoidsEither } from '../../data/stores/member-reads.ts';
import {
  addMember,
  addSkills,
  C,
  days,
  type MatchingFixture,
  minutes,
  OTHER,
  openMatching,
  T0,
} from './matching-support.ts';

let f: MatchingFixture;

beforeEach(async () => {
  f = await openMatching();
  await f.run(async (u) => {
    await addMember(u, 'emma', ['layout-design'], ['photography']);
    await addMember(u, 'lucas', ['photography'], ['design'], C, days(-30));
    await addMember(u, 'idle', [], []);
    await addMember(u, 'stranger', ['photography'], [], OTHER);
  });
});

const ids = (members: readonly { userId: string }[]) => members.map((m) => m.userId);

describe('participants and members', () => {
  it('lists participants with their skills: listed skills or opted in, not paused, not left', async () => {
    await f.run(async ({ store, core }) => {
      expect(ids(await store.participants(C, T0))).toEqual(['emma', 'lucas']);
      expect(await store.member(C, 'emma')).toEqual({
        userId: 'emma',
        displayName: 'EMMA',
        lastActiveAt: T0,
        offers: [{ skill: 'layout-design', term: 'layout-design' }],
        needs: [{ skill: 'photography', term: 'photography' }],
      });
      await store.resume(C, 'idle', T0);
      expect(ids(await store.participants(C, T0))).toEqual(['emma', 'idle', 'lucas']);
      expect((await store.participants(C, T0))[1]).toMatchObject({ userId: 'idle', offers: [], needs: [] });
      await core.members.markLeft(C, 'lucas', T0);
      expect(ids(await store.participants(C, T0))).toEqual(['emma', 'idle']);
      expect(await store.member(C, 'lucas')).toBeUndefined();
      expect(await store.member(C, 'stranger')).toBeUndefined();
    });
  });

  it('gives a member’s skills in the order they were added, with their terms', async () => {
    await f.run(async ({ store, db }) => {
      await addSkills(db, 'emma', 'offer', ['zines:risograph zines'], minutes(10));
      await addSkills(db, 'emma', 'offer', ['animation'], minutes(5));
      await addSkills(db, 'emma', 'need', ['branding:logos'], minutes(5));
      const emma = await store.member(C, 'emma');
      expect(emma?.offers).toEqual([
        { skill: 'layout-design', term: 'layout-design' },
        { skill: 'animation', term: 'animation' },
        { skill: 'zines', term: 'risograph zines' },
      ]);
      expect(emma?.needs.map((s) => s.term)).toEqual(['photography', 'logos']);
      expect((await store.participants(C, T0))[0]).toEqual(emma);
    });
  });

  it('counts a paused member as a member, not as a participant', async () => {
    await f.run(async ({ store }) => {
      await store.pause(C, 'emma', undefined, 'member', T0);
      expect(ids(await store.participants(C, T0))).toEqual(['lucas']);
      expect((await store.member(C, 'emma'))?.userId).toBe('emma');
    });
  });

  it('loads several members at once, in the order asked, skipping unknown ones', async () => {
    await f.run(async ({ store }) => {
      expect(ids(await store.members(C, ['lucas', 'ghost', 'emma']))).toEqual(['lucas', 'emma']);
      expect(ids(await store.members(C, ['idle', 'idle']))).toEqual(['idle', 'idle']);
      expect(await store.members(C, ['stranger'])).toEqual([]);
      expect(await store.members(C, [])).toEqual([]);
      expect((await store.members(C, ['lucas']))[0]).toEqual(await store.member(C, 'lucas'));
    });
  });
});

describe('preferences', () => {
  it('pauses until a date (auto-resume) or until resumed', async () => {
    await f.run(async ({ store }) => {
      expect(await store.prefs(C, 'emma')).toEqual({ optedIn: false, ignoredStreak: 0 });
      await store.pause(C, 'emma', days(7), 'member', T0);
      expect(await store.prefs(C, 'emma')).toEqual({
        optedIn: false,
        pausedAt: T0,
        pausedUntil: days(7),
        pauseReason: 'member',
        ignoredStreak: 0,
      });
      expect(ids(await store.participants(C, days(1)))).toEqual(['lucas']);
      expect(ids(await store.participants(C, days(7)))).toEqual(['emma', 'lucas']);
      await store.pause(C, 'lucas', undefined, 'ignored', T0);
      expect(await store.prefs(C, 'lucas')).toMatchObject({ pauseReason: 'ignored', pausedUntil: undefined });
      expect(ids(await store.participants(C, days(400)))).toEqual(['emma']);
      await store.setIgnoredStreak(C, 'lucas', 2, days(1));
      await store.resume(C, 'lucas', days(1));
      expect(await store.prefs(C, 'lucas')).toEqual({ optedIn: true, ignoredStreak: 0 });
    });
  });

  it('keeps an ignored streak, creating the preferences row when needed', async () => {
    await f.run(async ({ store }) => {
      await store.setIgnoredStreak(C, 'emma', 2, T0);
      expect(await store.prefs(C, 'emma')).toEqual({ optedIn: false, ignoredStreak: 2 });
      await store.setIgnoredStreak(C, 'emma', 3, days(1));
      expect(await store.prefs(C, 'emma')).toEqual({ optedIn: false, ignoredStreak: 3 });
      expect(await store.prefs(OTHER, 'emma')).toEqual({ optedIn: false, ignoredStreak: 0 });
    });
  });
});

describe('avoid lists', () => {
  it('keeps avoid lists per member and lists pairs for the matcher', async () => {
    await f.run(async ({ store }) => {
      expect(await store.addAvoid(C, 'emma', 'lucas', T0)).toBe(true);
      expect(await store.addAvoid(C, 'emma', 'lucas', T0)).toBe(false);
      expect(await store.addAvoid(C, 'emma', 'idle', days(1))).toBe(true);
      expect(await store.addAvoid(C, 'lucas', 'emma', T0)).toBe(true);
      expect(await store.avoids(C, 'emma')).toEqual({ members: ['lucas', 'idle'], forgotten: 0 });
      expect(await store.avoidPairs(C)).toEqual([
        ['emma', 'idle'],
        ['emma', 'lucas'],
        ['lucas', 'emma'],
      ]);
      expect(await store.avoidedAmong(C, 'idle', ['emma', 'lucas'])).toEqual(['emma']);
      expect(await store.avoidedAmong(C, 'emma', ['lucas', 'stranger', 'idle', 'emma'])).toEqual(['lucas', 'idle']);
      expect(await store.avoidedAmong(OTHER, 'emma', ['lucas', 'idle'])).toEqual([]);
      expect(await store.avoidPairs(OTHER)).toEqual([]);
      expect(await store.removeAvoid(C, 'emma', 'lucas')).toBe(true);
      expect(await store.removeAvoid(C, 'emma', 'lucas')).toBe(false);
      expect((await store.avoids(C, 'emma')).members).toEqual(['idle']);
    });
  });

  it("keeps the avoider's entry, by keyed hash only, when the avoided member is forgotten; it holds when they return", async () => {
    await f.run(async ({ store }) => {
      await store.addAvoid(C, 'emma', 'lucas', T0);
      await store.addAvoid(C, 'lucas', 'idle', T0);
      expect((await store.forget(C, 'lucas'))['avoid list entries']).toBe(2);
    });
    const rows = await f.run(({ db }) => db.selectFrom('match_avoid').selectAll().execute());
    // Lucas's own list is gone; Emma's entry keeps a hash and no readable id.
    expect(rows).toEqual([
      {
        community: C,
        user_id: 'emma',
        avoid_user_id: null,
        avoid_hash: expect.stringMatching(/^[0-9a-f]{64}$/),
        created_at: T0.getTime(),
      },
    ]);
    expect(JSON.stringify(rows)).not.toContain('lucas');
    await f.run(async ({ store, core, db }) => {
      expect(await store.avoids(C, 'emma')).toEqual({ members: [], forgotten: 1 });
      // Lucas comes back (same platform id): still avoided, both ways, by the matcher too.
      await core.members.touch(C, 'lucas', 'Lucas', days(2));
      expect(await store.avoidedAmong(C, 'emma', ['lucas', 'idle'])).toEqual(['lucas']);
      expect(await store.avoidedAmong(C, 'lucas', ['emma'])).toEqual(['emma']);
      expect(await store.avoidPairs(C)).toEqual([['emma', 'lucas']]);
      // Mentorship and presence read the same lists (a coffee, a mentor found or asked): him too.
      expect(await avoidsEither(db, C, 'lucas')).toEqual(['emma']);
      expect(await avoidsEither(db, C, 'emma')).toEqual(['lucas']);
      // The same hash in another community's list means nothing: each community has its own key.
      expect(await store.avoidedAmong(OTHER, 'emma', ['lucas'])).toEqual([]);
      // Emma avoiding him again names him in her list; unavoiding ends it.
      expect(await store.addAvoid(C, 'emma', 'lucas', days(3))).toBe(false);
      expect(await store.avoids(C, 'emma')).toEqual({ members: ['lucas'], forgotten: 0 });
      await store.forget(C, 'lucas');
      expect(await store.removeAvoid(C, 'emma', 'lucas')).toBe(true);
      expect(await store.avoidedAmong(C, 'emma', ['lucas'])).toEqual([]);
    });
  });

  it('hashes entries written before the keys existed when the community makes its key', async () => {
    await f.run(async ({ db }) => {
      await db
        .insertInto('match_avoid')
        .values({ community: C, user_id: 'emma', avoid_user_id: 'lucas', avoid_hash: null, created_at: T0.getTime() })
        .execute();
    });
    await f.run(async ({ store }) => {
      expect(await store.avoidedAmong(C, 'lucas', ['emma'])).toEqual(['emma']);
      await store.forget(C, 'lucas');
    });
    await f.run(async ({ store, core }) => {
      await core.members.touch(C, 'lucas', 'Lucas', days(1));
      expect(await store.avoidedAmong(C, 'emma', ['lucas'])).toEqual(['lucas']);
    });
  });
});

describe('rounds and pairings', () => {
  const round = { period: 'p1', members: 3, totalScore: 2.5, repeats: 1, leftOut: 0 };

  it('stores rounds once per period, pairings with answers, history and due follow-ups', async () => {
    await f.run(async ({ store }) => {
      expect(await store.lastRound(C)).toBeUndefined();
      const roundId = (await store.createRound(C, round, T0))!;
      expect(roundId).toBeTypeOf('number');
      expect(await store.createRound(C, round, T0)).toBeUndefined();
      expect(await store.lastRound(C)).toEqual({ id: roundId, createdAt: T0, ...round });
      const later = (await store.createRound(C, { ...round, period: 'p2' }, days(7)))!;
      expect((await store.lastRound(C))?.id).toBe(later);
      const id = await store.addPairing(
        C,
        { roundId, kind: 'round', score: 2, members: ['emma', 'lucas', 'idle'] },
        T0,
      );
      expect((await store.metSince(C, days(-1))).map((p) => `${p.a}-${p.b}`).sort()).toEqual([
        'emma-idle',
        'emma-lucas',
        'idle-lucas',
      ]);
      expect((await store.metSince(C, days(-1)))[0]?.at).toEqual(T0);
      expect(await store.metSince(C, days(1))).toEqual([]);
      expect(await store.dueFollowUps(C, days(-1), 10)).toEqual([]);
      expect((await store.dueFollowUps(C, days(3), 10)).map((p) => p.id)).toEqual([id]);
      await store.markFollowUpSent(C, id, days(3));
      expect(await store.dueFollowUps(C, days(3), 10)).toEqual([]);
      await store.recordMet(C, id, 'emma', 'yes', days(4));
      await store.recordCollaborating(C, id, 'emma', true, days(5));
      await store.markResponded(C, id, 'lucas', days(4));
      await store.markResponded(C, id, 'lucas', days(6)); // the first response stays
      await store.recordCollaborating(C, id, 'lucas', false, days(6));
      expect(await store.pairing(C, id)).toEqual({
        id,
        roundId,
        kind: 'round',
        score: 2,
        createdAt: T0,
        followUpAt: days(3),
        members: [
          { userId: 'emma', respondedAt: days(4), met: 'yes', collaborating: true },
          { userId: 'idle', respondedAt: undefined, met: undefined, collaborating: undefined },
          { userId: 'lucas', respondedAt: days(4), met: undefined, collaborating: false },
        ],
      });
      expect(await store.outcomes(C, days(-1))).toEqual({ pairings: 1, met: 1, collaborating: 1 });
      expect(await store.outcomes(C, days(1))).toEqual({ pairings: 0, met: 0, collaborating: 0 });
      expect(await store.pairing(OTHER, id)).toBeUndefined();
    });
  });

  it('lists a round’s pairings, a member’s newest first, and due follow-ups oldest first, with limits', async () => {
    await f.run(async ({ store }) => {
      const roundId = (await store.createRound(C, round, T0))!;
      const a = await store.addPairing(C, { roundId, kind: 'round', score: 1, members: ['emma', 'lucas'] }, T0);
      const b = await store.addPairing(C, { roundId, kind: 'round', score: 0.5, members: ['idle'] }, T0);
      const c = await store.addPairing(C, { kind: 'intro', score: 3, members: ['emma', 'idle', 'emma'] }, days(2));
      const d = await store.addPairing(C, { kind: 'intro', score: 1, members: [] }, days(1));
      expect((await store.roundPairings(C, roundId)).map((p) => [p.id, p.members.length])).toEqual([
        [a, 2],
        [b, 1],
      ]);
      expect(await store.roundPairings(OTHER, roundId)).toEqual([]);
      const intro = (await store.pairingsOf(C, 'emma', 10))[0];
      expect(intro).toMatchObject({ id: c, kind: 'intro', roundId: undefined, score: 3, createdAt: days(2) });
      expect(intro?.members.map((m) => m.userId)).toEqual(['emma', 'idle']);
      expect((await store.pairingsOf(C, 'emma', 10)).map((p) => p.id)).toEqual([c, a]);
      expect((await store.pairingsOf(C, 'emma', 1)).map((p) => p.id)).toEqual([c]);
      expect(await store.pairingsOf(OTHER, 'emma', 10)).toEqual([]);
      expect((await store.dueFollowUps(C, days(9), 10)).map((p) => p.id)).toEqual([a, b, d, c]);
      expect((await store.dueFollowUps(C, days(9), 3)).map((p) => p.id)).toEqual([a, b, d]);
      expect((await store.pairing(C, d))?.members).toEqual([]);
      expect(await store.outcomes(C, days(-1))).toEqual({ pairings: 4, met: 0, collaborating: 0 });
    });
  });
});

describe('suggestions', () => {
  it('records suggestions and their decisions', async () => {
    await f.run(async ({ store }) => {
      const id = await store.addSuggestion(C, 'emma', 'lucas', 3.5, T0);
      expect(await store.suggestion(C, id)).toEqual({
        id,
        userId: 'emma',
        suggestedId: 'lucas',
        score: 3.5,
        status: 'shown',
        createdAt: T0,
      });
      expect(await store.suggestion(OTHER, id)).toBeUndefined();
      await store.decideSuggestion(C, id, 'dismissed', days(1));
      const again = await store.addSuggestion(C, 'emma', 'lucas', 3, days(1));
      await store.decideSuggestion(C, again, 'dismissed', days(1));
      const idle = await store.addSuggestion(C, 'emma', 'idle', 1, days(1));
      await store.decideSuggestion(C, idle, 'introduced', days(1));
      expect((await store.suggestion(C, idle))?.status).toBe('introduced');
      // Never suggested: dismissed since then.
      expect(await store.dismissedSince(C, 'emma', T0)).toEqual(['lucas']);
      expect(await store.dismissedSince(C, 'emma', days(2))).toEqual([]);
      expect(await store.dismissedSince(C, 'lucas', T0)).toEqual([]);
    });
  });

  it('records several suggestions in one call, their ids in the order given', async () => {
    await f.run(async ({ store }) => {
      const ids = await store.addSuggestions(
        C,
        'emma',
        [
          { suggestedId: 'zoe', score: 1 },
          { suggestedId: 'lucas', score: 3 },
          { suggestedId: 'idle', score: 2 },
        ],
        T0,
      );
      expect(await Promise.all(ids.map(async (id) => (await store.suggestion(C, id))?.suggestedId))).toEqual([
        'zoe',
        'lucas',
        'idle',
      ]);
      expect(await store.addSuggestions(C, 'emma', [], T0)).toEqual([]);
    });
  });
});

describe('data rights', () => {
  it('forgets a member everywhere they appear, and exports the community rows', async () => {
    await f.run(async ({ store, db }) => {
      await store.pause(C, 'emma', undefined, 'member', T0);
      await store.addAvoid(C, 'lucas', 'emma', T0);
      await store.addAvoid(C, 'emma', 'idle', T0);
      await store.addAvoid(C, 'lucas', 'idle', T0);
      await store.addSuggestion(C, 'lucas', 'emma', 1, T0);
      await store.addSuggestion(C, 'emma', 'idle', 1, T0);
      await store.createRound(C, { period: 'p1', members: 2, totalScore: 1, repeats: 0, leftOut: 0 }, T0);
      const pairing = await store.addPairing(C, { kind: 'intro', score: 1, members: ['emma', 'lucas'] }, T0);
      await store.addSuggestion(OTHER, 'stranger', 'emma', 1, T0);
      const exported = await store.exportRows(C);
      // Avoid lists and suggestions are private to each member: never exported.
      expect(Object.keys(exported)).toEqual(['match_prefs', 'match_rounds', 'match_pairings', 'match_pairing_members']);
      expect(exported.match_pairing_members).toEqual([
        { pairing_id: pairing, user_id: 'emma' },
        { pairing_id: pairing, user_id: 'lucas' },
      ]);
      expect(exported.match_prefs).toEqual([
        { user_id: 'emma', opted_in: 0, paused_at: T0.getTime(), paused_until: null },
      ]);
      expect(exported.match_rounds).toEqual([
        expect.objectContaining({ period: 'p1', members: 2, members_who_met: 0, members_collaborating: 0 }),
      ]);
      expect(await store.forget(C, 'emma')).toEqual({
        'matching preferences': 1,
        'avoid list entries': 2,
        'match answers': 1,
        'match suggestions': 2,
      });
      const after = await store.exportRows(C);
      expect(after.match_pairing_members?.map((r) => r.user_id)).toEqual(['lucas']);
      // Lucas's protection from Emma stays, by hash only (read from the table: avoid lists are never exported).
      const avoids = await db.selectFrom('match_avoid').selectAll().where('community', '=', C).execute();
      expect(avoids.map((r) => `${r.user_id}>${r.avoid_user_id}`).sort()).toEqual(['lucas>idle', 'lucas>null']);
      expect(JSON.stringify([after, avoids])).not.toContain('emma');
      expect(after.match_prefs).toEqual([]);
      expect(await store.dismissedSince(OTHER, 'stranger', T0)).toEqual([]);
      expect(await store.forget(C, 'emma')).toEqual({
        'matching preferences': 0,
        'avoid list entries': 0,
        'match answers': 0,
        'match suggestions': 0,
      });
    });
  });
});
