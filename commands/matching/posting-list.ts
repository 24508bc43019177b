/**
 * The members holding one skill (offering it, or needing it), oldest entry first. Updating a member never searches
 * the lists it was in: the member's generation goes up, its old entries become stale (skipped by readers, who compare
 * generations) and new ones are appended. A list compacts itself once half of it is stale, so the work stays in
 * proportion to the changes.
 */

/** Grows a typed array to at least `min` entries (doubling), keeping its contents. */
export function grown<T extends Int32Array | Float64Array | Uint8Array | Uint16Array>(array: T, min: number): T {
  if (array.length >= min) return array;
  const next = new (array.constructor as new (n: number) => T)(Math.max(min, array.length * 2, 16));
  next.set(array);
  return next;
}

export class PostingList {
  slots = new Int32Array(4);
  gens = new Int32Array(4);
  size = 0;
  /** Entries known to be stale (their member changed since). */
  stale = 0;

  push(slot: number, gen: number): void {
    if (this.size === this.slots.length) {
      this.slots = grown(this.slots, this.size + 1);
      this.gens = grown(this.gens, this.size + 1);
    }
    this.slots[this.size] = slot;
    this.gens[this.size] = gen;
    this.size++;
  }

  /** One of this list's entries went stale; compacts when half are (`gen` holds every member's generation). */
  retire(gen: Int32Array): void {
    this.stale++;
    if (this.stale * 2 < this.size) return;
    let kept = 0;
    for (let k = 0; k < this.size; k++) {
      const slot = this.slots[k]!;
      if (this.gens[k] !== gen[slot]) continue;
      this.slots[kept] = slot;
      this.gens[kept] = this.gens[k]!;
      kept++;
    }
    this.size = kept;
    this.stale = 0;
  }

  /** Live entries (for tests and small reads). */
  live(gen: Int32Array): number[] {
    const out: number[] = [];
    for (let k = 0; k < this.size; k++) if (this.gens[k] === gen[this.slots[k]!]) out.push(this.slots[k]!);
    return out;
  }
}
