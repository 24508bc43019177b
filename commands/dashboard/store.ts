/**
 * Storage of the dashboard feature: managers' sign-in links and sessions (only a hash of each token is kept), and
 * the community's figures, read as aggregates over the other features' tables. Every read leaves out members who
 * used forget-me (their rows are gone); name lists also leave out members who left.
 */
import type { CommunityId } from '#core/ids.ts';

/** A sign-in link, found by the hash of its token. */
export interface SignInRecord {
  readonly community: CommunityId;
  readonly userId: string;
  readonly expiresAt: Date;
  /** Set once the link has opened a session. */
  readonly usedAt?: Date;
}

/** A signed-in browser: one manager of one community. */
export interface SessionRecord {
  readonly community: CommunityId;
  readonly userId: string;
  readonly expiresAt: Date;
}

/** How many members were active, or joined, in a week (Monday 00:00 UTC). */
export interface WeekCount {
  readonly week: Date;
  readonly count: number;
}

/** A member who joined (Hallway saw the join): when, their last activity, and how far their intro got. */
export interface Arrival {
  readonly joinedAt: Date;
  readonly lastActiveAt: Date;
  /** They submitted an intro (published, waiting for approval, or sent back). */
  readonly startedIntro: boolean;
  readonly introducedAt?: Date;
}

/** Some names, and how many there are in all. */
export interface NameList {
  readonly names: readonly string[];
  readonly total: number;
}

/** One weekly round: members paired, and how many of them said they met and that they work together. */
export interface RoundFigures {
  readonly roundId: number;
  readonly heldAt: Date;
  readonly paired: number;
  readonly met: number;
  readonly collaborating: number;
}

/** A pairing where someone said they are working together: the names of its members still here. */
export interface Collaboration {
  readonly pairedAt: Date;
  readonly kind: 'round' | 'intro';
  readonly names: readonly string[];
}

/** One meetup held: answers, seats taken, and its ratings as a count and a sum (never one member's score). */
export interface MeetupFigures {
  readonly meetupId: number;
  readonly title: string;
  readonly startsAt: Date;
  readonly seriesId?: number;
  /** Going (seated or waiting) and maybe. */
  readonly answered: number;
  /** Going with a seat: what Hallway knows of attendance (there is no check-in). */
  readonly seated: number;
  readonly ratings: number;
  readonly ratingTotal: number;
}

/** Feedback requests made since a date, and how far each got. */
export interface FeedbackFigures {
  readonly requested: number;
  /** Requests someone accepted (or gave feedback on). */
  readonly accepted: number;
  readonly given: number;
  /** "Was this helpful?" answers to these requests, and how many said 4 or 5. */
  readonly ratings: number;
  readonly helpful: number;
  /** Hours from each request to its first feedback given. */
  readonly hoursToFeedback: readonly number[];
}

/** A skill: how many members (still here) offer it and how many need it. */
export interface SkillBalance {
  readonly skill: string;
  /** A member's own wording of it, for display. */
  readonly term: string;
  readonly offers: number;
  readonly needs: number;
}

/** One resource of the library: its bookings over a window and as of its end, and its loans. */
export interface ResourceFigures {
  readonly resourceId: number;
  readonly name: string;
  readonly bookable: boolean;
  readonly lendable: boolean;
  /** Booked slots overlapping the window, and their hours within it. */
  readonly bookings: number;
  readonly bookedHours: number;
  /** Booked slots that start at or after the window's end. */
  readonly upcoming: number;
  /** Out with a borrower at the window's end, and of those, past their due date. */
  readonly out: number;
  readonly overdue: number;
  /** Members waiting in line for it or asking its keeper. */
  readonly waiting: number;
}

/** Mentorships by skill (active now, completed ever) and requests still waiting for a mentor: counts only. */
export interface MentorshipFigures {
  readonly bySkill: readonly {
    readonly skill: string;
    readonly term: string;
    readonly active: number;
    readonly completed: number;
  }[];
  readonly waiting: number;
}

/** Sign-in links and sessions. */
interface AccessPort {
  /** Records a sign-in link by the hash of its token: valid once, until `expiresAt`. */
  saveSignIn(
    community: CommunityId,
    link: { readonly userId: string; readonly tokenHash: string; readonly expiresAt: Date },
    now: Date,
  ): Promise<void>;
  /** The link whose token has this hash, used or not, expired or not (any community: a link carries only its token). */
  findSignIn(tokenHash: string): Promise<SignInRecord | undefined>;
  /**
   * Marks the link used if it is unused and unexpired at `now`, and returns it; undefined otherwise. The database
   * decides, so two clicks at once cannot both open a session.
   */
  useSignIn(tokenHash: string, now: Date): Promise<SignInRecord | undefined>;
  /** Records a session by the hash of its token, until `expiresAt`. */
  saveSession(
    community: CommunityId,
    session: { readonly userId: string; readonly tokenHash: string; readonly expiresAt: Date },
    now: Date,
  ): Promise<void>;
  /** The session whose token has this hash, unless it expired by `now` (any community: a cookie carries a token). */
  findSession(tokenHash: string, now: Date): Promise<SessionRecord | undefined>;
  /** Ends one session of the community; false when there was none. */
  endSession(community: CommunityId, tokenHash: string): Promise<boolean>;
  /** Ends every session of the community and voids its unused links; returns how many sessions ended. */
  endAllSessions(community: CommunityId): Promise<number>;
  /** Deletes links and sessions that expired before `before`; returns how many. */
  deleteExpired(community: CommunityId, before: Date): Promise<number>;
  /** Deletes the member's links and sessions (forget-me); returns how many. */
  forgetMember(community: CommunityId, userId: string): Promise<number>;
}

/** The community's figures. */
interface FiguresPort {
  /** Members who have not left. */
  memberCount(community: CommunityId): Promise<number>;
  /** Members active in each week that starts in [from, to), oldest first (weeks with nobody are left out). */
  activeByWeek(community: CommunityId, from: Date, to: Date): Promise<WeekCount[]>;
  /** Members who joined at or after `since`, oldest first. */
  arrivals(community: CommunityId, since: Date): Promise<Arrival[]>;
  /** Members still here who joined in [joinedFrom, joinedBefore) and never published an intro, longest-waiting first. */
  withoutIntro(community: CommunityId, joinedFrom: Date, joinedBefore: Date, limit: number): Promise<NameList>;
  /** The latest weekly rounds, newest first. */
  rounds(community: CommunityId, limit: number): Promise<RoundFigures[]>;
  /**
   * Members still here, and how many of them have a complementary match: someone else still here offers a skill
   * they need, or needs one they offer.
   */
  complementarity(community: CommunityId): Promise<{ readonly members: number; readonly withMatch: number }>;
  /** Pairings where a member said they work together and two members are still here, newest first. */
  collaborations(community: CommunityId, limit: number): Promise<Collaboration[]>;
  /** Members still here whose weekly rounds went unanswered `streak` times in a row (paused for it, or about to be). */
  ghosted(community: CommunityId, streak: number, limit: number): Promise<NameList>;
  /** Meetups held (not cancelled) that ended in [from, to), oldest first. */
  heldMeetups(community: CommunityId, from: Date, to: Date, limit: number): Promise<MeetupFigures[]>;
  /** Feedback requests made at or after `since`. */
  feedback(community: CommunityId, since: Date): Promise<FeedbackFigures>;
  /** Skills members still here need or offer, most needed beyond what is offered first. */
  skillBalance(community: CommunityId, limit: number): Promise<SkillBalance[]>;
  /** One skill's balance (undefined when nobody still here offers or needs it). */
  skillDemand(community: CommunityId, skill: string): Promise<SkillBalance | undefined>;
  /** Members still here who offer the skill, longest-standing offer first: their ids and names. */
  offerers(
    community: CommunityId,
    skill: string,
    limit: number,
  ): Promise<{ readonly userId: string; readonly name: string }[]>;
  /**
   * Members still here, with the community since before `since`, who since then met no one from a pairing, answered
   * no meetup and asked for or gave no feedback.
   */
  quiet(community: CommunityId, since: Date, limit: number): Promise<NameList>;
  /** Resources by name, with their bookings overlapping [from, to), upcoming bookings and loans as of `to`. */
  resourceUse(community: CommunityId, from: Date, to: Date, limit: number): Promise<ResourceFigures[]>;
  /** Mentorships by skill, most active first, and how many requests wait for a mentor. */
  mentorships(community: CommunityId, limit: number): Promise<MentorshipFigures>;
}

export interface DashboardStore extends AccessPort, FiguresPort {}
