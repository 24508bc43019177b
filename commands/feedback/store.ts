import type { CommunityId } from '#core/ids.ts';

/**
 * `open`: looking for or working with reviewers; `fulfilled`: feedback given and nobody left to answer;
 * `expired`: the deadline passed (or nobody could be asked) without a reviewer; `cancelled` by the requester;
 * `offered_publicly`: nobody fitting answered, so it was posted in the feedback channel for volunteers.
 */
export type FeedbackRequestStatus = 'open' | 'fulfilled' | 'expired' | 'cancelled' | 'offered_publicly';

/** One reviewer's part in a request: asked by DM, then accepted / declined / timed out, then given. */
export type FeedbackAskStatus = 'asked' | 'accepted' | 'declined' | 'timed_out' | 'given';

/** The kinds of feedback prompts a member can turn off: review asks, and "was this helpful?". */
export type FeedbackPromptKind = 'asks' | 'helpful';

export interface FeedbackRequest {
  readonly id: number;
  readonly community: CommunityId;
  readonly requester: string;
  /** What the work is, as the member wrote it. */
  readonly about: string;
  readonly link?: string;
  /** Canonical skills (see the matching vocabulary). */
  readonly skills: readonly string[];
  readonly dueAt?: Date;
  readonly status: FeedbackRequestStatus;
  readonly createdAt: Date;
}

export interface NewFeedbackRequest {
  readonly community: CommunityId;
  readonly requester: string;
  readonly about: string;
  readonly link?: string;
  readonly skills: readonly string[];
  readonly dueAt?: Date;
  readonly now: Date;
}

export interface FeedbackAsk {
  readonly requestId: number;
  readonly reviewer: string;
  readonly status: FeedbackAskStatus;
  readonly askedAt: Date;
  readonly answeredAt?: Date;
  /** The reviewer's optional note when marking feedback given. */
  readonly note?: string;
}

export interface FeedbackRating {
  readonly requestId: number;
  readonly reviewer: string;
  /** 1-5, given by the requester. */
  readonly score: number;
  readonly thanks?: string;
  readonly ratedAt: Date;
}

/** How busy a member is with feedback asks. */
export interface ReviewerLoad {
  readonly userId: string;
  /** Asks still waiting for them (asked or accepted) on open requests. */
  readonly openAsks: number;
  /** Asks they received since the `since` instant given to the query. */
  readonly recentAsks: number;
  readonly lastAskedAt?: Date;
}

/** A member who offers one of the wanted skills, with how busy they are with feedback asks. */
export interface ReviewerCandidate extends ReviewerLoad {
  /** The wanted skills they offer. */
  readonly skills: readonly string[];
}

export interface FeedbackStore {
  /** Counts for `/hallway stats`. */
  stats(community: CommunityId): Promise<FeedbackStats>;
  createRequest(request: NewFeedbackRequest): Promise<FeedbackRequest>;
  getRequest(community: CommunityId, id: number): Promise<FeedbackRequest | undefined>;
  /** Sets the status only if it is currently one of `from`; returns whether it changed (double clicks). */
  setRequestStatus(
    community: CommunityId,
    id: number,
    from: readonly FeedbackRequestStatus[],
    to: FeedbackRequestStatus,
  ): Promise<boolean>;
  /** A member's requests with one of the statuses, newest first. */
  listRequestsBy(
    community: CommunityId,
    requester: string,
    statuses: readonly FeedbackRequestStatus[],
  ): Promise<FeedbackRequest[]>;
  /** Open requests whose deadline is at or before `now`. */
  listOverdueRequests(community: CommunityId, now: Date): Promise<FeedbackRequest[]>;

  /** Records an ask (status `asked`, or `accepted` for volunteers); false if this reviewer already has one. */
  addAsk(
    community: CommunityId,
    requestId: number,
    reviewer: string,
    status: 'asked' | 'accepted',
    now: Date,
  ): Promise<boolean>;
  getAsk(community: CommunityId, requestId: number, reviewer: string): Promise<FeedbackAsk | undefined>;
  listAsks(community: CommunityId, requestId: number): Promise<FeedbackAsk[]>;
  /** A reviewer's asks with one of the statuses, with their requests, newest first. */
  listAsksFor(
    community: CommunityId,
    reviewer: string,
    statuses: readonly FeedbackAskStatus[],
  ): Promise<{ ask: FeedbackAsk; request: FeedbackRequest }[]>;
  /**
   * Moves an ask to `to` only if it is currently one of `from` (so a double click has one effect); stamps
   * `answered_at` and, when given, the note. Returns whether it changed.
   */
  answerAsk(
    community: CommunityId,
    requestId: number,
    reviewer: string,
    from: readonly FeedbackAskStatus[],
    to: FeedbackAskStatus,
    now: Date,
    note?: string,
  ): Promise<boolean>;
  /** Sets the note of a given ask once (a second note is refused). */
  setAskNote(community: CommunityId, requestId: number, reviewer: string, note: string): Promise<boolean>;
  /** Asks still `asked` at or before `askedBefore`, on open requests, oldest first. */
  listUnansweredAsks(community: CommunityId, askedBefore: Date): Promise<FeedbackAsk[]>;

  /**
   * Up to `limit` members offering `skill` (canonical), never members who left or paused review asks: a bounded,
   * rotating sample. The list is read in storage order from `start` (a fraction in [0, 1) of the way through it),
   * wrapping around, so different starts reach different members. Fewer than `limit` only when that is all.
   */
  offerersOf(community: CommunityId, skill: string, start: number, limit: number): Promise<string[]>;
  /** The load of those of `userIds` who were ever asked for feedback (a member never asked is absent: load 0). */
  reviewerLoads(community: CommunityId, userIds: readonly string[], since: Date): Promise<ReviewerLoad[]>;
  /** A member's profile skills (`member_skills`) of one kind, canonical, in the order they added them. */
  memberSkills(community: CommunityId, userId: string, kind: 'offer' | 'need'): Promise<string[]>;

  /** Records the requester's score once; false if this reviewer was already rated for this request. */
  addRating(community: CommunityId, requestId: number, reviewer: string, score: number, now: Date): Promise<boolean>;
  getRating(community: CommunityId, requestId: number, reviewer: string): Promise<FeedbackRating | undefined>;
  /** Sets the thank-you once; false if there is none to attach to or it was already set. */
  setThanks(community: CommunityId, requestId: number, reviewer: string, thanks: string): Promise<boolean>;
  /** Feedback this member gave that the requester rated at least `minScore`. */
  countRatedGiven(community: CommunityId, reviewer: string, minScore: number): Promise<number>;

  /** Turns one prompt kind off (true) or on (false) for a member. */
  setOptOut(community: CommunityId, userId: string, kind: FeedbackPromptKind, off: boolean, now: Date): Promise<void>;
  /** The prompt kinds this member turned off. */
  optOuts(community: CommunityId, userId: string): Promise<FeedbackPromptKind[]>;

  /** Deletes everything of one member: their requests (with asks and ratings), asks, ratings, opt-outs. */
  forgetMember(
    community: CommunityId,
    userId: string,
  ): Promise<{ requests: number; asks: number; ratings: number; settings: number }>;
  /**
   * For the admin export: requests, the reviewers who said yes or gave feedback, and per reviewer the helpful
   * feedback given (rated `helpfulFrom` or more: what profiles show). Never a decline, a note, a score or a
   * thank-you.
   */
  exportAll(community: CommunityId, helpfulFrom: number): Promise<Record<string, readonly Record<string, unknown>[]>>;
}

/** Feedback in numbers. */
export interface FeedbackStats {
  readonly requests: number;
  readonly open: number;
  readonly given: number;
  readonly ratings: number;
  readonly averageHelpfulness?: number;
}
