/** Storage of the meetups feature: meetups, recurring series, RSVPs, reminders sent, reminder prefs, ratings. */
import type { CommunityId } from '#core/ids.ts';

export type MeetupStatus = 'scheduled' | 'cancelled';
export type RsvpStatus = 'going' | 'maybe' | 'no';
export type Repeat = 'weekly' | 'biweekly' | 'monthly';
/** What the reminder log records: the two reminders and the post-meetup rating prompt. */
export type ReminderKind = '24h' | '1h' | 'rating';

/** What a host sets on a meetup (create and edit). */
export interface MeetupFields {
  readonly title: string;
  readonly startsAt: Date;
  readonly endsAt: Date;
  readonly location?: string;
  /** Seats for `going`; undefined: no limit. */
  readonly capacity?: number;
  readonly description?: string;
  readonly hostUserId?: string;
}

export interface MeetupRecord extends MeetupFields {
  /** Short and typeable: members write `/meetup cancel 12`. */
  readonly id: number;
  readonly community: CommunityId;
  readonly seriesId?: number;
  /** For a series occurrence: the series date it stands for (an edit moves `startsAt`, never this). */
  readonly slotAt?: Date;
  readonly status: MeetupStatus;
  readonly createdBy?: string;
  readonly createdAt: Date;
  readonly cardChannelId?: string;
  /** Bumped at each card update (the outbox key of each update must be new). */
  readonly cardVersion: number;
  /** Bumped when the start moves, so reminders for the new time are not blocked by the old ones. */
  readonly scheduleRevision: number;
}

export interface SeriesRecord {
  readonly id: number;
  readonly community: CommunityId;
  readonly repeat: Repeat;
  /** The zone whose wall-clock time the series keeps. */
  readonly timezone: string;
  readonly firstStartsAt: Date;
  readonly active: boolean;
  readonly createdBy?: string;
  readonly createdAt: Date;
}

export interface RsvpRecord {
  readonly meetupId: number;
  readonly userId: string;
  readonly status: RsvpStatus;
  /** Set for a `going` waiting for a seat; lower goes first. */
  readonly waitlistPosition?: number;
  readonly respondedAt: Date;
}

export interface RatingSummary {
  readonly count: number;
  readonly average?: number;
  /** Count of each score, index 0 = score 1. */
  readonly distribution: readonly number[];
  /** Comments without their authors. */
  readonly comments: readonly string[];
}

export interface SkillShareIdea {
  /** Canonical skill. */
  readonly skill: string;
  /** A member's own wording of it, for display. */
  readonly term: string;
  /** Members (still here) who need it. */
  readonly needCount: number;
  /** Members (still here) who offer it, longest-standing offer first. */
  readonly offerers: readonly string[];
}

/** An open invitation to host a meetup: the member named, who named them, when. */
export interface HostInvite {
  readonly meetupId: number;
  readonly userId: string;
  readonly invitedBy: string;
  readonly invitedAt: Date;
}

/** What the shared-resources library gained, and what was booked most, for the digest. */
export interface LibraryNews {
  /** Resources added since then, newest first. */
  readonly added: readonly { readonly name: string; readonly kind: string }[];
  /** Resources with the most slots booked since then (booked, not cancelled), most first; at least one each. */
  readonly mostBooked: readonly { readonly name: string; readonly bookings: number }[];
}

export interface NewMember {
  readonly userId: string;
  readonly displayName: string;
  readonly joinedAt: Date;
}

export interface MeetupsStore {
  /** Counts for `/hallway stats`, as of `now`. */
  stats(community: CommunityId, now: Date): Promise<MeetupStats>;
  createSeries(input: Omit<SeriesRecord, 'id' | 'active'>): Promise<SeriesRecord>;
  getSeries(community: CommunityId, id: number): Promise<SeriesRecord | undefined>;
  listActiveSeries(community: CommunityId): Promise<SeriesRecord[]>;
  endSeries(community: CommunityId, id: number): Promise<void>;

  create(
    input: MeetupFields & { community: CommunityId; seriesId?: number; createdBy?: string; now: Date },
  ): Promise<MeetupRecord>;
  get(community: CommunityId, id: number): Promise<MeetupRecord | undefined>;
  /** Replaces the host-set fields; bumps `scheduleRevision` when the start moves. */
  update(community: CommunityId, id: number, fields: MeetupFields): Promise<MeetupRecord>;
  setStatus(community: CommunityId, id: number, status: MeetupStatus): Promise<void>;
  setCardChannel(community: CommunityId, id: number, channelId: string): Promise<void>;
  /** Increments and returns the card version. */
  bumpCardVersion(community: CommunityId, id: number): Promise<number>;
  /** Scheduled meetups not yet ended at `now`, soonest first. */
  listUpcoming(community: CommunityId, now: Date, limit: number): Promise<MeetupRecord[]>;
  /** Scheduled meetups starting in [from, to), soonest first. */
  listStartingBetween(community: CommunityId, from: Date, to: Date): Promise<MeetupRecord[]>;
  /** Scheduled meetups that ended in [from, to). */
  listEndedBetween(community: CommunityId, from: Date, to: Date): Promise<MeetupRecord[]>;
  /** Occurrences of a series (any status) starting at or after `from`, soonest first. */
  listSeries(community: CommunityId, seriesId: number, from: Date): Promise<MeetupRecord[]>;
  /** The occurrence of a series with the latest series date (`slotAt`). */
  latestInSeries(community: CommunityId, seriesId: number): Promise<MeetupRecord | undefined>;

  /** Asks `userId` to host the meetup, replacing its open invitation if any. */
  inviteHost(community: CommunityId, meetupId: number, userId: string, invitedBy: string, now: Date): Promise<void>;
  /** The meetup's open invitation to host, if any. */
  hostInvite(community: CommunityId, meetupId: number): Promise<HostInvite | undefined>;
  /**
   * Closes `userId`'s open invitation to host the meetup; with `accept`, makes them its host in the same step.
   * False when they have no open invitation there (answered already, replaced, or never asked): nothing changes.
   */
  answerHostInvite(community: CommunityId, meetupId: number, userId: string, accept: boolean): Promise<boolean>;

  getRsvp(community: CommunityId, meetupId: number, userId: string): Promise<RsvpRecord | undefined>;
  /** Every answer to a meetup: seated `going` first by time, then the waitlist in order, then maybe, then no. */
  listRsvps(community: CommunityId, meetupId: number): Promise<RsvpRecord[]>;
  /** Inserts or replaces a member's answer. */
  saveRsvp(community: CommunityId, rsvp: RsvpRecord): Promise<void>;
  /** The member's answers to scheduled meetups not yet ended, soonest first. */
  listMemberRsvps(
    community: CommunityId,
    userId: string,
    now: Date,
  ): Promise<{ meetup: MeetupRecord; rsvp: RsvpRecord }[]>;

  /** Records a reminder; false if that (meetup, member, kind, revision) was recorded before. */
  recordReminder(
    community: CommunityId,
    reminder: { meetupId: number; userId: string; kind: ReminderKind; revision: number },
    now: Date,
  ): Promise<boolean>;
  /** On unless the member turned them off. */
  remindersEnabled(community: CommunityId, userId: string): Promise<boolean>;
  setRemindersEnabled(community: CommunityId, userId: string, enabled: boolean, now: Date): Promise<void>;

  /** Saves a score (a second tap changes it, keeping any comment). */
  saveRating(community: CommunityId, meetupId: number, userId: string, score: number, now: Date): Promise<void>;
  /** Adds a comment to an existing rating; false when there is no rating to attach it to. */
  saveRatingComment(community: CommunityId, meetupId: number, userId: string, comment: string): Promise<boolean>;
  /** The member's score for the meetup, if they rated it. */
  ratingOf(community: CommunityId, meetupId: number, userId: string): Promise<number | undefined>;
  ratingSummary(community: CommunityId, meetupId: number): Promise<RatingSummary>;

  /** Members (not left) who joined at or after `since`, newest first. Reads the core `members` table. */
  newestMembers(community: CommunityId, since: Date, limit: number): Promise<NewMember[]>;
  /** Skills at least `minNeeds` members need and someone else offers, most needed first. Reads `member_skills`. */
  skillShareIdeas(community: CommunityId, minNeeds: number, limit: number): Promise<SkillShareIdea[]>;
  /** New resources and the most booked ones since `since` (at most `limit` of each). Reads the resources tables. */
  libraryNews(community: CommunityId, since: Date, limit: number): Promise<LibraryNews>;

  /**
   * When the calendar feed address was made, or undefined when there is none: the member's, or with `userId`
   * undefined the community feed of every upcoming meetup.
   */
  calendarFeedSince(community: CommunityId, userId: string | undefined): Promise<Date | undefined>;
  /** Makes or replaces a feed address, keeping only the hash of its token: the old address stops working. */
  saveCalendarFeed(community: CommunityId, userId: string | undefined, tokenHash: string, now: Date): Promise<void>;
  /**
   * Whose feed an address is (any community: the address carries only its token): the member, or `userId`
   * undefined for the community feed.
   */
  findCalendarFeed(tokenHash: string): Promise<{ community: CommunityId; userId?: string } | undefined>;
  /**
   * The meetups a member answered going (seated or waiting) or maybe that end at or after `from`, cancelled ones
   * too (a calendar then shows them cancelled), soonest first.
   */
  listMemberCalendar(community: CommunityId, userId: string, from: Date, limit: number): Promise<MeetupRecord[]>;

  /**
   * Deletes the member's RSVPs, reminder log, prefs, ratings, calendar feed and invitations to host (theirs, and
   * those they sent), and clears them as host/creator. Returns the counts by kind and the meetups they answered or hosted (their cards need a refresh).
   */
  forgetMember(
    community: CommunityId,
    userId: string,
  ): Promise<{
    counts: Record<'rsvps' | 'reminders' | 'prefs' | 'ratings' | 'hosted' | 'feeds' | 'invites', number>;
    meetupIds: number[];
  }>;
  /**
   * For the admin export: series, meetups, the going/maybe answers the cards show (never a "can't go"), and per
   * meetup the number of ratings and their average (never one rating or a comment).
   */
  exportRows(community: CommunityId): Promise<Record<string, Record<string, unknown>[]>>;
}

/** Meetups in numbers. */
export interface MeetupStats {
  readonly upcoming: number;
  readonly held: number;
  /** Going answers (seated, not waitlisted) to meetups already held. */
  readonly attended: number;
  readonly ratings: number;
  readonly averageRating?: number;
}
