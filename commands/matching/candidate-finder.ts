/**
 * Candidate generation without looking at every pair: for a member, the inverted lists of the skills that meet
 * their needs and of the needs their offers meet, strongest first. Each posting adds its credit to a rough score;
 * popular lists are read as a window from a per-member offset (so a 100k community costs about members × budget
 * postings, never members²); the best rough scores make the shortlist that gets scored exactly. Scratch arrays are
 * reused across members: nothing is allocated per member.
 */
import type { PostingList } from './posting-list.ts';
import type { SkillIndex } from './skill-index.ts';
import { CREDIT_OF_CODE, EXACT, KNOWN_COUNT, NEEDS_MET_BY, OFFERS_MEETING, type Relation } from './skill-space.ts';

export interface FinderLimits {
  /** Postings read per list (popular skills are sampled). */
  readonly perList: number;
  /** Postings read per member in all. */
  readonly budget: number;
  /** Best rough candidates kept for exact scoring. */
  readonly shortlist: number;
}

/** Rough scores are sums of credits, kept in tenths (credits are 1, 0.8, 0.6, 0.5); a histogram of them, capped. */
const HISTOGRAM = 4096;
const TENTHS_OF_CODE = CREDIT_OF_CODE.map((credit) => Math.round(credit * 10));

/** The rough score's two sides combined like complementarity (get + give + the smaller again), capped. */
function proxy(packed: number): number {
  const get = packed & 0xffff;
  const give = packed >>> 16;
  return Math.min(HISTOGRAM - 1, get + give + Math.min(get, give));
}

/** FNV-1a: a stable per-member offset, so samples of popular lists differ from member to member. */
export function hashText(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

export class CandidateFinder {
  /** The shortlist of the last `shortlistFor`, in no particular order. */
  readonly picks: Int32Array;
  /** Rough score per slot in tenths: what they offer that meets my needs (low 16 bits), what they need (high). */
  private readonly rough: Uint32Array;
  private readonly touched: Int32Array;
  private readonly ties: Int32Array;
  private readonly histogram = new Int32Array(HISTOGRAM);
  private probes: PostingList[] = [];
  private readonly probeCode: number[] = [];
  private readonly probeSalt: number[] = [];
  /** 0: the list gives to me (offers meeting my needs); 16: it takes from me (needs my offers meet). */
  private readonly probeSide: number[] = [];

  /** `eligible[slot] < 0` keeps a slot out (not in the round); undefined: every live slot may be proposed. */
  constructor(
    private readonly index: SkillIndex,
    private readonly limits: FinderLimits,
    private readonly eligible?: Int32Array,
  ) {
    this.rough = new Uint32Array(index.slots);
    this.touched = new Int32Array(index.slots);
    this.ties = new Int32Array(index.slots);
    this.picks = new Int32Array(limits.shortlist);
  }

  /** The slots this finder can handle (an index that grew past it needs a new finder). */
  get capacity(): number {
    return this.rough.length;
  }

  /** Fills `picks` with the best rough candidates of slot `a`; returns how many. */
  shortlistFor(a: number): number {
    this.collectProbes(a);
    const seed = hashText(this.index.userIds[a]!);
    const { budget, perList } = this.limits;
    let read = 0;
    let count = 0;
    for (let code = EXACT; code >= 1 && read < budget; code--) {
      for (let p = 0; p < this.probes.length && read < budget; p++) {
        if (this.probeCode[p] !== code) continue;
        const size = this.probes[p]!.size;
        const take = Math.min(perList, size, budget - read);
        const from = size > take ? (Math.imul(seed ^ this.probeSalt[p]!, 0x9e3779b1) >>> 0) % size : 0;
        count = this.read(this.probes[p]!, from, take, a, TENTHS_OF_CODE[code]! << this.probeSide[p]!, count);
        read += take;
      }
    }
    return this.select(count);
  }

  /** Adds `tenths` to the rough score of `take` live postings from `from` (wrapping); returns the touched count. */
  private read(list: PostingList, from: number, take: number, a: number, tenths: number, touchedSoFar: number): number {
    const { slots, gens, size } = list;
    const { gen } = this.index;
    const rough = this.rough;
    const touched = this.touched;
    const eligible = this.eligible;
    let count = touchedSoFar;
    if (list.stale === 0 && eligible === undefined) {
      // The common case, kept apart: one random access per posting.
      for (let k = 0, at = from; k < take; k++, at = at + 1 === size ? 0 : at + 1) {
        const j = slots[at]!;
        if (j === a) continue;
        if (rough[j] === 0) touched[count++] = j;
        rough[j]! += tenths;
      }
      return count;
    }
    for (let k = 0, at = from; k < take; k++, at = at + 1 === size ? 0 : at + 1) {
      const j = slots[at]!;
      if (j === a || gens[at] !== gen[j]) continue;
      if (eligible !== undefined && !(eligible[j]! >= 0)) continue;
      if (rough[j] === 0) touched[count++] = j;
      rough[j]! += tenths;
    }
    return count;
  }

  /** The lists to read for `a`: offers meeting each need, then needs each offer meets; salts as lists are met. */
  private collectProbes(a: number): void {
    this.probes.length = this.probeCode.length = this.probeSalt.length = this.probeSide.length = 0;
    const { pool, start, nOffers, nNeeds } = this.index;
    const base = start[a]!;
    for (let k = base + nOffers[a]!; k < base + nOffers[a]! + nNeeds[a]!; k++) {
      this.addProbes(OFFERS_MEETING, pool[k]!, this.index.offering, 31, 0);
    }
    for (let k = base; k < base + nOffers[a]!; k++) this.addProbes(NEEDS_MET_BY, pool[k]!, this.index.needing, 17, 16);
  }

  private addProbes(rel: Relation, id: number, lists: readonly PostingList[], salt: number, side: number): void {
    if (id >= KNOWN_COUNT) this.addProbe(lists[id], EXACT, salt, side);
    else {
      for (let k = rel.start[id]!; k < rel.start[id + 1]!; k++)
        this.addProbe(lists[rel.skill[k]!], rel.code[k]!, salt, side);
    }
  }

  private addProbe(list: PostingList | undefined, code: number, salt: number, side: number): void {
    if (!list || list.size === 0) return;
    this.probeSalt.push(list.size * salt + this.probes.length);
    this.probes.push(list);
    this.probeCode.push(code);
    this.probeSide.push(side);
  }

  /** Keeps the `shortlist` best of the touched slots (rough desc, then slot asc) in `picks`; resets the scores. */
  private select(count: number): number {
    const want = this.limits.shortlist;
    const rough = this.rough;
    const touched = this.touched;
    const histogram = this.histogram;
    let top = 0;
    for (let t = 0; t < count; t++) {
      const v = proxy(rough[touched[t]!]!);
      histogram[v]!++;
      top = Math.max(top, v);
    }
    let above = 0;
    let cut = top;
    while (cut > 0 && above + histogram[cut]! < want) above += histogram[cut--]!;
    if (count <= want) cut = 0;
    let picked = 0;
    let tied = 0;
    for (let t = 0; t < count; t++) {
      const j = touched[t]!;
      const v = proxy(rough[j]!);
      histogram[v] = 0;
      if (v > cut) this.picks[picked++] = j;
      else if (v === cut && tied < want) this.ties[tied++] = j;
      rough[j] = 0;
    }
    // Ties at the cut: the first met (strongest lists are read first).
    for (let t = 0; picked < want && t < tied; t++) this.picks[picked++] = this.ties[t]!;
    return picked;
  }
}
