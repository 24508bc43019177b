/**
 * Each member's best candidates, scored exactly: the finder's shortlist (`candidate-finder.ts`) scored on the
 * index's integers (`slot-score.ts`), the best `limit` kept. `RoundCandidates` serves the weekly round; the
 * profile-level functions below serve tests and benchmarks with the same code, so they measure what the round does.
 */
import { CandidateFinder, type FinderLimits } from './candidate-finder.ts';
import { loadProfiles } from './index-load.ts';
import { type MatchProfile, type MatchScore, metFactor } from './match-score.ts';
import { SkillIndex } from './skill-index.ts';
import { slotScore } from './slot-parts.ts';
import { PairScorer } from './slot-score.ts';

export { SkillIndex } from './skill-index.ts';

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

/** What the round's candidate search needs to know about pairs, by slot. */
export interface PairRules {
  /** Share of the score kept for a pair who met recently (1 if never). */
  factor(a: number, b: number): number;
  excluded(a: number, b: number): boolean;
}

/** The best candidates of each member in turn: slots and totals, best first, in reused arrays. */
export class RoundCandidates {
  readonly slots: Int32Array;
  readonly totals: Float64Array;
  private readonly finder: CandidateFinder;
  private readonly scorer: PairScorer;
  private readonly limit: number;
  private readonly rules: PairRules;
  /** Keeps `warm`'s reads from being optimised away. */
  sink = 0;

  constructor(index: SkillIndex, rules: PairRules, options: CandidateOptions = {}, eligible?: Int32Array) {
    this.limit = options.limit ?? 10;
    const limits: FinderLimits = {
      perList: options.perList ?? 48,
      budget: options.budget ?? 600,
      // Three times the limit: with 2 × rounds lose 1-2 % of their total when a few skills are very popular.
      shortlist: options.shortlist ?? this.limit * 3,
    };
    this.finder = new CandidateFinder(index, limits, eligible);
    this.scorer = new PairScorer(index);
    this.rules = rules;
    this.slots = new Int32Array(this.limit);
    this.totals = new Float64Array(this.limit);
  }

  /** Finds the candidates of slot `a`; returns how many (in `slots`/`totals`, highest total first, then slot). */
  find(a: number): number {
    const picked = this.finder.shortlistFor(a);
    this.sink += this.scorer.warm(this.finder.picks, picked);
    this.scorer.anchorOn(a);
    let kept = 0;
    for (let p = 0; p < picked; p++) {
      const b = this.finder.picks[p]!;
      if (this.rules.excluded(a, b)) continue;
      const total = this.scorer.total(b, this.rules.factor(a, b));
      if (total > 0) kept = this.insert(kept, b, total);
    }
    return kept;
  }

  /** Insertion into the sorted top list. */
  private insert(kept: number, slot: number, total: number): number {
    let at = Math.min(kept, this.limit - 1);
    if (kept === this.limit && !this.before(total, slot, this.totals[at]!, this.slots[at]!)) return kept;
    while (at > 0 && this.before(total, slot, this.totals[at - 1]!, this.slots[at - 1]!)) {
      this.slots[at] = this.slots[at - 1]!;
      this.totals[at] = this.totals[at - 1]!;
      at--;
    }
    this.slots[at] = slot;
    this.totals[at] = total;
    return Math.min(kept + 1, this.limit);
  }

  private before(total: number, slot: number, otherTotal: number, otherSlot: number): boolean {
    return total > otherTotal || (total === otherTotal && slot < otherSlot);
  }
}

/** An index over profiles (slot = position in the array). */
export function buildSkillIndex(profiles: readonly MatchProfile[]): SkillIndex {
  const index = new SkillIndex();
  loadProfiles(index, profiles);
  return index;
}

/** A candidate finder over profiles and their index: the round's search, with the scores and their parts. */
export function candidateFinder(
  profiles: readonly MatchProfile[],
  index: SkillIndex,
  options: CandidateOptions = {},
): (i: number) => Candidate[] {
  const weeks = (a: number, b: number) => options.weeksSinceMet?.(profiles[a]!.userId, profiles[b]!.userId);
  const rules: PairRules = {
    factor: (a, b) => metFactor(weeks(a, b)),
    excluded: (a, b) => options.excluded?.(profiles[a]!.userId, profiles[b]!.userId) ?? false,
  };
  const round = new RoundCandidates(index, rules, options);
  return (i) => {
    const found: Candidate[] = [];
    for (let k = 0, n = round.find(i); k < n; k++) {
      found.push({ index: round.slots[k]!, score: slotScore(index, i, round.slots[k]!, weeks(i, round.slots[k]!)) });
    }
    return found;
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
