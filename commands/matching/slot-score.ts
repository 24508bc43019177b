/**
 * The scoring rule (`match-score.ts`) on the index's integers. One member is the anchor (their needs, offers and
 * areas spread into small lookup tables once); then `total` costs a few array reads per skill of a candidate — no
 * strings, no allocation — for the candidate loops, and `score` is that same total with its parts (which offer meets
 * which need, the shared areas), for the few pairs that get explained (a round's groups, `/match`'s suggestions).
 */
import {
  complementarity,
  MAX_LINKS,
  type MatchScore,
  metFactor,
  pairTotal,
  type SkillLink,
  type SkillRef,
  sideCredit,
} from './match-score.ts';
import { HEADER, type SkillRows } from './skill-index.ts';
import {
  CREDIT_OF_CODE,
  codeOf,
  EXACT,
  KNOWN_COUNT,
  NEEDS_MET_BY,
  OFFERS_MEETING,
  type Relation,
  VIA_OF_CODE,
} from './skill-space.ts';

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

function ref(index: SkillRows, at: number): SkillRef {
  const term = index.space.termName(index.terms[at]!);
  const skill = index.space.skillName(index.pool[at]!);
  return term === undefined ? { skill } : { skill, term };
}

function link(index: SkillRows, needAt: number, offerAt: number, code: number): SkillLink {
  return {
    need: ref(index, needAt),
    offer: ref(index, offerAt),
    via: VIA_OF_CODE[code]!,
    credit: CREDIT_OF_CODE[code]!,
  };
}

/** Each need's link, strongest first, at most MAX_LINKS: the ones the side's credit counted. */
const strongest = (links: SkillLink[]) => links.sort((x, y) => y.credit - x.credit).slice(0, MAX_LINKS);

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
  /** One side's needs by the code of their best offer (reused: nothing allocated per candidate). */
  private readonly counts = new Int32Array(EXACT + 1);
  /** The complementarity of the last `total` (the skill part, before interests and history). */
  complementarity = 0;

  constructor(private readonly index: SkillRows) {}

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
    const counts = this.counts;
    for (let c = 0; c <= EXACT; c++) counts[c] = 0;
    for (let row = 0; row < this.needs * stride; row += stride) {
      let best = 0;
      for (let j = offers; j < needs && best < EXACT; j++) best = Math.max(best, getCode[row + pool[j]!]!);
      counts[best]!++;
    }
    const get = sideCredit(CREDIT_OF_CODE, counts);
    for (let c = 0; c <= EXACT; c++) counts[c] = 0;
    for (let j = needs; j < areas; j++) counts[giveCode[pool[j]!]!]!++;
    const give = sideCredit(CREDIT_OF_CODE, counts);
    let shared = 0;
    for (let j = areas; j < end; j++) shared += areaMark[pool[j]!]!;
    this.complementarity = complementarity(get, give);
    return pairTotal(this.complementarity, shared, factor);
  }

  /** The anchor and `b`'s total (as `total`) with its parts, seen from the anchor; `weeksSinceMet` if they met. */
  score(b: number, weeksSinceMet?: number): MatchScore {
    const total = this.total(b, metFactor(weeksSinceMet));
    const parts = {
      theyGive: this.theyGive(b),
      youGive: this.youGive(b),
      sharedInterests: this.shared(b),
      weeksSinceMet,
    };
    return { total, complementarity: this.complementarity, parts };
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

  /** `b`'s offers meeting the anchor's needs: for each need, `b`'s first offer with its best code. */
  private theyGive(b: number): SkillLink[] {
    const { index, getCode, stride } = this;
    const { pool, start, nOffers } = index;
    const needAt = start[this.anchor]! + nOffers[this.anchor]!;
    const out: SkillLink[] = [];
    for (let k = 0; k < this.needs; k++) {
      let best = 0;
      let at = -1;
      for (let j = start[b]!; j < start[b]! + nOffers[b]!; j++) {
        const code = getCode[k * stride + pool[j]!]!;
        if (code > best) {
          best = code;
          at = j;
        }
      }
      if (best > 0) out.push(link(index, needAt + k, at, best));
    }
    return strongest(out);
  }

  /** The anchor's offers meeting `b`'s needs: for each need, the anchor's first offer with its best code. */
  private youGive(b: number): SkillLink[] {
    const { index, giveCode } = this;
    const { pool, start, nOffers, nNeeds } = index;
    const offers = start[this.anchor]!;
    const out: SkillLink[] = [];
    for (let j = start[b]! + nOffers[b]!; j < start[b]! + nOffers[b]! + nNeeds[b]!; j++) {
      const code = giveCode[pool[j]!]!;
      if (code === 0) continue;
      let at = offers;
      while (codeOf(pool[j]!, pool[at]!) !== code) at++;
      out.push(link(index, j, at, code));
    }
    return strongest(out);
  }

  /** The areas the anchor and `b` share, by name. */
  private shared(b: number): string[] {
    const { pool, start, nOffers, nNeeds, nAreas, space } = this.index;
    const areas = start[b]! + nOffers[b]! + nNeeds[b]!;
    const names: string[] = [];
    for (let j = areas; j < areas + nAreas[b]!; j++) if (this.areaMark[pool[j]!]) names.push(space.skillName(pool[j]!));
    return names.sort();
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
