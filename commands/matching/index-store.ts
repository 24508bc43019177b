/**
 * The reads behind the matcher's in-memory index (part of `MatchingStore`): one scan of the members taking part with
 * their skills, a change log to catch up member by member, and the per-member lookups `/match` and the weekly round
 * need without loading the whole community.
 */
import type { CommunityId } from '#core/ids.ts';

/** A member still here who lists skills or has matching preferences, as an index scan gives them. */
export type MatchIndexMember = readonly [
  key: number,
  userId: string,
  lastActiveAt: number,
  optedIn: number,
  pausedAt: number | null,
  pausedUntil: number | null,
];

/** Separates a member's skills in a scan's skill string; `SKILL_PART` separates a skill from its term. */
export const SKILL_SEPARATOR = '\u001e';
export const SKILL_PART = '\u001f';

/** The last change a reader of the change log applied: its sequence number and its nonce. */
export interface IndexCursor {
  readonly seq: number;
  readonly nonce: number;
}

export interface IndexChanges {
  /** True when the reader's cursor no longer exists (rolled back, or pruned): it must rebuild. */
  readonly rebuild: boolean;
  /** The newest change (undefined: the log holds none for the community). */
  readonly cursor?: IndexCursor;
  /** Keys of the members changed after the reader's cursor (to reload), distinct. */
  readonly members: readonly number[];
  /** Members whose only change is a new day of activity: key and last activity (ms), nothing to reload. */
  readonly activity: readonly (readonly [key: number, lastActiveAt: number])[];
}

/** How a member of a round answered it, with the streak of rounds they let pass before. */
export interface RoundAnswer {
  readonly userId: string;
  readonly answered: boolean;
  readonly ignoredStreak: number;
  /** Whether the member has a preferences row (the streak is stored there). */
  readonly hasPrefs: boolean;
}

export interface MatchingIndexStore {
  /**
   * The same object for every store on one database (and a different one per database): the in-memory index cache
   * (index-cache.ts) keeps one set of indexes per database under it.
   */
  readonly indexCacheKey: object;
  /**
   * Visits the members of the community who list skills or have matching preferences (only those with the given
   * keys, when given), in no particular order; returns how many. A member's skills come as one string, one
   * entry per skill in the order they were added: `o` (offer) or `n` (need), the skill, `SKILL_PART`, the term;
   * entries joined by `SKILL_SEPARATOR` (null: no skills). One string per member is far cheaper to read than a row
   * per skill. A member's key is stable while they stay: it is what the change log names.
   */
  scanIndex(
    community: CommunityId,
    keys: readonly number[] | undefined,
    visit: (member: MatchIndexMember, skills: string | null) => void,
  ): Promise<number>;
  /**
   * One page of a full scan: the members after `afterUserId` (undefined: from the start) in user-id order, at most
   * `limit` of those with skills; the last page also brings members opted in without skills. Returns the last user
   * id read, or undefined when the scan is complete. Lets a large index be built in slices.
   */
  scanIndexPage(
    community: CommunityId,
    afterUserId: string | undefined,
    limit: number,
    visit: (member: MatchIndexMember, skills: string | null) => void,
  ): Promise<string | undefined>;
  /** The newest change of the community, where a fresh scan starts from. */
  indexHead(community: CommunityId): Promise<IndexCursor | undefined>;
  /** The members changed after `cursor` (undefined: since the log began). */
  indexChanges(community: CommunityId, cursor: IndexCursor | undefined): Promise<IndexChanges>;
  /**
   * Members never to suggest to the user (one read): those they avoid, those who avoid them, and those they
   * dismissed ("Not now") since `dismissedSince`.
   */
  notToSuggest(community: CommunityId, userId: string, dismissedSince: Date): Promise<string[]>;
  /** The user's partners (rounds and introductions) met since `since`, with the latest meeting each. */
  partnersSince(community: CommunityId, userId: string, since: Date): Promise<{ userId: string; at: Date }[]>;
  /**
   * Visits the pairs grouped since `since` (user ids, ms) in the next `limit` pairings after pairing id `after`, in
   * id order; returns the last pairing id read (`after` when there are no more). A round reads history page by
   * page, letting the bot answer members in between.
   */
  scanMet(
    community: CommunityId,
    since: Date,
    after: number,
    limit: number,
    visit: (a: string, b: string, at: number) => void,
  ): Promise<number>;
  /** Members of a round, whether each answered anything, and their ignored streak so far. */
  roundAnswers(community: CommunityId, roundId: number): Promise<RoundAnswer[]>;
}
