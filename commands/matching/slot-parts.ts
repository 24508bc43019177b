/**
 * A pair's full score with its reasons (`MatchScore`), read from the index: what `scorePair` returns for the same
 * two members. Used for the few pairs that get explained (a round's groups, `/match`'s three suggestions), never in
 * the candidate loops.
 */
import {
  complementarity,
  INTEREST_BONUS,
  MAX_INTEREST_BONUS,
  MAX_LINKS,
  type MatchScore,
  metFactor,
  type SkillLink,
  type SkillRef,
} from './match-score.ts';
import type { SkillIndex } from './skill-index.ts';
import { CREDIT_OF_CODE, codeOf, VIA_OF_CODE } from './skill-space.ts';

function ref(index: SkillIndex, at: number): SkillRef {
  const term = index.space.termName(index.terms[at]!);
  const skill = index.space.skillName(index.pool[at]!);
  return term === undefined ? { skill } : { skill, term };
}

/** `skillLinks(needs of a, offers of b)`: each need's first best offer, strongest first, at most three. */
function links(index: SkillIndex, a: number, b: number): SkillLink[] {
  const { pool, start, nOffers, nNeeds } = index;
  const out: SkillLink[] = [];
  const needs = start[a]! + nOffers[a]!;
  for (let k = needs; k < needs + nNeeds[a]!; k++) {
    let best = 0;
    let at = -1;
    for (let j = start[b]!; j < start[b]! + nOffers[b]!; j++) {
      const code = codeOf(pool[k]!, pool[j]!);
      if (code > best) {
        best = code;
        at = j;
      }
    }
    if (best > 0) {
      out.push({ need: ref(index, k), offer: ref(index, at), via: VIA_OF_CODE[best]!, credit: CREDIT_OF_CODE[best]! });
    }
  }
  return out.sort((x, y) => y.credit - x.credit).slice(0, MAX_LINKS);
}

function sharedAreas(index: SkillIndex, a: number, b: number): string[] {
  const { pool, start, nOffers, nNeeds, nAreas } = index;
  const mine = start[a]! + nOffers[a]! + nNeeds[a]!;
  const theirs = start[b]! + nOffers[b]! + nNeeds[b]!;
  const shared: string[] = [];
  for (let j = theirs; j < theirs + nAreas[b]!; j++) {
    for (let k = mine; k < mine + nAreas[a]!; k++) {
      if (pool[k] === pool[j]) {
        shared.push(index.space.skillName(pool[j]!));
        break;
      }
    }
  }
  return shared.sort();
}

const sum = (links: readonly SkillLink[]) => links.reduce((acc, l) => acc + l.credit, 0);

/** The score of `b` for `a` with its parts, computed as `scorePair` computes it. */
export function slotScore(index: SkillIndex, a: number, b: number, weeksSinceMet?: number): MatchScore {
  const theyGive = links(index, a, b);
  const youGive = links(index, b, a);
  const sharedInterests = sharedAreas(index, a, b);
  const comp = complementarity(sum(theyGive), sum(youGive));
  const bonus = Math.min(MAX_INTEREST_BONUS, INTEREST_BONUS * sharedInterests.length);
  const total = (comp + bonus) * metFactor(weeksSinceMet);
  return { total, complementarity: comp, parts: { theyGive, youGive, sharedInterests, weeksSinceMet } };
}
