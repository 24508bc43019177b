/**
 * Edges heaviest first without a comparator: a stable LSD radix sort on the bits of the (positive) weights, whose
 * IEEE-754 patterns order like the numbers. Exact, linear, and it yields between passes, where a 500k-edge
 * `sort((x, y) => …)` would hold the event loop for a quarter of a second.
 */
import type { Steps } from './steps.ts';

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** Positions of `weights` (all > 0) from the heaviest to the lightest; equal weights keep their order. */
export function* orderByWeight(weights: Float64Array): Steps<Int32Array> {
  const count = weights.length;
  let order = new Int32Array(count);
  for (let i = 0; i < count; i++) order[i] = i;
  if (!LITTLE_ENDIAN) return order.sort((x, y) => weights[y]! - weights[x]! || x - y);
  const bits = new Uint32Array(weights.buffer, weights.byteOffset, count * 2);
  let spare = new Int32Array(count);
  const buckets = new Int32Array(257);
  for (let pass = 0; pass < 8; pass++) {
    const word = pass < 4 ? 0 : 1;
    const shift = (pass % 4) * 8;
    buckets.fill(0);
    // Complemented digits: ascending order of 255 - digit is descending weight.
    for (let i = 0; i < count; i++) buckets[256 - ((bits[2 * i + word]! >>> shift) & 255)]!++;
    if (buckets.some((c) => c === count)) continue; // every weight shares this digit
    for (let d = 1; d < 257; d++) buckets[d]! += buckets[d - 1]!;
    yield;
    for (let i = 0; i < count; i++) {
      const k = order[i]!;
      spare[buckets[255 - ((bits[2 * k + word]! >>> shift) & 255)]!++] = k;
      if ((i & 65535) === 65535) yield;
    }
    [order, spare] = [spare, order];
    yield;
  }
  return order;
}
