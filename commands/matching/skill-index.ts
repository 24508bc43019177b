/**
 * A community's members as the matcher sees them, in compact arrays: one slot per member (skills, areas, activity,
 * pause), and inverted lists skill → members offering it / needing it, oldest first. Built in one pass, then kept
 * current member by member (`put`, `remove`) without rebuilding. Slots are never reused: a removed member's slot
 * stays dead until the owner rebuilds the index (see `fragmented`).
 */
import { grown, PostingList } from './posting-list.ts';
import { SkillSpace } from './skill-space.ts';

/** Counts stored before a slot's skills in the pool: offers, needs, areas. */
export const HEADER = 3;

/** One member being loaded: a reusable scratch the loaders fill, then hand to `put`. */
export class MemberDraft {
  userId = '';
  /** What identifies the member to the change log (the members row id), or its position for in-memory builds. */
  key = 0;
  lastActiveAt = 0;
  optedIn = false;
  /** 0: not paused; a time: paused until then; Infinity: paused until they resume. */
  pauseEnd = 0;
  readonly offers: number[] = [];
  readonly offerTerms: number[] = [];
  readonly needs: number[] = [];
  readonly needTerms: number[] = [];
  /** Areas (interests); distinct. */
  readonly areas: number[] = [];

  clear(): void {
    for (const list of [this.offers, this.offerTerms, this.needs, this.needTerms, this.areas]) list.length = 0;
  }
}

/** What scoring reads of an index: each slot's skills (`PairScorer`), from a live index or a frozen view of one. */
export type SkillRows = Pick<SkillIndex, 'space' | 'start' | 'nOffers' | 'nNeeds' | 'nAreas' | 'pool' | 'terms'>;

/**
 * The index's skill rows as they are now, unchanged by later `put`s and `remove`s: the per-slot arrays are copied
 * (about 10 bytes a slot); the pool, the terms and the space are shared, which is safe because they are only ever
 * appended to (a changed member's skills go to the end of the pool; a rebuild makes a new index).
 */
export function frozenRows(index: SkillIndex): SkillRows {
  const n = index.slots;
  return {
    space: index.space,
    pool: index.pool,
    terms: index.terms,
    start: index.start.slice(0, n),
    nOffers: index.nOffers.slice(0, n),
    nNeeds: index.nNeeds.slice(0, n),
    nAreas: index.nAreas.slice(0, n),
  };
}

export class SkillIndex {
  readonly space = new SkillSpace();
  readonly userIds: string[] = [];
  private readonly bySlotKey = new Map<number, number>();
  private readonly byUser = new Map<string, number>();
  keys = new Float64Array(0);
  lastActive = new Float64Array(0);
  pauseEnd = new Float64Array(0);
  optedIn = new Uint8Array(0);
  alive = new Uint8Array(0);
  /** Bumped when a member changes: postings carrying an older generation are stale. */
  gen = new Int32Array(0);
  /**
   * A slot's skills in `pool` from `start[slot]`: offers, then needs, then areas (`terms` runs parallel for offers
   * and needs). The three counts also sit just before `start[slot]`, so scoring a candidate touches one place.
   */
  start = new Int32Array(0);
  nOffers = new Uint16Array(0);
  nNeeds = new Uint16Array(0);
  nAreas = new Uint16Array(0);
  pool = new Int32Array(0);
  terms = new Int32Array(0);
  private poolSize = 0;
  private poolGarbage = 0;
  private dead = 0;
  readonly offering: PostingList[] = [];
  readonly needing: PostingList[] = [];

  /** Slots in use, dead ones included. */
  get slots(): number {
    return this.userIds.length;
  }

  slotOf(userId: string): number | undefined {
    return this.byUser.get(userId);
  }

  slotOfKey(key: number): number | undefined {
    return this.bySlotKey.get(key);
  }

  /** Whether the slot takes part at `now`: here, skills listed or opted in, and not paused. */
  takesPart(slot: number, now: number): boolean {
    return this.alive[slot] === 1 && this.pauseEnd[slot]! <= now && (this.hasSkills(slot) || this.optedIn[slot] === 1);
  }

  hasSkills(slot: number): boolean {
    return this.nOffers[slot]! + this.nNeeds[slot]! > 0;
  }

  /** Adds the member or replaces what the index holds about them. */
  put(draft: MemberDraft): number {
    let slot = this.bySlotKey.get(draft.key);
    if (slot !== undefined && this.userIds[slot] !== draft.userId) {
      this.remove(draft.key); // the row id now names someone else
      slot = undefined;
    }
    if (slot === undefined) slot = this.newSlot(draft.userId, draft.key);
    else this.retire(slot);
    this.alive[slot] = 1;
    this.lastActive[slot] = draft.lastActiveAt;
    this.pauseEnd[slot] = draft.pauseEnd;
    this.optedIn[slot] = draft.optedIn ? 1 : 0;
    this.storeSkills(slot, draft);
    return slot;
  }

  /** Records a member's newer activity (nothing else about them changed). */
  touch(key: number, lastActiveAt: number): void {
    const slot = this.bySlotKey.get(key);
    if (slot !== undefined) this.lastActive[slot] = lastActiveAt;
  }

  /** Forgets the member with this key (left, deleted, or no longer taking any part). */
  remove(key: number): void {
    const slot = this.bySlotKey.get(key);
    if (slot === undefined) return;
    this.retire(slot);
    this.alive[slot] = 0;
    this.nOffers[slot] = this.nNeeds[slot] = this.nAreas[slot] = 0;
    this.bySlotKey.delete(key);
    if (this.byUser.get(this.userIds[slot]!) === slot) this.byUser.delete(this.userIds[slot]!);
    this.dead++;
  }

  /** Whether so much is dead or garbage that a rebuild would be smaller and faster to read. */
  get fragmented(): boolean {
    return this.dead > Math.max(1_000, this.slots / 4) || this.poolGarbage > Math.max(10_000, this.poolSize / 2);
  }

  private newSlot(userId: string, key: number): number {
    const slot = this.userIds.length;
    if (slot === this.keys.length) this.growSlots(slot + 1);
    this.userIds.push(userId);
    this.keys[slot] = key;
    this.bySlotKey.set(key, slot);
    this.byUser.set(userId, slot);
    return slot;
  }

  /** Room for at least `n` slots in every per-slot array (doubling, so a load of n members grows log n times). */
  private growSlots(n: number): void {
    this.keys = grown(this.keys, n);
    this.lastActive = grown(this.lastActive, n);
    this.pauseEnd = grown(this.pauseEnd, n);
    this.optedIn = grown(this.optedIn, n);
    this.alive = grown(this.alive, n);
    this.gen = grown(this.gen, n);
    this.start = grown(this.start, n);
    this.nOffers = grown(this.nOffers, n);
    this.nNeeds = grown(this.nNeeds, n);
    this.nAreas = grown(this.nAreas, n);
  }

  /** Marks the slot's postings stale (by bumping its generation) and its pool space as garbage. */
  private retire(slot: number): void {
    const base = this.start[slot]!;
    const offers = this.nOffers[slot]!;
    for (let k = 0; k < offers; k++) this.offering[this.pool[base + k]!]!.retire(this.gen);
    for (let k = offers; k < offers + this.nNeeds[slot]!; k++) this.needing[this.pool[base + k]!]!.retire(this.gen);
    this.gen[slot]!++;
    this.poolGarbage += HEADER + offers + this.nNeeds[slot]! + this.nAreas[slot]!;
  }

  private storeSkills(slot: number, d: MemberDraft): void {
    const length = HEADER + d.offers.length + d.needs.length + d.areas.length;
    this.pool = grown(this.pool, this.poolSize + length);
    this.terms = grown(this.terms, this.poolSize + length);
    this.pool[this.poolSize] = d.offers.length;
    this.pool[this.poolSize + 1] = d.needs.length;
    this.pool[this.poolSize + 2] = d.areas.length;
    const base = this.poolSize + HEADER;
    this.start[slot] = base;
    this.nOffers[slot] = d.offers.length;
    this.nNeeds[slot] = d.needs.length;
    this.nAreas[slot] = d.areas.length;
    this.pool.set(d.offers, base);
    this.pool.set(d.needs, base + d.offers.length);
    this.pool.set(d.areas, base + d.offers.length + d.needs.length);
    this.terms.set(d.offerTerms, base);
    this.terms.set(d.needTerms, base + d.offers.length);
    this.poolSize += length;
    const gen = this.gen[slot]!;
    for (const s of d.offers) this.post(this.offering, s, slot, gen);
    for (const s of d.needs) this.post(this.needing, s, slot, gen);
  }

  private post(lists: PostingList[], skill: number, slot: number, gen: number): void {
    while (lists.length <= skill) lists.push(new PostingList());
    const list = lists[skill]!;
    // A skill listed twice by one member is posted once.
    if (list.size > 0 && list.slots[list.size - 1] === slot && list.gens[list.size - 1] === gen) return;
    list.push(slot, gen);
  }
}
