/**
 * `scorePair` on the index's integers, for the inner loops: one member is the anchor (their needs, offers and areas
 * spread into small lookup tables once), then each candidate costs a few array reads per skill — no strings, no
 * allocation. The arithmetic is `scorePair`'s, in the same order, so totals are equal to the last bit (a property
 * test checks it).
 */
import { INTEREST_BONUS, MAX_INTEREST_BONUS, MAX_LINKS, TWO_WAY_BONUS } from './match-score.ts';
import { HEADER, type SkillIndex } from './skill-index.ts';
import { CREDIT_OF_CODE, EXACT, KNOWN_COUNT, NEEDS_MET_BY, OFFERS_MEETING, type Relation } from './skill-space.ts';

const [, RELATED, BROADER, NARROWER, SAME] = CREDIT_OF_CODE as [number, number, number, number, number];

/** Sum of the MAX_LINKS best credits, strongest first (as `skillLinks` sorts and sums them), from their counts. */
function bestSum(exact: number, narrower: number, broader: number, related: number): number {
  let sum = 0;
  let left = MAX_LINKS;
  for (; exact > 0 && left > 0; exact--, left--) sum += SAME;
  for (; narrower > 0 && left > 0; narrower--, left--) sum += NARROWER;
  for (; broader > 0 && left > 0; broader--, left--) sum += BROADER;
  for (; related > 0 && left > 0; related--, left--) sum += RELATED;
  return sum;
}

/** Raises `table[offset + other]` to the code of each skill related to `id` (`on` false: back to 0). */
function spread(rel: Relation, id: number, table: Uint8Array, offset: number, on: boolean): void {
  if (id >= KNOWN_COUNT) {
    table[offset + id] = on ? EXACT : 0;
    return;
  }
  for (let k = rel.start[id]!; k < rel.start[id + 1]!; k++) {
    const at = offset + rel.skill[k]!;
    table[at] = on ? Math.max(table[at]!, rel.code[k]!) : 0;
  }
}

export class PairScorer {
  /** Row k: how each offer skill meets the anchor's k-th need. */
  private getCode = new Uint8Array(0);
  /** How well the anchor's best offer meets each need skill. */
  private giveCode = new Uint8Array(0);
  private areaMark = new Uint8Array(0);
  private anchor = -1;
  private stride = 0;
  /** The anchor's number of needs (rows of `getCode`). */
  private needs = 0;
  /** The complementarity of the last `total` (the skill part, before interests and history). */
  complementarity = 0;

  constructor(private readonly index: SkillIndex) {}

  /** Makes `a` the member the next candidates are scored against. */
  anchorOn(a: number): void {
    this.release();
    const { index } = this;
    this.stride = index.space.size;
    const needs = index.nNeeds[a]!;
    if (this.getCode.length < needs * this.stride) this.getCode = new Uint8Array(2 * needs * this.stride);
    if (this.giveCode.length < this.stride) {
      this.giveCode = new Uint8Array(2 * this.stride);
      this.areaMark = new Uint8Array(2 * this.stride);
    }
    this.anchor = a;
    this.needs = needs;
    this.mark(true);
  }

  /** The pair score of the anchor and `b`, with `factor` the share kept for a recent meeting (1 if never met). */
  total(b: number, factor: number): number {
    const { pool, start } = this.index;
    const { getCode, giveCode, areaMark, stride } = this;
    // The counts sit just before the skills (HEADER): one place in memory per candidate.
    const offers = start[b]!;
    const needs = offers + pool[offers - HEADER]!;
    const areas = needs + pool[offers - HEADER + 1]!;
    const end = areas + pool[offers - HEADER + 2]!;
    let exact = 0;
    let narrower = 0;
    let broader = 0;
    let related = 0;
    for (let row = 0; row < this.needs * stride; row += stride) {
      let best = 0;
      for (let j = offers; j < needs && best < EXACT; j++) best = Math.max(best, getCode[row + pool[j]!]!);
      if (best === EXACT) exact++;
      else if (best === 3) narrower++;
      else if (best === 2) broader++;
      else if (best === 1) related++;
    }
    const get = bestSum(exact, narrower, broader, related);
    exact = narrower = broader = related = 0;
    for (let j = needs; j < areas; j++) {
      const code = giveCode[pool[j]!]!;
      if (code === EXACT) exact++;
      else if (code === 3) narrower++;
      else if (code === 2) broader++;
      else if (code === 1) related++;
    }
    const give = bestSum(exact, narrower, broader, related);
    let shared = 0;
    for (let j = areas; j < end; j++) shared += areaMark[pool[j]!]!;
    this.complementarity = get + give + TWO_WAY_BONUS * Math.min(get, give);
    return (this.complementarity + Math.min(MAX_INTEREST_BONUS, INTEREST_BONUS * shared)) * factor;
  }

  /**
   * Reads the candidates' counts and skills once, in a tight loop of independent loads: the processor overlaps
   * those cache misses, where scoring one candidate after the other waits for each in turn (at 100k members the
   * skill pool is megabytes, and the misses are most of a score's cost).
   */
  warm(slots: Int32Array, count: number): number {
    const { pool, start } = this.index;
    let sink = 0;
    for (let k = 0; k < count; k++) sink += start[slots[k]!]!;
    for (let k = 0; k < count; k++) {
      const at = start[slots[k]!]!;
      sink += pool[at - HEADER]! + pool[at + 8]!;
    }
    return sink;
  }

  /** Clears the tables of the current anchor. */
  release(): void {
    if (this.anchor >= 0) this.mark(false);
    this.anchor = -1;
  }

  private mark(on: boolean): void {
    const { pool, start, nOffers, nNeeds, nAreas } = this.index;
    const a = this.anchor;
    const base = start[a]!;
    const offers = nOffers[a]!;
    for (let k = 0; k < nNeeds[a]!; k++)
      spread(OFFERS_MEETING, pool[base + offers + k]!, this.getCode, k * this.stride, on);
    for (let k = 0; k < offers; k++) spread(NEEDS_MET_BY, pool[base + k]!, this.giveCode, 0, on);
    const areas = base + offers + nNeeds[a]!;
    for (let k = areas; k < areas + nAreas[a]!; k++) this.areaMark[pool[k]!] = on ? 1 : 0;
  }
}
