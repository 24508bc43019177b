/**
 * Candidate generation without looking at every pair: an inverted index (skill → members offering it, skill →
 * members needing it) gives, for each member, the few people whose offers meet their needs or whose needs meet their
 * offers. Popular skills are sampled from a per-member offset, so a 100k-member community costs about
 * members × budget postings, never members².
 */
import { CREDIT, needsMetBy, offersMeeting } from './affinity.ts';
import { type MatchProfile, type MatchScore, scorePair } from './match-score.ts';

/** Members (by index in the profile array) offering and needing each skill. */
export interface SkillIndex {
  readonly offers: ReadonlyMap<string, readonly number[]>;
  readonly needs: ReadonlyMap<string, readonly number[]>;
}

export interface Candidate {
  readonly index: number;
  readonly score: MatchScore;
}

export interface CandidateOptions {
  /** Postings read per skill list (popular skills are sampled). Default 48. */
  readonly perList?: number;
  /** Postings read per member in all. Default 600. */
  readonly budget?: number;
  /** Candidates returned per member. Default 10. */
  readonly limit?: number;
  /** Best rough candidates scored exactly, per member. Default 3 × limit. */
  readonly shortlist?: number;
  /** Weeks since two members last met, if ever (discounts the score). */
  readonly weeksSinceMet?: (a: string, b: string) => number | undefined;
  /** Pairs that must never be proposed (avoid lists). */
  readonly excluded?: (a: string, b: string) => boolean;
}

export function buildSkillIndex(profiles: readonly MatchProfile[]): SkillIndex {
  const offers = new Map<string, number[]>();
  const needs = new Map<string, number[]>();
  const add = (map: Map<string, number[]>, skill: string, i: number) => {
    const list = map.get(skill);
    if (!list) map.set(skill, [i]);
    else if (list[list.length - 1] !== i) list.push(i);
  };
  profiles.forEach((p, i) => {
    for (const s of p.offers) add(offers, s.skill, i);
    for (const s of p.needs) add(needs, s.skill, i);
  });
  return { offers, needs };
}

interface Probe {
  readonly list: readonly number[];
  readonly credit: number;
  /** Varies the sampling offset per list. */
  readonly salt: number;
}

/** The postings lists to read for a member, strongest first. */
function probes(p: MatchProfile, index: SkillIndex): Probe[] {
  const out: Probe[] = [];
  for (const need of p.needs) {
    for (const [s, via] of offersMeeting(need.skill)) {
      const list = index.offers.get(s);
      if (list) out.push({ list, credit: CREDIT[via], salt: list.length * 31 + out.length });
    }
  }
  for (const offer of p.offers) {
    for (const [s, via] of needsMetBy(offer.skill)) {
      const list = index.needs.get(s);
      if (list) out.push({ list, credit: CREDIT[via], salt: list.length * 17 + out.length });
    }
  }
  return out.sort((a, b) => b.credit - a.credit);
}

/** FNV-1a: a stable per-(member, list) offset so samples of popular lists differ from member to member. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/**
 * A candidate finder over one community: reuses one scratch array across members, so a round over n members
 * allocates O(n) once instead of a map per member.
 */
export function candidateFinder(
  profiles: readonly MatchProfile[],
  index: SkillIndex,
  options: CandidateOptions = {},
): (i: number) => Candidate[] {
  const { perList = 48, budget = 600, limit = 10 } = options;
  const shortlist = options.shortlist ?? limit * 3;
  const rough = new Float64Array(profiles.length);
  return (i) => {
    const me = profiles[i]!;
    const seed = hash(me.userId);
    const touched: number[] = [];
    let read = 0;
    for (const probe of probes(me, index)) {
      const take = Math.min(perList, probe.list.length, budget - read);
      const start = probe.list.length > take ? (Math.imul(seed ^ probe.salt, 0x9e3779b1) >>> 0) % probe.list.length : 0;
      for (let k = 0; k < take; k++) {
        const j = probe.list[(start + k) % probe.list.length]!;
        if (j === i) continue;
        if (rough[j] === 0) touched.push(j);
        rough[j]! += probe.credit;
      }
      read += take;
      if (read >= budget) break;
    }
    touched.sort((a, b) => rough[b]! - rough[a]! || a - b);
    for (const j of touched) rough[j] = 0;
    const scored: Candidate[] = [];
    for (const j of touched.slice(0, shortlist)) {
      const other = profiles[j]!;
      if (options.excluded?.(me.userId, other.userId)) continue;
      const score = scorePair(me, other, options.weeksSinceMet?.(me.userId, other.userId));
      if (score.total > 0) scored.push({ index: j, score });
    }
    return scored.sort((a, b) => b.score.total - a.score.total || a.index - b.index).slice(0, limit);
  };
}

/** The best candidates for member `i`, exact-scored, highest total first; excluded pairs and zero scores left out. */
export function findCandidates(
  profiles: readonly MatchProfile[],
  index: SkillIndex,
  i: number,
  options: CandidateOptions = {},
): Candidate[] {
  return candidateFinder(profiles, index, options)(i);
}
