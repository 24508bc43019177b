/**
 * On-demand suggestions for one member (`/match`): candidates come from the skill index in SQL (members offering
 * what they need, needing what they offer, and close skills), so a large community is never loaded whole.
 */
import type { Context } from '../../src/core/command.ts';
import type { MatchMember, MetPair } from '../../src/core/ports/repos/matching.ts';
import { CREDIT, needsMetBy, offersMeeting, type Via } from './affinity.ts';
import { avoidTest, historyOf, toProfile } from './history.ts';
import { type MatchScore, scorePair, suggestionRank } from './match-score.ts';

/** Candidates shortlisted in SQL, then scored exactly. */
const SHORTLIST = 60;
/** A "Not now" keeps someone out of suggestions this long. */
const DISMISS_WEEKS = 8;
const WEEK_MS = 7 * 86_400_000;

export interface Suggestion {
  readonly member: MatchMember;
  readonly score: MatchScore;
}

function metPairs(ctx: Context, userId: string): MetPair[] {
  return ctx.repos.matching
    .pairingsOf(ctx.community.id, userId, 200)
    .flatMap((p) =>
      p.members.filter((m) => m.userId !== userId).map((m) => ({ a: userId, b: m.userId, at: p.createdAt })),
    );
}

/** The member's best matches right now, best first; empty when nobody complements them yet. */
function weighted(tables: readonly ReadonlyMap<string, Via>[]) {
  return tables.flatMap((t) => [...t].map(([skill, via]) => ({ skill, credit: CREDIT[via] })));
}

/** The member's best matches right now, best first; empty when nobody complements them yet. */
export function suggestionsFor(ctx: Context, me: MatchMember, limit = 3): Suggestion[] {
  const { id } = ctx.community;
  const repo = ctx.repos.matching;
  const wanted = weighted(me.needs.map((s) => offersMeeting(s.skill)));
  const giving = weighted(me.offers.map((s) => needsMetBy(s.skill)));
  const avoid = avoidTest(repo.avoidPairs(id));
  const dismissed = new Set(repo.dismissedSince(id, me.userId, new Date(ctx.now.getTime() - DISMISS_WEEKS * WEEK_MS)));
  const ids = repo
    .complements(id, me.userId, wanted, giving, SHORTLIST, ctx.now)
    .filter((u) => !dismissed.has(u) && !avoid(me.userId, u));
  const history = historyOf(metPairs(ctx, me.userId), ctx.now);
  const mine = toProfile(me);
  const scored: (Suggestion & { rank: number })[] = [];
  for (const member of repo.members(id, ids)) {
    const profile = toProfile(member);
    const score = scorePair(mine, profile, history.weeksSinceMet(me.userId, member.userId));
    if (score.complementarity > 0) scored.push({ member, score, rank: suggestionRank(score, profile, ctx.now) });
  }
  return scored
    .sort((a, b) => b.rank - a.rank || a.member.userId.localeCompare(b.member.userId))
    .slice(0, limit)
    .map(({ member, score }) => ({ member, score }));
}
