/**
 * Near-miss search for "did you mean": a trigram index narrows the few thousand alias keys to a handful, then an
 * edit distance (with transpositions: "photgoraphy") ranks them.
 */
import { editDistance } from '#core/edit-distance.ts';

/** Trigrams of a key padded with spaces, so short words and word edges count. */
export function trigrams(key: string): Set<string> {
  const padded = `  ${key} `;
  const out = new Set<string>();
  for (let i = 0; i + 3 <= padded.length; i++) out.add(padded.slice(i, i + 3));
  return out;
}

export interface FuzzyIndex {
  readonly keys: readonly string[];
  readonly grams: readonly (readonly string[])[];
  readonly postings: ReadonlyMap<string, readonly number[]>;
}

export function buildFuzzyIndex(keys: readonly string[]): FuzzyIndex {
  const postings = new Map<string, number[]>();
  const grams = keys.map((key, i) => {
    const set = [...trigrams(key)];
    for (const g of set) {
      const list = postings.get(g);
      if (list) list.push(i);
      else postings.set(g, [i]);
    }
    return set;
  });
  return { keys, grams, postings };
}

/** Edits tolerated for a query of this length. */
function maxEdits(length: number): number {
  return length <= 2 ? 0 : length <= 4 ? 1 : length <= 8 ? 2 : 3;
}

export interface FuzzyHit {
  readonly key: string;
  readonly distance: number;
  /** Dice coefficient of the trigram sets, 0..1. */
  readonly overlap: number;
}

/** Keys close to `query`, best first: few edits, else a large share of trigrams in common. */
export function fuzzySearch(index: FuzzyIndex, query: string, limit: number): FuzzyHit[] {
  if (query === '' || limit <= 0) return [];
  const queryGrams = trigrams(query);
  const shared = new Map<number, number>();
  for (const g of queryGrams) for (const i of index.postings.get(g) ?? []) shared.set(i, (shared.get(i) ?? 0) + 1);
  const ranked = [...shared]
    .map(([i, count]) => ({ i, overlap: (2 * count) / (queryGrams.size + index.grams[i]!.length) }))
    .sort((a, b) => b.overlap - a.overlap)
    .slice(0, 40);
  const hits: FuzzyHit[] = [];
  for (const { i, overlap } of ranked) {
    const key = index.keys[i]!;
    const distance = editDistance(query, key);
    const close = distance <= maxEdits(query.length) && (distance < 3 || overlap >= 0.65);
    if (close || overlap >= 0.7) hits.push({ key, distance, overlap });
  }
  hits.sort((a, b) => a.distance - b.distance || b.overlap - a.overlap || a.key.localeCompare(b.key));
  // A hit much further than the best one is noise ("photgraphy" is not "biography").
  const best = hits[0]?.distance ?? 0;
  return hits.filter((h) => h.distance <= best + 1 || h.overlap >= 0.7).slice(0, limit * 4);
}
