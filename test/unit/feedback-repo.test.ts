import { beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../data/db.ts';
import { createRepositories } from '../../data/repositories/index.ts';
import type { CommunityId } from '#core/ids.ts';
import type { FeedbackStore } from '../../commands/feedback/store.ts';
import type { Repositories } from '#core/ports/repositories.ts';

const LOFT: CommunityId = 'shell:loft';
const STUDIO: CommunityId = 'shell:studio';
const NOW = new Date('2026-11-16T08:00:00Z');
const DAY = 86_400_000;
const daysAgo = (n: number) => new Date(NOW.getTime() - n * DAY);

let repos: Repositories;
let repo: FeedbackStore;
beforeEach(() => {
  repos = createRepositories(openDatabase(':memory:'));
  repo = repos.feedback;
});

function offerer(userId: string, skills: readonly string[] = ['illustration'], community = LOFT) {
  repos.members.touch(community, userId, userId, NOW);
  repos.profiles.addSkills(
    community,
    userId,
    'offer',
    skills.map((skill) => ({ skill, term: skill })),
    NOW,
  );
}

/** u00 … u09, stored in that order. */
function tenOfferers(): string[] {
  const ids = Array.from({ length: 10 }, (_, i) => `u0${i}`);
  for (const id of ids) offerer(id);
  return ids;
}

describe('FeedbackStore.offerersOf', () => {
  it('reads a bounded window of offerers that starts where asked and wraps around', () => {
    const ids = tenOfferers();
    expect(repo.offerersOf(LOFT, 'illustration', 0, 4)).toEqual(ids.slice(0, 4));
    expect(repo.offerersOf(LOFT, 'illustration', 0.5, 4)).toEqual(ids.slice(5, 9));
    expect(repo.offerersOf(LOFT, 'illustration', 0.9, 4)).toEqual(['u09', 'u00', 'u01', 'u02']);
  });

  it('returns every offerer once when the window is larger than the list, whatever the start', () => {
    const ids = tenOfferers();
    for (const start of [0, 0.25, 0.99]) {
      const found = repo.offerersOf(LOFT, 'illustration', start, 50);
      expect([...found].sort()).toEqual(ids);
    }
  });

  it('never returns members who left, paused review asks, only need the skill, or belong elsewhere', () => {
    for (const id of ['ana', 'gone', 'paused']) offerer(id);
    offerer('bo', ['photography']);
    offerer('cy', ['illustration'], STUDIO);
    repos.profiles.addSkills(LOFT, 'dee', 'need', [{ skill: 'illustration', term: 'illustration' }], NOW);
    repos.members.touch(LOFT, 'dee', 'dee', NOW);
    repos.members.markLeft(LOFT, 'gone', NOW);
    repo.setOptOut(LOFT, 'paused', 'asks', true, NOW);
    expect(repo.offerersOf(LOFT, 'illustration', 0, 50)).toEqual(['ana']);
    expect(repo.offerersOf(LOFT, 'zines', 0, 50)).toEqual([]);
    expect(repo.offerersOf(LOFT, 'illustration', 0, 0)).toEqual([]);
  });
});

describe('FeedbackStore.reviewerLoads', () => {
  function request(requester: string, at: Date) {
    return repo.createRequest({ community: LOFT, requester, about: 'Draft', skills: ['illustration'], now: at });
  }

  it('counts waiting asks on open requests, asks since the given instant, and the last ask', () => {
    const old = request('zoe', daysAgo(30));
    const open = request('yan', daysAgo(2));
    const closed = request('xia', daysAgo(1));
    repo.addAsk(LOFT, old.id, 'ana', 'asked', daysAgo(30));
    repo.answerAsk(LOFT, old.id, 'ana', ['asked'], 'declined', daysAgo(29));
    repo.addAsk(LOFT, open.id, 'ana', 'accepted', daysAgo(2));
    repo.addAsk(LOFT, closed.id, 'ana', 'asked', daysAgo(1));
    repo.addAsk(LOFT, closed.id, 'bo', 'asked', daysAgo(1));
    repo.setRequestStatus(LOFT, closed.id, ['open'], 'cancelled');
    repo.addAsk(LOFT, old.id, 'cy', 'asked', daysAgo(30));
    repo.answerAsk(LOFT, old.id, 'cy', ['asked'], 'given', daysAgo(29));

    const loads = repo.reviewerLoads(LOFT, ['ana', 'bo', 'cy', 'dee'], daysAgo(14));
    const byId = new Map(loads.map((l) => [l.userId, l]));
    // Never asked: absent (load 0).
    expect(byId.has('dee')).toBe(false);
    expect(byId.get('ana')).toEqual({ userId: 'ana', openAsks: 1, recentAsks: 2, lastAskedAt: daysAgo(1) });
    // Its only ask is on a cancelled request: received lately, but no longer waiting.
    expect(byId.get('bo')).toEqual({ userId: 'bo', openAsks: 0, recentAsks: 1, lastAskedAt: daysAgo(1) });
    // Asked long ago: free, but known to have been asked.
    expect(byId.get('cy')).toEqual({ userId: 'cy', openAsks: 0, recentAsks: 0, lastAskedAt: daysAgo(30) });
    expect(repo.reviewerLoads(STUDIO, ['ana', 'bo', 'cy'], daysAgo(14))).toEqual([]);
    expect(repo.reviewerLoads(LOFT, [], daysAgo(14))).toEqual([]);
  });
});
