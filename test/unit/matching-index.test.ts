/**
 * The matcher's in-memory index: the score it computes is the rule commands/matching/README.md states (a property,
 * against that rule written out here from the README's words), and the cached index follows the database through
 * the change log — skills, pauses, leaving, forget-me, activity — without rebuilding, rebuilds after a rollback it
 * saw, holds still while a round leases it, and a round planned in slices is not disturbed by what runs between
 * the slices.
 */
import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import { syntheticCommunity } from '../../bench/synthetic-community.ts';
import type { ProfilesStore } from '../../commands/introductions/store.ts';
import { CREDIT, skillAffinity } from '../../commands/matching/affinity.ts';
import { type IndexSource, leaseIndex, matchIndex } from '../../commands/matching/index-cache.ts';
import { planOnIndex, type RoundPlan } from '../../commands/matching/round-plan.ts';
import { MemberDraft, type SkillIndex } from '../../commands/matching/skill-index.ts';
import { PairScorer } from '../../commands/matching/slot-score.ts';
import type { MatchingStore } from '../../commands/matching/store.ts';
import { allSkills, broaderSkill } from '../../commands/skills/index.ts';
import { matchingStore } from '../../data/stores/matching.store.ts';
import { profilesStore } from '../../data/stores/profiles.store.ts';
import type { CommunityId } from '#core/ids.ts';
import type { CoreStores, Storage } from '#core/ports/storage.ts';
import { openTestStorage } from '../support/databases.ts';
import { distinct, indexOf, type Person } from '../support/match-index.ts';

const C: CommunityId = 'shell:loft';
const T0 = new Date('2026-11-16T09:00:00Z');
const later = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

/**
 * The score as the README states it, over skill names: each need takes its best offer (1 same skill, 0.8 a
 * specialisation, 0.6 the broad skill, 0.5 a related one); at most three needs count per side; complementarity =
 * get + give + min(get, give); shared areas (the broad skill of each skill) add 0.1 each, up to 0.3; a pair who met
 * `weeks` ago keeps 1 − 0.8·e^(−weeks/12) of it.
 */
function readmeScore(a: Person, b: Person, weeks?: number) {
  const side = (needs: readonly string[], offers: readonly string[]) =>
    needs
      .map((n) => Math.max(0, ...offers.map((o) => CREDIT[skillAffinity(n, o)!] ?? 0)))
      .filter((c) => c > 0)
      .sort((x, y) => y - x)
      .slice(0, 3)
      .reduce((sum, c) => sum + c, 0);
  const names = (skills: readonly { skill: string }[]) => distinct(skills).map((x) => x.skill);
  const get = side(names(a.needs), names(b.offers));
  const give = side(names(b.needs), names(a.offers));
  const complement = get + give + Math.min(get, give);
  const areas = (p: Person) => new Set([...names(p.offers), ...names(p.needs)].map((x) => broaderSkill(x) ?? x));
  const mine = areas(a);
  const shared = [...areas(b)].filter((x) => mine.has(x)).length;
  const kept = weeks === undefined ? 1 : 1 - 0.8 * Math.exp(-Math.max(0, weeks) / 12);
  return { complement, get, total: (complement + Math.min(0.3, 0.1 * shared)) * kept };
}

describe('the score the matcher computes', () => {
  const pool = [...allSkills().slice(0, 40), ...allSkills().slice(-20), 'bonsai-pruning', 'kite-making'];
  const skills = fc.array(
    fc.record({ skill: fc.constantFrom(...pool), term: fc.option(fc.constantFrom('photos', 'scripts', 'zines')) }),
    { maxLength: 6 },
  );
  const person = (userId: string) =>
    fc.record({
      userId: fc.constant(userId),
      offers: skills.map((xs) => xs.map((x) => ({ skill: x.skill, term: x.term ?? undefined }))),
      needs: skills.map((xs) => xs.map((x) => ({ skill: x.skill, term: x.term ?? undefined }))),
    });

  it('is the rule the README states, to the last bit, and its reasons add up to it', async () => {
    await fc.assert(
      fc.asyncProperty(person('a'), person('b'), fc.option(fc.integer({ min: 0, max: 60 })), async (a, b, w) => {
        const weeks = w ?? undefined;
        const { index } = await indexOf([a, b]);
        const expected = readmeScore(a, b, weeks);
        const scorer = new PairScorer(index);
        scorer.anchorOn(index.slotOf('a')!);
        const score = scorer.score(index.slotOf('b')!, weeks);
        expect(score.total).toBe(expected.total);
        expect(score.complementarity).toBe(expected.complement);
        // The reasons: each link is how that offer meets that need, at most three a side, strongest first.
        const sum = (links: typeof score.parts.theyGive) => links.reduce((acc, l) => acc + l.credit, 0);
        expect(sum(score.parts.theyGive)).toBe(expected.get);
        for (const l of [...score.parts.theyGive, ...score.parts.youGive]) {
          expect(CREDIT[skillAffinity(l.need.skill, l.offer.skill)!]).toBe(l.credit);
        }
        expect(score.parts.youGive.length).toBeLessThanOrEqual(3);
      }),
      { numRuns: 300 },
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

const reasonsOf = (plan: RoundPlan) => Array.from({ length: plan.groups.length }, (_, k) => plan.groups.reasons(k));

/** A round of every member of a synthetic community on its index, without history. */
async function syntheticRound(size: number, seed: number, avoid: [string, string][] = []) {
  const members = syntheticCommunity({ members: size, seed, now: T0 });
  const { index } = await indexOf(members);
  const participants = members.map((m) => index.slotOf(m.userId)!);
  return { members, index, round: { index, participants, *forEachMet() {}, avoid, now: T0, windowWeeks: 12, seed } };
}

describe('a round in slices', () => {
  it('plans the same whatever runs between its slices, and places everyone', async () => {
    const { members, index, round } = await syntheticRound(300, 5, [['m001', 'm002']]);
    const quiet = await planOnIndex(round, async () => await Promise.resolve());
    // Between slices, /match scores other members on the same index with its own scorer.
    const busy = new PairScorer(index);
    let k = 0;
    const interleaved = await planOnIndex(round, async () => {
      busy.anchorOn(k++ % index.slots);
      busy.score((k * 7) % index.slots);
      await new Promise((resolve) => setImmediate(resolve));
    });
    expect(interleaved).toEqual(quiet);
    expect(reasonsOf(interleaved)).toEqual(reasonsOf(quiet));
    expect(quiet.groups.all().flat().sort()).toEqual(members.map((m) => m.userId).sort());
    expect(quiet.groups.all().some((g) => g.includes('m001') && g.includes('m002'))).toBe(false);
  });
});

describe('a planned round’s reasons, rendered batch by batch', () => {
  it('say what the index held when the round was planned, whatever changes in it before they are written', async () => {
    const { members, index, round } = await syntheticRound(120, 9);
    const plan = await planOnIndex(round, async () => await Promise.resolve());
    const planned = reasonsOf(plan);
    // Between two batches members change their skills (one to a skill nobody listed), and one leaves.
    const draft = new MemberDraft();
    for (const [k, m] of members.slice(0, 40).entries()) {
      draft.clear();
      Object.assign(draft, { userId: m.userId, key: index.keys[index.slotOf(m.userId)!]!, lastActiveAt: T0.getTime() });
      for (const skill of k % 2 ? ['bonsai-pruning'] : ['photography', 'video']) {
        draft.offers.push(index.space.id(skill));
        draft.offerTerms.push(-1);
        draft.needs.push(index.space.id(k % 3 ? 'writing' : 'kite-making'));
        draft.needTerms.push(-1);
      }
      index.put(draft);
    }
    index.remove(index.keys[index.slotOf(members[50]!.userId)!]!);
    expect(reasonsOf(plan)).toEqual(planned);
    // A plan made now would say something else: the frozen view is what keeps the planned words.
    expect(reasonsOf(await planOnIndex(round, async () => await Promise.resolve()))).not.toEqual(planned);
  });
});
