/**
 * The matcher's in-memory index: integer scoring equals `scorePair` (a property), and the cached index follows the
 * database through the change log — skills, pauses, leaving, forget-me, activity — without rebuilding, rebuilds
 * after a rollback it saw, holds still while a round leases it, and a round planned in slices equals one planned
 * at once.
 */
import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import { syntheticCommunity } from '../../bench/synthetic-community.ts';
import type { ProfilesStore } from '../../commands/introductions/store.ts';
import { buildSkillIndex } from '../../commands/matching/candidates.ts';
import { explainMatch } from '../../commands/matching/explain.ts';
import { type IndexSource, leaseIndex, matchIndex } from '../../commands/matching/index-cache.ts';
import { type MatchProfile, metFactor, scorePair } from '../../commands/matching/match-score.ts';
import { planRound } from '../../commands/matching/round-plan.ts';
import type { SkillIndex } from '../../commands/matching/skill-index.ts';
import { slotScore } from '../../commands/matching/slot-parts.ts';
import { PairScorer } from '../../commands/matching/slot-score.ts';
import type { MatchingStore } from '../../commands/matching/store.ts';
import { allSkills } from '../../commands/skills/index.ts';
import { matchingStore } from '../../data/stores/matching.store.ts';
import { profilesStore } from '../../data/stores/profiles.store.ts';
import type { CommunityId } from '#core/ids.ts';
import type { CoreStores, Storage } from '#core/ports/storage.ts';
import { openTestStorage } from '../support/databases.ts';

const C: CommunityId = 'shell:loft';
const T0 = new Date('2026-11-16T09:00:00Z');
const later = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

describe('integer scoring', () => {
  const pool = [...allSkills().slice(0, 40), 'bonsai-pruning', 'kite-making'];
  const skills = fc.array(
    fc.record({ skill: fc.constantFrom(...pool), term: fc.option(fc.constantFrom('photos', 'scripts', 'zines')) }),
    { maxLength: 6 },
  );
  const profile = (userId: string) =>
    fc.record({
      userId: fc.constant(userId),
      offers: skills.map((s) => s.map((x) => ({ skill: x.skill, term: x.term ?? undefined }))),
      needs: skills.map((s) => s.map((x) => ({ skill: x.skill, term: x.term ?? undefined }))),
      interests: fc.array(fc.constantFrom('design', 'video', 'music', 'writing'), { maxLength: 3 }),
    });

  it('gives scorePair’s total to the last bit, and the same explanation', () => {
    fc.assert(
      fc.property(profile('a'), profile('b'), fc.option(fc.integer({ min: 0, max: 60 })), (a, b, weeks) => {
        const people: MatchProfile[] = [a, b];
        const index = buildSkillIndex(people);
        const expected = scorePair(a, b, weeks ?? undefined);
        const scorer = new PairScorer(index);
        scorer.anchorOn(0);
        expect(scorer.total(1, metFactor(weeks ?? undefined))).toBe(expected.total);
        expect(scorer.complementarity).toBe(expected.complementarity);
        const full = slotScore(index, 0, 1, weeks ?? undefined);
        expect(full.total).toBe(expected.total);
        expect(explainMatch(full.parts, 'B')).toBe(explainMatch(expected.parts, 'B'));
      }),
      { numRuns: 500 },
    );
  });
});

let storage: Storage;

/** Runs `fn` in one transaction with the stores the index reads and the ones the test changes. */
function inTx<T>(
  fn: (stores: { matching: MatchingStore; profiles: ProfilesStore; core: CoreStores }) => Promise<T>,
  on: Storage = storage,
): Promise<T> {
  return on.transaction(
    async (tx) => await fn({ matching: matchingStore(tx), profiles: profilesStore(tx), core: on.core(tx) }),
  );
}

/** The community's index as a handler would read it: inside a transaction of its own. */
const current = (on: Storage = storage) => inTx(async ({ matching }) => await matchIndex(matching, C), on);

/** What a round reads the index through: one database, a transaction per read. */
async function sourceOf(on: Storage): Promise<IndexSource> {
  const key = await inTx(async ({ matching }) => matching.indexCacheKey, on);
  return { key, read: (fn) => inTx(async ({ matching }) => await fn(matching), on) };
}

async function member(userId: string, offers: string[], needs: string[], at = T0) {
  await inTx(async ({ core, profiles }) => {
    await core.members.touch(C, userId, userId, at);
    await profiles.addSkills(
      C,
      userId,
      'offer',
      offers.map((skill) => ({ skill, term: skill })),
      at,
    );
    await profiles.addSkills(
      C,
      userId,
      'need',
      needs.map((skill) => ({ skill, term: skill })),
      at,
    );
  });
}

function skillsOf(index: SkillIndex, userId: string) {
  const slot = index.slotOf(userId);
  if (slot === undefined) return undefined;
  const name = (k: number) => index.space.skillName(index.pool[k]!);
  const from = index.start[slot]!;
  const offers = Array.from({ length: index.nOffers[slot]! }, (_, k) => name(from + k));
  const needs = Array.from({ length: index.nNeeds[slot]! }, (_, k) => name(from + index.nOffers[slot]! + k));
  return { offers, needs };
}

describe('the cached index', () => {
  beforeEach(async () => {
    storage = await openTestStorage();
    await member('emma', ['layout-design'], ['photography']);
    await member('lucas', ['photography'], ['design']);
  });

  it('follows skills added and removed, member by member', async () => {
    const index = await current();
    expect(skillsOf(index, 'emma')).toEqual({ offers: ['layout-design'], needs: ['photography'] });
    await inTx(async ({ profiles }) => {
      await profiles.addSkills(C, 'emma', 'offer', [{ skill: 'branding', term: 'logos' }], later(5));
      await profiles.removeSkills(C, 'lucas', ['design']);
    });
    expect(await current()).toBe(index); // caught up, not rebuilt
    expect(skillsOf(index, 'emma')?.offers).toEqual(['layout-design', 'branding']);
    expect(skillsOf(index, 'lucas')).toEqual({ offers: ['photography'], needs: [] });
    const lucas = index.slotOf('lucas')!;
    expect(index.offering[index.space.id('photography')]!.live(index.gen)).toEqual([lucas]);
  });

  it('drops members who leave or are forgotten, and follows pauses', async () => {
    await member('mia', ['writing'], ['video']);
    const index = await current();
    const now = T0.getTime();
    await inTx(async ({ matching }) => await matching.pause(C, 'mia', undefined, 'member', T0));
    expect((await current()).takesPart(index.slotOf('mia')!, now)).toBe(false);
    await inTx(async ({ matching }) => await matching.resume(C, 'mia', T0));
    expect((await current()).takesPart(index.slotOf('mia')!, now)).toBe(true);
    await inTx(async ({ core, profiles }) => {
      await core.members.markLeft(C, 'lucas', T0);
      await profiles.deleteMember(C, 'mia');
      await core.members.delete(C, 'mia');
    });
    const after = await current();
    expect(after.slotOf('lucas')).toBeUndefined();
    expect(after.slotOf('mia')).toBeUndefined();
    expect(after.offering[after.space.id('photography')]!.live(after.gen)).toEqual([]);
  });

  it('takes a new day of activity from the log itself', async () => {
    const index = await current();
    const tomorrow = new Date(T0.getTime() + 86_400_000);
    await inTx(async ({ core }) => await core.members.touch(C, 'lucas', 'lucas', tomorrow));
    await current();
    expect(index.lastActive[index.slotOf('lucas')!]).toBe(tomorrow.getTime());
  });

  it('rebuilds after seeing a change that was rolled back', async () => {
    const before = await current();
    await expect(
      inTx(async ({ matching, profiles }) => {
        await profiles.addSkills(C, 'emma', 'need', [{ skill: 'video', term: 'video' }], later(1));
        expect(skillsOf(await matchIndex(matching, C), 'emma')?.needs).toContain('video');
        throw new Error('the command failed');
      }),
    ).rejects.toThrow('the command failed');
    await inTx(async ({ profiles }) => {
      await profiles.addSkills(C, 'lucas', 'offer', [{ skill: 'video', term: 'video' }], later(2));
    });
    const after = await current();
    expect(after).not.toBe(before);
    expect(skillsOf(after, 'emma')?.needs).toEqual(['photography']);
    expect(skillsOf(after, 'lucas')?.offers).toEqual(['photography', 'video']);
  });

  it('keeps each member’s skills in the order they were added', async () => {
    await inTx(async ({ profiles }) => {
      await profiles.addSkills(C, 'emma', 'offer', [{ skill: 'animation', term: 'animation' }], later(10));
      await profiles.addSkills(C, 'emma', 'offer', [{ skill: 'zines', term: 'zines' }], later(5));
    });
    expect(skillsOf(await current(), 'emma')?.offers).toEqual(['layout-design', 'zines', 'animation']);
  });

  it('is kept per database', async () => {
    expect((await current()).slots).toBe(2);
    expect((await current(await openTestStorage())).slots).toBe(0);
  });

  it('holds still while a round leases it, and catches up after', async () => {
    const lease = await leaseIndex(await sourceOf(storage), C);
    await inTx(async ({ profiles }) => {
      await profiles.addSkills(C, 'lucas', 'need', [{ skill: 'video', term: 'video' }], later(1));
    });
    expect(skillsOf(await current(), 'lucas')?.needs).toEqual(['design']);
    lease.release();
    expect(skillsOf(await current(), 'lucas')?.needs).toEqual(['design', 'video']);
  });
});

describe('a round in slices', () => {
  it('plans exactly what it plans at once', async () => {
    const members = syntheticCommunity({ members: 300, seed: 5, now: T0 });
    const input = { members, met: [], avoid: [['m001', 'm002']] as [string, string][], now: T0, windowWeeks: 12 };
    const atOnce = await planRound({ ...input, seed: 3 });
    const sliced = await planRound({ ...input, seed: 3, pause: async () => await Promise.resolve() });
    expect(sliced).toEqual(atOnce);
    expect(atOnce.groups.flatMap((g) => g.members).sort()).toEqual(members.map((m) => m.userId).sort());
  });
});
