/**
 * On-demand suggestions for one member (`/match`), from the community's cached index (`index-cache.ts`): the lists
 * of the skills near their needs and offers give a shortlist, scored on integers; only the best three become full
 * scores with their reasons. Work is bounded (`SEARCH`), never the whole community, and nothing is allocated per
 * candidate beyond the finder's reused arrays.
 */
import type { Context } from './kit.ts';
import { CandidateFinder, type FinderLimits } from './candidate-finder.ts';
import { historySince } from './history.ts';
import { matchIndex } from './index-cache.ts';
import { activityAt, type MatchScore, metFactor, rankOf } from './match-score.ts';
import type { SkillIndex } from './skill-index.ts';
import { PairScorer } from './slot-score.ts';

/**
 * Whole lists, strongest first, up to 8,000 postings (the most popular skills' lists are sampled past that), and
 * the 60 best scored exactly: a few hundred microseconds at 100k members.
 */
const SEARCH: FinderLimits = { perList: 8_000, budget: 8_000, shortlist: 60 };
/** A "Not now" keeps someone out of suggestions this long. */
const DISMISS_WEEKS = 8;
const WEEK_MS = 7 * 86_400_000;

interface Suggestion {
  readonly userId: string;
  readonly score: MatchScore;
}

interface Tools {
  readonly finder: CandidateFinder;
  readonly scorer: PairScorer;
}

/** One finder and scorer per index (their arrays are sized to it), remade when the index outgrows them. */
const tools = new WeakMap<SkillIndex, Tools>();

function toolsFor(index: SkillIndex): Tools {
  let found = tools.get(index);
  if (!found || found.finder.capacity < index.slots) {
    found = { finder: new CandidateFinder(index, SEARCH), scorer: new PairScorer(index) };
    tools.set(index, found);
  }
  return found;
}

interface Ranked {
  readonly slot: number;
  readonly rank: number;
}

/** Members never suggested to the actor: dismissed lately, avoided either way. */
async function leftOut(ctx: Context): Promise<Set<string>> {
  const { id } = ctx.community;
  const since = new Date(ctx.now.getTime() - DISMISS_WEEKS * WEEK_MS);
  return new Set(await ctx.store.notToSuggest(id, ctx.actor.userId, since));
}

/** The shortlist, scored and ranked (the pair score, active members first), best first, at most `limit`. */
async function ranked(
  ctx: Context,
  index: SkillIndex,
  me: number,
  met: ReadonlyMap<string, Date>,
  limit: number,
): Promise<Ranked[]> {
  const now = ctx.now.getTime();
  const left = await leftOut(ctx);
  const { finder, scorer } = toolsFor(index);
  const picked = finder.shortlistFor(me);
  scorer.anchorOn(me);
  const out: Ranked[] = [];
  for (let p = 0; p < picked; p++) {
    const slot = finder.picks[p]!;
    const userId = index.userIds[slot]!;
    // Paused members are few: dropped here rather than checked for every posting.
    if (left.has(userId) || !index.takesPart(slot, now)) continue;
    const total = scorer.total(slot, metFactor(weeksAgo(met.get(userId), now)));
    if (scorer.complementarity > 0) out.push({ slot, rank: rankOf(total, activityAt(index.lastActive[slot]!, now)) });
  }
  const name = (r: Ranked) => index.userIds[r.slot]!;
  return out.sort((a, b) => b.rank - a.rank || name(a).localeCompare(name(b))).slice(0, limit);
}

function weeksAgo(at: Date | undefined, now: number): number | undefined {
  return at === undefined ? undefined : Math.max(0, (now - at.getTime()) / WEEK_MS);
}

/**
 * The member's best matches right now, best first: empty when nobody complements them yet, undefined when they
 * have listed no skills (or are not here).
 */
export async function suggestionsFor(ctx: Context, limit = 3): Promise<Suggestion[] | undefined> {
  const index = await matchIndex(ctx.store, ctx.community.id);
  const me = index.slotOf(ctx.actor.userId);
  if (me === undefined || !index.hasSkills(me)) return undefined;
  const partners = await ctx.store.partnersSince(ctx.community.id, ctx.actor.userId, historySince(ctx.now));
  const met = new Map(partners.map((p) => [p.userId, p.at]));
  // Members whose first intro waits or was refused are never suggested (a few: read them, rank past them).
  const unlisted = new Set(await ctx.store.unlisted(ctx.community.id));
  const best = (await ranked(ctx, index, me, met, limit + unlisted.size))
    .filter(({ slot }) => !unlisted.has(index.userIds[slot]!))
    .slice(0, limit);
  // Anchored again here: another /match on this index may have used the scorer since `ranked` returned.
  const { scorer } = toolsFor(index);
  scorer.anchorOn(me);
  return best.map(({ slot }) => {
    const userId = index.userIds[slot]!;
    return { userId, score: scorer.score(slot, weeksAgo(met.get(userId), ctx.now.getTime())) };
  });
}
