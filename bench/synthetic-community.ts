/**
 * A seeded synthetic creative community for tests and benchmarks: members offering about five skills and needing
 * about three, drawn from a vocabulary of ~500 (the taxonomy's skills plus a long tail of niche ones), with uniform
 * or skewed (Zipf) popularity. Demand is skewed differently from supply, as in real communities (many offer
 * photography, more need video than offer it). Same seed, same community.
 */
import type { MatchMember } from '../commands/matching/store.ts';
import { allSkills, skillLabel } from '../commands/skills/index.ts';
import { type Random, seededRandom } from '../commands/matching/random.ts';

export interface SyntheticOptions {
  readonly members: number;
  readonly seed: number;
  /** Skills to draw from (default 500). */
  readonly vocabulary?: number;
  readonly popularity?: 'uniform' | 'skewed';
  readonly now?: Date;
}

/** The vocabulary: taxonomy skills first, then niche skills nobody has heard of (kept as typed, like members do). */
export function syntheticVocabulary(size: number): string[] {
  const known = allSkills();
  const tail = Array.from({ length: Math.max(0, size - known.length) }, (_, i) => `niche-craft-${i + 1}`);
  return [...known, ...tail].slice(0, size);
}

/** Cumulative weights for weighted draws: Zipf (1/rank) or flat. */
function cumulative(size: number, popularity: 'uniform' | 'skewed'): number[] {
  const out: number[] = [];
  let total = 0;
  for (let rank = 1; rank <= size; rank++) {
    total += popularity === 'skewed' ? 1 / rank : 1;
    out.push(total);
  }
  return out;
}

function draw(cum: readonly number[], random: Random): number {
  const target = random() * cum[cum.length - 1]!;
  let lo = 0;
  let hi = cum.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cum[mid]! < target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** `count` distinct skills; `order` maps a popularity rank to a skill. */
function pick(count: number, cum: readonly number[], order: readonly string[], random: Random, avoid: Set<string>) {
  const chosen = new Set<string>();
  for (let tries = 0; chosen.size < count && tries < count * 20; tries++) {
    const skill = order[draw(cum, random)]!;
    if (!avoid.has(skill)) chosen.add(skill);
  }
  return [...chosen].map((skill) => ({ skill, term: skillLabel(skill) }));
}

/** The members of a synthetic community (user ids `m0001`…), ready for the matcher or the repositories. */
export function syntheticCommunity(options: SyntheticOptions): MatchMember[] {
  const random = seededRandom(options.seed);
  const vocabulary = syntheticVocabulary(options.vocabulary ?? 500);
  const cum = cumulative(vocabulary.length, options.popularity ?? 'skewed');
  // Demand ranks skills differently from supply: the same list, rotated by a third.
  const shift = Math.floor(vocabulary.length / 3);
  const demand = [...vocabulary.slice(shift), ...vocabulary.slice(0, shift)];
  const now = options.now ?? new Date('2026-11-16T09:00:00Z');
  const width = String(options.members).length;
  return Array.from({ length: options.members }, (_, i) => {
    const offers = pick(3 + Math.floor(random() * 5), cum, vocabulary, random, new Set());
    const needs = pick(1 + Math.floor(random() * 5), cum, demand, random, new Set(offers.map((o) => o.skill)));
    const daysAgo = Math.floor(random() * random() * 120);
    return {
      userId: `m${String(i + 1).padStart(width, '0')}`,
      displayName: `Member ${i + 1}`,
      lastActiveAt: new Date(now.getTime() - daysAgo * 86_400_000),
      offers,
      needs,
    };
  });
}
