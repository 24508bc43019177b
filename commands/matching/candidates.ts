/**
 * Each member's best candidates for the weekly round, scored exactly: the finder's shortlist (`candidate-finder.ts`)
 * scored on the index's integers (`slot-score.ts`), the best `limit` kept.
 */
import { CandidateFinder, type FinderLimits } from './candidate-finder.ts';
import type { SkillIndex } from './skill-index.ts';
import { PairScorer } from './slot-score.ts';

/** Candidates kept per member: the edges the pairing chooses from. */
export const ROUND_CANDIDATES = 10;

/**
 * Postings read per skill list (popular skills are read as a window) and per member in all, and the best rough
 * candidates scored exactly: three times the kept ones (with two, rounds lose 1-2 % of their total when a few
 * skills are very popular).
 */
const ROUND_SEARCH: FinderLimits = { perList: 48, budget: 600, shortlist: 3 * ROUND_CANDIDATES };

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
  private readonly limit = ROUND_CANDIDATES;
  private readonly rules: PairRules;
  /** Keeps `warm`'s reads from being optimised away. */
  sink = 0;

  /** `eligible`: slot → round number (-1: not in the round), or undefined when every slot takes part. */
  constructor(index: SkillIndex, rules: PairRules, eligible?: Int32Array) {
    this.finder = new CandidateFinder(index, ROUND_SEARCH, eligible);
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
