/**
 * Storage of the matching feature: who takes part in weekly rounds, avoid lists, rounds and pairings with their
 * follow-up answers, and the suggestions `/match` showed. Skills are read from the introductions' `member_skills`;
 * every listing skips members who left.
 */
import type { CommunityId } from '#core/ids.ts';
import type { MatchingIndexStore } from './index-store.ts';

export interface MatchSkill {
  readonly skill: string;
  readonly term: string;
}

/** A member as the matcher sees them. */
export interface MatchMember {
  readonly userId: string;
  readonly displayName: string;
  readonly lastActiveAt: Date;
  readonly offers: readonly MatchSkill[];
  readonly needs: readonly MatchSkill[];
}

export type PauseReason = 'member' | 'ignored';

export interface MatchPrefs {
  /** Asked to take part even without skills listed. */
  readonly optedIn: boolean;
  /** Set while paused; `pausedUntil` undefined means until they resume. */
  readonly pausedAt?: Date;
  readonly pausedUntil?: Date;
  readonly pauseReason?: PauseReason;
  /** Rounds in a row let pass without an answer. */
  readonly ignoredStreak: number;
}

export type MetAnswer = 'yes' | 'not_yet' | 'no';

export interface PairingMember {
  readonly userId: string;
  readonly respondedAt?: Date;
  readonly met?: MetAnswer;
  readonly collaborating?: boolean;
}

export interface PairingRecord {
  readonly id: number;
  readonly roundId?: number;
  readonly kind: 'round' | 'intro';
  readonly score: number;
  readonly createdAt: Date;
  readonly followUpAt?: Date;
  readonly members: readonly PairingMember[];
}

export interface RoundRecord {
  readonly id: number;
  readonly period: string;
  readonly createdAt: Date;
  readonly members: number;
  readonly totalScore: number;
  readonly repeats: number;
  readonly leftOut: number;
}

export interface SuggestionRecord {
  readonly id: number;
  readonly userId: string;
  readonly suggestedId: string;
  readonly score: number;
  readonly status: 'shown' | 'introduced' | 'dismissed';
  readonly createdAt: Date;
}

/** A group to store: 2-3 members, from a round or an introduction. */
export interface NewPairing {
  readonly roundId?: number;
  readonly kind: 'round' | 'intro';
  readonly score: number;
  readonly members: readonly string[];
}

/** Two members grouped together (a round or an introduction) and when, latest per pair. */
export interface MetPair {
  readonly a: string;
  readonly b: string;
  readonly at: Date;
}

/** Matching's storage; the reads behind the matcher's in-memory index are in `MatchingIndexStore`. */
export interface MatchingStore extends MatchingIndexStore {
  /** Members still here who take part: skills listed or opted in, not paused at `now`. */
  participants(community: CommunityId, now: Date): Promise<MatchMember[]>;
  /** One member still here (whatever their pause), or undefined. */
  member(community: CommunityId, userId: string): Promise<MatchMember | undefined>;
  /** Members still here among `userIds` (whatever their pause), in the order given. */
  members(community: CommunityId, userIds: readonly string[]): Promise<MatchMember[]>;
  prefs(community: CommunityId, userId: string): Promise<MatchPrefs>;
  /** Pauses until `until` (undefined: until they resume). */
  pause(community: CommunityId, userId: string, until: Date | undefined, reason: PauseReason, now: Date): Promise<void>;
  /** Ends any pause, opts in and clears the ignored streak. */
  resume(community: CommunityId, userId: string, now: Date): Promise<void>;
  setIgnoredStreak(community: CommunityId, userId: string, streak: number, now: Date): Promise<void>;

  /**
   * Records that `userId` never wants to be matched with `otherId`; false if already recorded. The avoided member is
   * kept by keyed hash as well as by id, so the entry outlives their forget-me and still holds if they come back.
   */
  addAvoid(community: CommunityId, userId: string, otherId: string, now: Date): Promise<boolean>;
  /** Ends the member's avoid of `otherId` (by id or by hash: also after the other was forgotten and came back). */
  removeAvoid(community: CommunityId, userId: string, otherId: string): Promise<boolean>;
  /** Whom the member avoids, by id, and how many entries name someone who was since forgotten. */
  avoids(community: CommunityId, userId: string): Promise<{ members: string[]; forgotten: number }>;
  /**
   * Every avoid pair of the community (either direction), for the matcher: entries whose avoided member was
   * forgotten count again once that member is back (matched by hash).
   */
  avoidPairs(community: CommunityId): Promise<[string, string][]>;
  /**
   * Of `others`, those whom the member avoids or who avoid the member, in the order given (by id and by keyed hash).
   * Every introduction checks it at the moment it is made.
   */
  avoidedAmong(community: CommunityId, userId: string, others: readonly string[]): Promise<string[]>;

  /** The latest meeting of each pair since `since` (rounds and introductions). */
  metSince(community: CommunityId, since: Date): Promise<MetPair[]>;
  /** Creates the round of a period; undefined if it exists already. */
  createRound(
    community: CommunityId,
    round: Omit<RoundRecord, 'id' | 'createdAt'>,
    now: Date,
  ): Promise<number | undefined>;
  lastRound(community: CommunityId): Promise<RoundRecord | undefined>;
  /** The round of a period, if it was created (a round written in batches resumes from it). */
  roundFor(community: CommunityId, period: string): Promise<RoundRecord | undefined>;
  /** The members already grouped in a round. */
  pairedIn(community: CommunityId, roundId: number): Promise<string[]>;
  /** Stores a group (2-3 members) and returns its id. */
  addPairing(community: CommunityId, pairing: NewPairing, now: Date): Promise<number>;
  /** Stores many groups in a few statements (a round's batch) and returns their ids, in the order given. */
  addPairings(community: CommunityId, pairings: readonly NewPairing[], now: Date): Promise<number[]>;
  pairing(community: CommunityId, id: number): Promise<PairingRecord | undefined>;
  roundPairings(community: CommunityId, roundId: number): Promise<PairingRecord[]>;
  /** The member's groups, newest first. */
  pairingsOf(community: CommunityId, userId: string, limit: number): Promise<PairingRecord[]>;
  markResponded(community: CommunityId, pairingId: number, userId: string, now: Date): Promise<void>;
  recordMet(community: CommunityId, pairingId: number, userId: string, met: MetAnswer, now: Date): Promise<void>;
  recordCollaborating(
    community: CommunityId,
    pairingId: number,
    userId: string,
    yes: boolean,
    now: Date,
  ): Promise<void>;
  /** Pairings created at or before `createdBefore` whose follow-up was never sent, oldest first. */
  dueFollowUps(community: CommunityId, createdBefore: Date, limit: number): Promise<PairingRecord[]>;
  markFollowUpSent(community: CommunityId, pairingId: number, now: Date): Promise<void>;

  addSuggestion(community: CommunityId, userId: string, suggestedId: string, score: number, now: Date): Promise<number>;
  /** Records the suggestions shown to `userId` at once (one statement); returns their ids in the order given. */
  addSuggestions(
    community: CommunityId,
    userId: string,
    suggestions: readonly { readonly suggestedId: string; readonly score: number }[],
    now: Date,
  ): Promise<number[]>;
  suggestion(community: CommunityId, id: number): Promise<SuggestionRecord | undefined>;
  decideSuggestion(community: CommunityId, id: number, status: 'introduced' | 'dismissed', now: Date): Promise<void>;
  /** Members the user dismissed ("Not now") since `since`. */
  dismissedSince(community: CommunityId, userId: string, since: Date): Promise<string[]>;
  /** Members never suggested to anyone: their first intro waits for a manager's approval or was refused. */
  unlisted(community: CommunityId): Promise<string[]>;

  /** Outcomes for stats: groups, and members' answers. */
  outcomes(community: CommunityId, since: Date): Promise<{ pairings: number; met: number; collaborating: number }>;
  /** Deletes every row about the member (their own and others' rows naming them); counts by table. */
  forget(community: CommunityId, userId: string): Promise<Record<string, number>>;
  /**
   * For the admin export: participation (`match_prefs`), rounds with how many of their members met or work
   * together, and who was paired. Never avoid lists, suggestions or one member's follow-up answers.
   */
  exportRows(community: CommunityId): Promise<Record<string, Record<string, unknown>[]>>;
}
