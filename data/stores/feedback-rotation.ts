/**
 * Where a rotating window of a skill's offerers starts. The offerers are read in `user_id` order (the one order
 * both databases can seek in), so a start given as a fraction of the way through the list becomes a user id: the
 * point that fraction of the way from the first offerer's id to the last one's. Computing it from the two ends
 * costs two index seeks, where counting the offerers to find an exact position would read all of them.
 *
 * The ids are read as numbers whose digits are the characters ids are made of (digits, upper- and lower-case
 * letters: only the classes the two ends use, so `m00`…`m39` interpolate in base 10 and Slack's `U…` ids in base
 * 36), plus a digit below them all for "the id ends here", which keeps shorter ids in place. The spread is as even
 * as the ids are; a start that lands between two ids begins at the next one, which is all the reader needs.
 */

const CLASSES = ['0123456789', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz'];

/** Characters looked at after the common prefix, at most: ids differ early, and the arithmetic must stay exact. */
const DEPTH = 16;

/** The characters to count in: every class `chars` touches, plus any other character it holds. */
function alphabetOf(chars: string): string[] {
  const seen = new Set(chars);
  const letters = new Set<string>();
  for (const cls of CLASSES) if ([...cls].some((c) => seen.has(c))) for (const c of cls) letters.add(c);
  for (const c of seen) letters.add(c);
  // Code-unit order, the order of JavaScript's `<` (and of SQLite's BINARY collation for these characters).
  return [...letters].sort();
}

/** The id `start` (clamped to [0, 1]) of the way from `lo` to `hi` (`lo` itself at 0), in `user_id` order. */
export function pivotBetween(lo: string, hi: string, start: number): string {
  if (!(lo < hi)) return lo;
  let shared = 0;
  while (shared < lo.length && shared < hi.length && lo[shared] === hi[shared]) shared++;
  const alphabet = alphabetOf(lo.slice(shared, shared + DEPTH) + hi.slice(shared, shared + DEPTH));
  const digit = new Map(alphabet.map((c, i) => [c, i + 1]));
  const base = alphabet.length + 1;
  // As many digits as the longer end has (the points between ids are no finer than the ids themselves), and no
  // more than a double counts exactly.
  const width = Math.min(Math.max(lo.length, hi.length) - shared, DEPTH, Math.floor(53 / Math.log2(base)));
  const a = lo.slice(shared, shared + width);
  const b = hi.slice(shared, shared + width);
  const value = (s: string) => {
    let v = 0;
    for (let i = 0; i < width; i++) v = v * base + (i < s.length ? digit.get(s[i]!)! : 0);
    return v;
  };
  const from = value(a);
  const to = value(b);
  const fraction = Number.isFinite(start) ? Math.min(Math.max(start, 0), 1) : 0;
  const v = Math.min(to, from + Math.floor(fraction * (to - from + 1)));
  if (v === from) return lo;
  const digits: number[] = [];
  for (let i = 0, rest = v; i < width; i++, rest = Math.floor(rest / base)) digits.unshift(rest % base);
  // "Ends here" ends the id: whatever follows it would sort after the shorter id anyway.
  const end = digits.indexOf(0);
  const tail = (end < 0 ? digits : digits.slice(0, end)).map((d) => alphabet[d - 1]!).join('');
  return hi.slice(0, shared) + tail;
}
