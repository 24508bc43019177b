/**
 * Storage of the mentorship feature: mentors' offers (skills, capacity, pause), mentees' requests and the mentors
 * asked for each, mentorships with their check-ins and closing answers. Two reads reach other features' tables:
 * members' profile skills (introductions' `member_skills`) for the reasons, and matching's avoid list, which
 * mentorship honours too. Every listing skips members who left.
 */
import type { CommunityId } from '#core/ids.ts';

/** A skill as the vocabulary knows it (`skill`) and as the member typed it (`term`). */
export interface MentorSkill {
  readonly skill: string;
  readonly term: string;
}

export interface MentorOffer {
  readonly userId: string;
  /** The skills they mentor, in the order they gave them. */
  readonly skills: readonly MentorSkill[];
  /** Mentees at once, 1-5. */
  readonly capacity: number;
  readonly note?: string;
  /** Paused mentors keep their mentees but get no new requests. */
  readonly paused: boolean;
  /** Their active mentorships. */
  readonly active: number;
  /** Requests waiting for their answer. */
  readonly pending: number;
  readonly updatedAt: Date;
}

/** `pending`: a mentor is asked; `waiting`: nobody is (the mentor round will look); `matched`; `withdrawn`. */
export type MentorRequestStatus = 'pending' | 'waiting' | 'matched' | 'withdrawn';

export interface MentorRequest {
  readonly id: number;
  readonly community: CommunityId;
  readonly menteeId: string;
  /** The skill the mentee wants to grow in, canonical, and as they said it. */
  readonly skill: string;
  readonly term: string;
  /** What they want help with, as they wrote it. */
  readonly about: string;
  readonly goal?: string;
  readonly status: MentorRequestStatus;
  readonly createdAt: Date;
}

export interface NewMentorRequest {
  readonly community: CommunityId;
  readonly menteeId: string;
  readonly skill: string;
  readonly term: string;
  readonly about: string;
  readonly goal?: string;
  readonly status: 'pending' | 'waiting';
  readonly now: Date;
}

export type MentorAskStatus = 'asked' | 'accepted' | 'declined' | 'timed_out' | 'withdrawn';

/** One mentor asked to take one request (Accept / Not now). */
export interface MentorAsk {
  readonly requestId: number;
  readonly mentorId: string;
  readonly status: MentorAskStatus;
  /** The mentor round chose this mentor (not the mentee). */
  readonly viaRound: boolean;
  readonly askedAt: Date;
  readonly answeredAt?: Date;
}

/** `completed`: wrapped up, ended or run its course (counts on the mentor's profile); `stopped`: cut short. */
export type MentorshipStatus = 'active' | 'completed' | 'stopped';

export interface Mentorship {
  readonly id: number;
  readonly community: CommunityId;
  readonly mentorId: string;
  /** Empty once the mentee was forgotten (the row stays, anonymous, for the mentor's count). */
  readonly menteeId: string;
  readonly skill: string;
  readonly term: string;
  readonly about: string;
  readonly goal?: string;
  /** Which of the mentor's places it holds while active (1..capacity). */
  readonly slot: number;
  readonly status: MentorshipStatus;
  readonly startedAt: Date;
  /** When it runs its course (the closing question goes out). */
  readonly endsAt: Date;
  readonly nextCheckInAt?: Date;
  /** Check-ins sent so far; the next one is number `checkIns + 1`. */
  readonly checkIns: number;
  readonly endedAt?: Date;
}

export interface NewMentorship {
  readonly community: CommunityId;
  readonly mentorId: string;
  readonly menteeId: string;
  readonly skill: string;
  readonly term: string;
  readonly about: string;
  readonly goal?: string;
  readonly now: Date;
  readonly endsAt: Date;
  readonly nextCheckInAt: Date;
}

export type CheckInAnswer = 'going' | 'stuck' | 'wrap';

/** A member's profile skills (introductions' lists), for the reasons a mentor fits. */
export interface SkillProfile {
  readonly userId: string;
  readonly offers: readonly MentorSkill[];
  readonly needs: readonly MentorSkill[];
}

/** Mentorship in numbers. */
export interface MentorshipStats {
  readonly mentors: number;
  readonly active: number;
  readonly completed: number;
  readonly waiting: number;
}

export interface MentorshipStore {
  /** The member's offer with their current load, or undefined when they do not mentor. */
  offer(community: CommunityId, userId: string): Promise<MentorOffer | undefined>;
  /** Creates or replaces the member's offer (skills, capacity, note); a pause is kept. */
  saveOffer(
    community: CommunityId,
    userId: string,
    offer: { readonly skills: readonly MentorSkill[]; readonly capacity: number; readonly note?: string },
    now: Date,
  ): Promise<void>;
  /** Pauses or resumes the offer; false when the member has none. */
  setPaused(community: CommunityId, userId: string, paused: boolean, now: Date): Promise<boolean>;
  /** Deletes the offer and its skills; false when there was none. */
  removeOffer(community: CommunityId, userId: string): Promise<boolean>;
  /** Every offer of members still here (paused ones too), with loads, by user id; at most `limit`. */
  mentors(community: CommunityId, limit: number): Promise<MentorOffer[]>;

  /** Stores a request; undefined when the mentee already has one pending or waiting (the database decides). */
  createRequest(request: NewMentorRequest): Promise<MentorRequest | undefined>;
  request(community: CommunityId, requestId: number): Promise<MentorRequest | undefined>;
  /** The mentee's pending or waiting request, if any. */
  openRequestOf(community: CommunityId, menteeId: string): Promise<MentorRequest | undefined>;
  /** Moves a request to `to` only from one of `from` (so a double click has one effect); whether it moved. */
  setRequestStatus(
    community: CommunityId,
    requestId: number,
    from: readonly MentorRequestStatus[],
    to: MentorRequestStatus,
    now: Date,
  ): Promise<boolean>;
  /** Waiting requests of mentees still here, oldest first, at most `limit` (the mentor round's queue). */
  waitingRequests(community: CommunityId, limit: number): Promise<MentorRequest[]>;

  /** Asks a mentor to take a request; false when they were asked for it before or another ask is waiting. */
  addAsk(community: CommunityId, requestId: number, mentorId: string, viaRound: boolean, now: Date): Promise<boolean>;
  ask(community: CommunityId, requestId: number, mentorId: string): Promise<MentorAsk | undefined>;
  /** Every ask of a request, oldest first. */
  asksOf(community: CommunityId, requestId: number): Promise<MentorAsk[]>;
  /** Moves an ask to `to` only from one of `from`, stamping the answer; whether it moved. */
  answerAsk(
    community: CommunityId,
    requestId: number,
    mentorId: string,
    from: readonly MentorAskStatus[],
    to: MentorAskStatus,
    now: Date,
  ): Promise<boolean>;
  /** Asks waiting for this mentor's answer, with their requests, oldest first. */
  pendingAsksFor(community: CommunityId, mentorId: string): Promise<{ ask: MentorAsk; request: MentorRequest }[]>;
  /** Asks still unanswered that were sent at or before `askedBefore`, oldest first (the timeout scan). */
  unansweredAsks(community: CommunityId, askedBefore: Date): Promise<MentorAsk[]>;

  /**
   * Starts a mentorship in the mentor's lowest free place up to `capacity`; undefined when every place is taken
   * (or the pair already has an active one). Places are unique among active mentorships, so two accepts racing
   * for the last place cannot both take it, even outside a serializable transaction.
   */
  startMentorship(mentorship: NewMentorship, capacity: number): Promise<Mentorship | undefined>;
  mentorship(community: CommunityId, mentorshipId: number): Promise<Mentorship | undefined>;
  /** The member's mentorships as mentor or mentee with one of the statuses, newest first. */
  mentorshipsOf(community: CommunityId, userId: string, statuses: readonly MentorshipStatus[]): Promise<Mentorship[]>;
  /** Active mentorships whose next check-in or end is at or before `now`, oldest due first, at most `limit`. */
  dueMentorships(community: CommunityId, now: Date, limit: number): Promise<Mentorship[]>;
  /**
   * Records check-in number `seq` as sent and schedules the next at `next` (undefined: none), only if `seq` is
   * the next one; whether it did (a second sweep at the same instant does nothing).
   */
  markCheckInSent(community: CommunityId, mentorshipId: number, seq: number, next: Date | undefined): Promise<boolean>;
  /** Ends an active mentorship; false when it was not active (already ended). */
  endMentorship(
    community: CommunityId,
    mentorshipId: number,
    status: 'completed' | 'stopped',
    now: Date,
  ): Promise<boolean>;
  /** Records a member's answer to check-in `seq`; false when they already answered it. */
  recordCheckIn(
    community: CommunityId,
    mentorshipId: number,
    seq: number,
    userId: string,
    answer: CheckInAnswer,
    now: Date,
  ): Promise<boolean>;
  /** Records a member's closing answer; false when they already gave one. */
  recordClosing(
    community: CommunityId,
    mentorshipId: number,
    userId: string,
    takeaway: string,
    now: Date,
  ): Promise<boolean>;
  /** Whether the member already answered the closing question of this mentorship. */
  hasClosing(community: CommunityId, mentorshipId: number, userId: string): Promise<boolean>;
  /** Completed mentorships this member mentored (their profile's recognition). */
  completedCount(community: CommunityId, mentorId: string): Promise<number>;

  /** Profile skills (offers and needs) of those of `userIds` who are still here and listed any. */
  profiles(community: CommunityId, userIds: readonly string[]): Promise<SkillProfile[]>;
  /** Members this one avoids or who avoid them (matching's `/match avoid`, honoured here too). */
  avoidsEither(community: CommunityId, userId: string): Promise<string[]>;
  /** Every avoid pair of the community, either direction (the mentor round). */
  avoidPairs(community: CommunityId): Promise<[string, string][]>;

  /** Counts for `/hallway stats`. */
  stats(community: CommunityId): Promise<MentorshipStats>;
  /**
   * Deletes the member's offer, requests (with their asks), asks to them, their answers, and mentorships they
   * mentored; completed mentorships they were mentored in stay, emptied of them, so the mentor's count survives.
   */
  forgetMember(community: CommunityId, userId: string): Promise<Record<string, number>>;
  /** Every mentorship row of the community, as plain rows. */
  exportRows(community: CommunityId): Promise<Record<string, Record<string, unknown>[]>>;
}
