import { beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../data/db.ts';
import { createRepositories } from '../../data/repositories/index.ts';
import type { CommunityId } from '#core/ids.ts';
import type { Repositories } from '#core/ports/repositories.ts';

const C: CommunityId = 'shell:loft';
const OTHER: CommunityId = 'shell:elsewhere';
const T0 = new Date('2026-11-16T09:00:00Z');
const days = (n: number) => new Date(T0.getTime() + n * 86_400_000);

let repos: Repositories;

function member(userId: string, offers: string[], needs: string[], community: CommunityId = C, at = T0) {
  repos.members.touch(community, userId, userId.toUpperCase(), at);
  repos.profiles.addSkills(
    community,
    userId,
    'offer',
    offers.map((skill) => ({ skill, term: skill })),
    at,
  );
  repos.profiles.addSkills(
    community,
    userId,
    'need',
    needs.map((skill) => ({ skill, term: skill })),
    at,
  );
}

beforeEach(() => {
  repos = createRepositories(openDatabase(':memory:'));
  member('emma', ['layout-design'], ['photography']);
  member('lucas', ['photography'], ['design'], C, days(-30));
  member('idle', [], []);
  member('stranger', ['photography'], [], OTHER);
});

describe('matching repository', () => {
  it('lists participants with their skills: listed skills or opted in, not paused, not left', () => {
    expect(repos.matching.participants(C, T0).map((m) => m.userId)).toEqual(['emma', 'lucas']);
    const emma = repos.matching.member(C, 'emma')!;
    expect(emma.offers).toEqual([{ skill: 'layout-design', term: 'layout-design' }]);
    repos.matching.resume(C, 'idle', T0);
    expect(repos.matching.participants(C, T0).map((m) => m.userId)).toEqual(['emma', 'idle', 'lucas']);
    repos.members.markLeft(C, 'lucas', T0);
    expect(repos.matching.participants(C, T0).map((m) => m.userId)).toEqual(['emma', 'idle']);
    expect(repos.matching.member(C, 'lucas')).toBeUndefined();
  });

  it('pauses until a date (auto-resume) or until resumed', () => {
    repos.matching.pause(C, 'emma', days(7), 'member', T0);
    expect(repos.matching.participants(C, days(1)).map((m) => m.userId)).toEqual(['lucas']);
    expect(repos.matching.participants(C, days(7)).map((m) => m.userId)).toEqual(['emma', 'lucas']);
    repos.matching.pause(C, 'lucas', undefined, 'ignored', T0);
    expect(repos.matching.prefs(C, 'lucas')).toMatchObject({ pauseReason: 'ignored', pausedUntil: undefined });
    expect(repos.matching.participants(C, days(400)).map((m) => m.userId)).toEqual(['emma']);
    repos.matching.resume(C, 'lucas', days(1));
    expect(repos.matching.prefs(C, 'lucas')).toMatchObject({ optedIn: true, ignoredStreak: 0, pausedAt: undefined });
  });

  it('loads several members at once, in the order asked, skipping unknown ones', () => {
    expect(repos.matching.members(C, ['lucas', 'ghost', 'emma']).map((m) => m.userId)).toEqual(['lucas', 'emma']);
    expect(repos.matching.members(C, ['stranger'])).toEqual([]);
  });

  it('keeps avoid lists per member and lists pairs for the matcher', () => {
    expect(repos.matching.addAvoid(C, 'emma', 'lucas', T0)).toBe(true);
    expect(repos.matching.addAvoid(C, 'emma', 'lucas', T0)).toBe(false);
    expect(repos.matching.avoids(C, 'emma')).toEqual(['lucas']);
    expect(repos.matching.avoidPairs(C)).toEqual([['emma', 'lucas']]);
    expect(repos.matching.avoidPairs(OTHER)).toEqual([]);
    expect(repos.matching.removeAvoid(C, 'emma', 'lucas')).toBe(true);
  });

  it('stores rounds once per period, pairings with answers, history and due follow-ups', () => {
    const round = repos.matching.createRound(
      C,
      { period: 'p1', members: 3, totalScore: 2, repeats: 0, leftOut: 0 },
      T0,
    )!;
    expect(
      repos.matching.createRound(C, { period: 'p1', members: 3, totalScore: 2, repeats: 0, leftOut: 0 }, T0),
    ).toBeUndefined();
    const id = repos.matching.addPairing(
      C,
      { roundId: round, kind: 'round', score: 2, members: ['emma', 'lucas', 'idle'] },
      T0,
    );
    expect(
      repos.matching
        .metSince(C, days(-1))
        .map((p) => `${p.a}-${p.b}`)
        .sort(),
    ).toEqual(['emma-idle', 'emma-lucas', 'idle-lucas']);
    expect(repos.matching.metSince(C, days(1))).toEqual([]);
    expect(repos.matching.dueFollowUps(C, days(-1), 10)).toEqual([]);
    expect(repos.matching.dueFollowUps(C, days(3), 10).map((p) => p.id)).toEqual([id]);
    repos.matching.markFollowUpSent(C, id, days(3));
    expect(repos.matching.dueFollowUps(C, days(3), 10)).toEqual([]);
    repos.matching.recordMet(C, id, 'emma', 'yes', days(4));
    repos.matching.recordCollaborating(C, id, 'emma', true, days(4));
    repos.matching.markResponded(C, id, 'lucas', days(4));
    const pairing = repos.matching.pairing(C, id)!;
    expect(pairing.members.find((m) => m.userId === 'emma')).toMatchObject({ met: 'yes', collaborating: true });
    expect(pairing.members.find((m) => m.userId === 'lucas')?.respondedAt).toEqual(days(4));
    expect(pairing.members.find((m) => m.userId === 'idle')?.respondedAt).toBeUndefined();
    expect(repos.matching.outcomes(C, days(-1))).toEqual({ pairings: 1, met: 1, collaborating: 1 });
    expect(repos.matching.lastRound(C)).toMatchObject({ id: round, period: 'p1' });
    expect(repos.matching.pairing(OTHER, id)).toBeUndefined();
  });

  it('records suggestions and their decisions', () => {
    const id = repos.matching.addSuggestion(C, 'emma', 'lucas', 3, T0);
    expect(repos.matching.suggestion(C, id)).toMatchObject({ userId: 'emma', suggestedId: 'lucas', status: 'shown' });
    repos.matching.decideSuggestion(C, id, 'dismissed', days(1));
    expect(repos.matching.dismissedSince(C, 'emma', T0)).toEqual(['lucas']);
    expect(repos.matching.dismissedSince(C, 'emma', days(2))).toEqual([]);
  });

  it('forgets a member everywhere they appear, and exports the community rows', () => {
    repos.matching.pause(C, 'emma', undefined, 'member', T0);
    repos.matching.addAvoid(C, 'lucas', 'emma', T0);
    repos.matching.addSuggestion(C, 'lucas', 'emma', 1, T0);
    repos.matching.addPairing(C, { kind: 'intro', score: 1, members: ['emma', 'lucas'] }, T0);
    const exported = repos.matching.exportRows(C);
    expect(exported.match_pairing_members).toHaveLength(2);
    expect(repos.matching.forget(C, 'emma')).toEqual({
      'matching preferences': 1,
      'avoid list entries': 1,
      'match answers': 1,
      'match suggestions': 1,
    });
    expect(repos.matching.exportRows(C).match_pairing_members).toHaveLength(1);
  });
});
