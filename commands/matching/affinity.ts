/**
 * Which skills meet which, as cached lookup tables: for a need, the offers that meet it (itself, its
 * specialisations, its broad skill, close skills) with how; for an offer, the needs it meets. Scoring and candidate
 * generation read these in their inner loops instead of walking the taxonomy each time.
 */
import { areRelated, broaderSkill, narrowerSkills, relatedSkills } from '../skills/index.ts';

/** How an offer meets a need: the same skill, a specialisation of it, the broad skill, or a close one. */
export type Via = 'exact' | 'narrower' | 'broader' | 'related';

export const CREDIT: Readonly<Record<Via, number>> = { exact: 1, narrower: 0.8, broader: 0.6, related: 0.5 };

/** Bounds memory when members invent many unknown skills: the cache restarts past this many entries. */
const MAX_CACHED = 50_000;

/** How well `offer` meets `need`, or undefined when it does not. */
export function skillAffinity(need: string, offer: string): Via | undefined {
  if (need === offer) return 'exact';
  if (broaderSkill(offer) === need) return 'narrower';
  if (broaderSkill(need) === offer) return 'broader';
  if (areRelated(need, offer)) return 'related';
  return undefined;
}

/** Skills near `skill`: itself, narrower, broader and related — the only places a match can be. */
export function neighbourhood(skill: string): string[] {
  const parent = broaderSkill(skill);
  return [...new Set([skill, ...narrowerSkills(skill), ...(parent ? [parent] : []), ...relatedSkills(skill)])];
}

const needTables = new Map<string, ReadonlyMap<string, Via>>();
const offerTables = new Map<string, ReadonlyMap<string, Via>>();

function cached(cache: Map<string, ReadonlyMap<string, Via>>, skill: string, build: () => Map<string, Via>) {
  let table = cache.get(skill);
  if (!table) {
    if (cache.size >= MAX_CACHED) cache.clear();
    table = build();
    cache.set(skill, table);
  }
  return table;
}

/** Offer skill → how it meets `need`. */
export function offersMeeting(need: string): ReadonlyMap<string, Via> {
  return cached(needTables, need, () => {
    const table = new Map<string, Via>();
    for (const s of neighbourhood(need)) {
      const via = skillAffinity(need, s);
      if (via) table.set(s, via);
    }
    return table;
  });
}

/** Need skill → how `offer` meets it. */
export function needsMetBy(offer: string): ReadonlyMap<string, Via> {
  return cached(offerTables, offer, () => {
    const table = new Map<string, Via>();
    for (const s of neighbourhood(offer)) {
      const via = skillAffinity(s, offer);
      if (via) table.set(s, via);
    }
    return table;
  });
}
