/**
 * A round's members numbered 0…n-1 in user-id order (so ties break the same way whatever order the index holds
 * them in), with the maps between numbers and index slots, the round's history and its avoid list by number.
 */
import { PairHistory } from './pair-history.ts';
import type { SkillIndex } from './skill-index.ts';
import { type Steps, sortedStrings } from './steps.ts';

const WEEK_MS = 7 * 86_400_000;

export class RoundMembers {
  /** Number → index slot. */
  readonly slotOf: Int32Array;
  /** Index slot → number (-1: not in the round). */
  readonly numberOf: Int32Array;

  private constructor(
    readonly index: SkillIndex,
    readonly names: readonly string[],
  ) {
    this.slotOf = Int32Array.from(names, (name) => index.slotOf(name)!);
    this.numberOf = new Int32Array(index.slots).fill(-1);
    this.slotOf.forEach((slot, i) => {
      this.numberOf[slot] = i;
    });
  }

  /** Numbers the participants (index slots) by user id. */
  static *of(index: SkillIndex, participants: readonly number[]): Steps<RoundMembers> {
    const names = participants.map((slot) => index.userIds[slot]!);
    let sorted = true;
    for (let i = 1; i < names.length && sorted; i++) sorted = names[i - 1]! < names[i]!;
    return new RoundMembers(index, sorted ? names : yield* sortedStrings(names));
  }

  get size(): number {
    return this.names.length;
  }

  /** Slot → number, or undefined when every slot of the index is in the round (nothing to filter). */
  get eligible(): Int32Array | undefined {
    return this.size === this.index.slots ? undefined : this.numberOf;
  }

  /** The member's number, if in the round. */
  byName(userId: string): number | undefined {
    const slot = this.index.slotOf(userId);
    const n = slot === undefined ? -1 : (this.numberOf[slot] ?? -1);
    return n >= 0 ? n : undefined;
  }

  /** The round's history from `forEachMet` (user ids, ms), read in steps. */
  *history(forEachMet: (visit: (a: string, b: string, at: number) => void) => Steps<void>): Steps<PairHistory> {
    const a: number[] = [];
    const b: number[] = [];
    const at: number[] = [];
    yield* forEachMet((x, y, when) => {
      const i = this.byName(x);
      const j = this.byName(y);
      if (i === undefined || j === undefined || i === j) return;
      a.push(i);
      b.push(j);
      at.push(when);
    });
    return new PairHistory(this.size, a, b, at);
  }

  /** Avoided pairs as `low × n + high`. */
  avoided(avoid: readonly (readonly [string, string])[]): Set<number> {
    const keys = new Set<number>();
    for (const [x, y] of avoid) {
      const i = this.byName(x);
      const j = this.byName(y);
      if (i !== undefined && j !== undefined) keys.add(Math.min(i, j) * this.size + Math.max(i, j));
    }
    return keys;
  }
}

/** Weeks since a meeting at `at` (ms; -Infinity: never met → undefined). */
export function weeksSince(at: number, now: number): number | undefined {
  return at === Number.NEGATIVE_INFINITY ? undefined : Math.max(0, (now - at) / WEEK_MS);
}
