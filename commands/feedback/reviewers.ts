/**
 * Finding reviewers without reading the whole community. Three are needed, so each wanted skill is read through a
 * window of its offerers that starts somewhere different for every request (asks spread over the community instead
 * of always reaching the same members) and the load is read for those members only. The window grows only while it
 * holds fewer free members than places to fill, so a busy member is asked only when no free one is left — as if
 * everyone had been read. Members offering a related skill are read only once the wanted skills' offerers run out.
 */
import type { CommunityId } from '#core/ids.ts';
import type { FeedbackStore, ReviewerCandidate } from './store.ts';
import { mergeTiers, rankReviewers, reviewerLoad } from './routing.ts';

/**
 * Offerers read per skill at first: enough for three free members unless most are busy (then the window grows).
 * Small on purpose: each row costs a few index lookups, and spreading comes from the rotating start, not the width.
 */
export const WINDOW = 8;
/** How much the window grows when it holds too few free members. */
const GROWTH = 4;
/** The golden ratio's fractional part: consecutive request ids give evenly spread starting points. */
const SPREAD = 0.618_033_988_749_894_9;

/** What to look for. */
export interface ReviewerSearch {
  readonly community: CommunityId;
  /** Wanted skills, then related ones (the second circle). */
  readonly skills: readonly string[];
  readonly related: readonly string[];
  /** Never asked: the requester and everyone already asked for this request. */
  readonly exclude: readonly string[];
  /** Asks since then count as recent. */
  readonly since: Date;
  /** Where the windows start, in [0, 1): see `spreadStart`. */
  readonly start: number;
  readonly count: number;
}

type Source = Pick<FeedbackStore, 'offerersOf' | 'reviewerLoads'>;

/** A request's starting point in each skill's offerers: the same for its hand-offs, spread across requests. */
export function spreadStart(requestId: number): number {
  return (requestId * SPREAD) % 1;
}

/** The user ids of the best `count` reviewers, best first: exact fit, then least busy (see `rankReviewers`). */
export async function chooseReviewers(source: Source, search: ReviewerSearch): Promise<string[]> {
  if (search.count <= 0) return [];
  const exact = await gather(source, search, search.skills, search.exclude);
  // Every member offering a wanted skill ranks before any related one: the related ones matter only when the
  // wanted skills' offerers were all read and are too few.
  let related: ReviewerCandidate[] = [];
  if (exact.complete && exact.candidates.length < search.count) {
    const exclude = [...search.exclude, ...exact.candidates.map((c) => c.userId)];
    related = (await gather(source, search, search.related, exclude)).candidates;
  }
  return rankReviewers(mergeTiers(exact.candidates, related))
    .slice(0, search.count)
    .map((c) => c.userId);
}

/**
 * Offerers of any of `skills` from growing windows, with their load, until the windows hold `count` free members
 * or every offerer (`complete`). A candidate's `skills` are the wanted skills in whose window they were found.
 */
async function gather(
  source: Source,
  search: ReviewerSearch,
  skills: readonly string[],
  exclude: readonly string[],
): Promise<{ candidates: ReviewerCandidate[]; complete: boolean }> {
  const excluded = new Set(exclude);
  for (let limit = WINDOW; ; limit *= GROWTH) {
    const offers = new Map<string, string[]>();
    let complete = true;
    for (const skill of skills) {
      const ids = await source.offerersOf(search.community, skill, search.start, limit);
      if (ids.length >= limit) complete = false;
      for (const id of ids) {
        if (!excluded.has(id)) offers.set(id, [...(offers.get(id) ?? []), skill]);
      }
    }
    const loads = new Map(
      (await source.reviewerLoads(search.community, [...offers.keys()], search.since)).map((l) => [l.userId, l]),
    );
    const candidates = [...offers].map(([userId, offered]): ReviewerCandidate => {
      const load = loads.get(userId);
      return { openAsks: 0, recentAsks: 0, ...load, userId, skills: offered };
    });
    const free = candidates.filter((c) => reviewerLoad(c) === 0).length;
    if (complete || free >= search.count) return { candidates, complete };
  }
}
