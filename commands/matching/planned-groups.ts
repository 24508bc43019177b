/**
 * A round's groups as the plan keeps them until the last batch is written: member numbers, each group's score and
 * when each of its pairs last met, in flat arrays (a few megabytes at 100k members). The reason each member reads is
 * rendered when the group's batch writes its DMs, from the skills as they were when the round was planned (a frozen
 * view of the index), so the words are the ones the plan would have held. Holding every reason from the first batch
 * to the last cost about 50 MB of heap at 100k members (bench/RESULTS.md, issue 17).
 */
import { fmt } from '#core/text.ts';
import { explainMatch } from './explain.ts';
import { weeksSince } from './round-members.ts';
import type { SkillRows } from './skill-index.ts';
import { PairScorer } from './slot-score.ts';

/** What rendering reads: the members' user ids and index slots by number, their skills as planned, the round's time. */
export interface GroupSource {
  readonly names: readonly string[];
  readonly slotOf: Int32Array;
  readonly rows: SkillRows;
  readonly now: number;
}

/** How many pairs a group of `size` holds (their meetings in `lastMet`, i < j, in `pairIndex` order). */
const pairsIn = (size: number) => (size * (size - 1)) / 2;

export class PlannedGroups {
  /** Group k's members are `numbers[ends[k - 1] … ends[k])` (ends[-1] = 0). */
  private readonly ends: Int32Array;
  private readonly numbers: Int32Array;
  private readonly scores: Float64Array;
  /** When each pair of a group last met (ms, -Infinity: never), groups one after the other… */
  private readonly lastMet: Float64Array;
  /** …group k's from `metFrom[k]`. */
  private readonly metFrom: Int32Array;
  /** One scorer for every group rendered: its tables are a few kB, made once rather than 50k times. */
  private scorer: PairScorer | undefined;

  constructor(
    private readonly source: GroupSource,
    groups: readonly (readonly number[])[],
    scores: readonly number[],
    lastMet: readonly number[],
  ) {
    this.ends = new Int32Array(groups.length);
    this.metFrom = new Int32Array(groups.length);
    let end = 0;
    let pairs = 0;
    groups.forEach((g, k) => {
      this.metFrom[k] = pairs;
      end += g.length;
      pairs += pairsIn(g.length);
      this.ends[k] = end;
    });
    this.numbers = Int32Array.from(groups.flat());
    this.scores = Float64Array.from(scores);
    this.lastMet = Float64Array.from(lastMet);
  }

  get length(): number {
    return this.ends.length;
  }

  /** Group k's members (user ids). */
  members(k: number): string[] {
    return Array.from(this.numbersOf(k), (n) => this.source.names[n]!);
  }

  /** Every group's members (for tests and benchmarks: the job reads its batch's groups one by one). */
  all(): string[][] {
    return Array.from({ length: this.length }, (_, k) => this.members(k));
  }

  /** Sum of the pair scores inside group k. */
  score(k: number): number {
    return this.scores[k]!;
  }

  /** For each member of group k: why they were grouped with the others (rich text, one line per other member). */
  reasons(k: number): Record<string, string> {
    const { names, slotOf, rows, now } = this.source;
    const group = this.numbersOf(k);
    const met = this.metOf(k);
    this.scorer ??= new PairScorer(rows);
    const scorer = this.scorer;
    const reasons: Record<string, string> = {};
    for (let i = 0; i < group.length; i++) {
      const lines: string[] = [];
      scorer.anchorOn(slotOf[group[i]!]!);
      for (let j = 0; j < group.length; j++) {
        if (j === i) continue;
        const at = met[pairIndex(Math.min(i, j), Math.max(i, j), group.length)]!;
        const s = scorer.score(slotOf[group[j]!]!, weeksSince(at, now));
        lines.push(explainMatch(s.parts, fmt.user(names[group[j]!]!)));
      }
      reasons[names[group[i]!]!] = lines.join('\n');
    }
    scorer.release();
    return reasons;
  }

  private numbersOf(k: number): Int32Array {
    return this.numbers.subarray(k === 0 ? 0 : this.ends[k - 1]!, this.ends[k]!);
  }

  private metOf(k: number): Float64Array {
    const from = this.metFrom[k]!;
    return this.lastMet.subarray(from, from + pairsIn(this.numbersOf(k).length));
  }
}

/** The position of the pair (i < j) among a group's pairs in `for i, for j > i` order. */
export function pairIndex(i: number, j: number, size: number): number {
  return i * size - (i * (i + 1)) / 2 + (j - i - 1);
}
