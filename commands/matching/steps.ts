/**
 * Long computations as generators that `yield` at safe points every few hundred items of work. `runSliced` runs one
 * in slices of a few milliseconds and lets the event loop run between slices, so members' commands are answered
 * while a 100k-member round is planned.
 */

/** A computation that yields at safe points and returns `T`. */
export type Steps<T> = Generator<void, T, void>;

/** A slice: well under the 10 ms a member's command may wait behind the round. */
const SLICE_MS = 4;

/** Runs in slices of about SLICE_MS, awaiting `pause()` between slices. */
export async function runSliced<T>(steps: Steps<T>, pause: () => Promise<void>): Promise<T> {
  let deadline = performance.now() + SLICE_MS;
  let step = steps.next();
  while (!step.done) {
    if (performance.now() >= deadline) {
      await pause();
      deadline = performance.now() + SLICE_MS;
    }
    step = steps.next();
  }
  return step.value;
}

/** Lets timers and I/O run (what `runSliced` awaits in the app). */
export function breathe(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

const SORT_CHUNK = 2048;

/** Merges sorted runs `from[lo…mid)` and `from[mid…hi)` into `to[lo…hi)`. */
function merge(from: string[], to: string[], lo: number, mid: number, hi: number): void {
  let i = lo;
  let j = mid;
  for (let k = lo; k < hi; k++) to[k] = j >= hi || (i < mid && from[i]! <= from[j]!) ? from[i++]! : from[j++]!;
}

/**
 * `values` sorted as `Array.prototype.sort()` sorts strings, in steps: native sorts of small chunks, then merges.
 * (Sorting 100k user ids in one call holds the event loop for 30-90 ms.)
 */
export function* sortedStrings(values: readonly string[]): Steps<string[]> {
  let from = values.slice();
  const n = from.length;
  for (let lo = 0; lo < n; lo += SORT_CHUNK) {
    const part = from.slice(lo, lo + SORT_CHUNK).sort();
    for (let k = 0; k < part.length; k++) from[lo + k] = part[k]!;
    yield;
  }
  let to = new Array<string>(n);
  for (let width = SORT_CHUNK; width < n; width *= 2) {
    for (let lo = 0; lo < n; lo += 2 * width) {
      merge(from, to, lo, Math.min(lo + width, n), Math.min(lo + 2 * width, n));
      yield;
    }
    [from, to] = [to, from];
  }
  return from;
}
