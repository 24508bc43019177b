/**
 * Storage of "who's in today": today's check-ins (deleted when the community's day ends: no history is kept),
 * members' nudge and listing preferences, coffee invitations between members who are in (gone with the day too),
 * and one number per day for stats. Two reads reach other features' tables: profile skills (introductions) for
 * complementarity, and matching's avoid list. Every listing skips members who left.
 */
import type { CommunityId } from '#core/ids.ts';

/** A member's check-in today. */
export interface Presence {
  readonly userId: string;
  /** The community's local day, yyyy-MM-dd. */
  readonly day: string;
  readonly checkedInAt: Date;
  /** In until then (the end of the day unless they said otherwise, or the moment they left). */
  readonly until: Date;
  /** Where in the space, as they wrote it. */
  readonly location?: string;
  /** When today's morning nudge went out, if it did. */
  readonly nudgedAt?: Date;
}

export interface NewPresence {
  readonly day: string;
  readonly until: Date;
  /** The end of the day in the community's zone: the check-in is deleted then. */
  readonly expiresAt: Date;
  readonly location?: string;
  readonly now: Date;
}

/** Both off until the member turns them on. */
export interface PresencePrefs {
  /** A morning DM when someone complementary is in as well. */
  readonly nudges: boolean;
  /** Named in the morning "who's in today" post. */
  readonly listed: boolean;
}

export type PresencePref = keyof PresencePrefs;

export type CoffeeStatus = 'asked' | 'sure' | 'not_today';

export interface CoffeeInvite {
  readonly fromId: string;
  readonly toId: string;
  readonly status: CoffeeStatus;
  readonly createdAt: Date;
}

/** A member's profile skills (introductions' lists), for complementarity. */
export interface SkillProfile {
  readonly userId: string;
  readonly offers: readonly { readonly skill: string; readonly term: string }[];
  readonly needs: readonly { readonly skill: string; readonly term: string }[];
}

export interface PresenceStore {
  /** Deletes check-ins and coffee invitations whose day ended at or before `now`; returns rows deleted. */
  purgeExpired(community: CommunityId, now: Date): Promise<number>;
  /**
   * Checks the member in (or updates today's check-in: until, where). The first check-in of their day adds one to
   * that day's count; returns whether this was it.
   */
  checkIn(community: CommunityId, userId: string, presence: NewPresence): Promise<boolean>;
  /** Ends the member's presence at `now`; false when they were not in. */
  checkOut(community: CommunityId, userId: string, now: Date): Promise<boolean>;
  /** The member's check-in if they are in at `now`. */
  presenceOf(community: CommunityId, userId: string, now: Date): Promise<Presence | undefined>;
  /** Members in at `now` who have not left the community, earliest check-in first, at most `limit`. */
  present(community: CommunityId, now: Date, limit: number): Promise<Presence[]>;
  /** Records today's nudge for a member who is in; false when they were nudged already today or are not in. */
  markNudged(community: CommunityId, userId: string, now: Date): Promise<boolean>;

  prefs(community: CommunityId, userId: string): Promise<PresencePrefs>;
  setPref(community: CommunityId, userId: string, pref: PresencePref, on: boolean, now: Date): Promise<void>;
  /** Those of `userIds` who turned `pref` on, in the order given. */
  withPref(community: CommunityId, userIds: readonly string[], pref: PresencePref): Promise<string[]>;

  /** Profile skills of those of `userIds` still here who listed any. */
  profiles(community: CommunityId, userIds: readonly string[]): Promise<SkillProfile[]>;
  /** Members this one avoids or who avoid them (matching's `/match avoid`, honoured here too). */
  avoidsEither(community: CommunityId, userId: string): Promise<string[]>;

  /** Records `fromId` inviting `toId` for coffee until `expiresAt`; false when they already did today. */
  addCoffee(community: CommunityId, fromId: string, toId: string, expiresAt: Date, now: Date): Promise<boolean>;
  /** An invitation still valid at `now`. */
  coffee(community: CommunityId, fromId: string, toId: string, now: Date): Promise<CoffeeInvite | undefined>;
  /** Answers an invitation once (only from `asked`); whether it did. */
  answerCoffee(
    community: CommunityId,
    fromId: string,
    toId: string,
    answer: 'sure' | 'not_today',
    now: Date,
  ): Promise<boolean>;

  /** Members who checked in, per day from `sinceDay` (yyyy-MM-dd, inclusive), oldest first. */
  dayCounts(community: CommunityId, sinceDay: string): Promise<{ day: string; members: number }[]>;
  /** Deletes the member's check-in, preferences and coffee invitations (sent and received); counts by kind. */
  forgetMember(community: CommunityId, userId: string): Promise<Record<string, number>>;
  /** Every presence row of the community (today's state, preferences, daily counts), as plain rows. */
  exportRows(community: CommunityId): Promise<Record<string, Record<string, unknown>[]>>;
}
