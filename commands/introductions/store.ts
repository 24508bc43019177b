/**
 * Storage of the introductions feature: profiles (the published intro, a submission waiting for approval, welcome
 * and reminder state), the skills members offer and look for, and the managers Hallway has seen. Every query that
 * lists members skips those who left (`members.left_at`).
 */
import type { CommunityId } from '#core/ids.ts';

export type IntroStatus = 'draft' | 'pending_approval' | 'approved' | 'rejected';
export type SkillKind = 'offer' | 'need';

/** One answer to a community's custom question, kept with the question as it was asked. */
export interface IntroAnswer {
  readonly question: string;
  readonly answer: string;
}

/** The skills an intro card shows: the member's lists as they were when the intro was submitted. */
export interface CardSkills {
  readonly offers: readonly SkillInput[];
  readonly needs: readonly SkillInput[];
}

/** What an introduction says. Strings are cleaned member text (data, never markup). */
export interface IntroFields {
  readonly role: string;
  readonly workingOn: string;
  /** http(s) URLs. */
  readonly links: readonly string[];
  readonly pronouns?: string;
  readonly funFact?: string;
  readonly answers: readonly IntroAnswer[];
  /**
   * The skills this version of the intro shows, fixed at submission: a manager approves them with the text, and a
   * card never shows skills nobody reviewed. Undefined for intros from before it was kept (the current lists show).
   */
  readonly skills?: CardSkills;
}

export interface ProfileRecord {
  readonly community: CommunityId;
  readonly userId: string;
  /** The published intro, what others see; undefined until one was published. */
  readonly published?: IntroFields;
  /** A submission waiting for approval, or a rejected one kept for editing. */
  readonly draft?: IntroFields;
  /** `draft`: never submitted (welcome state); then pending_approval → approved | rejected. */
  readonly status: IntroStatus;
  /** Counts submissions; approval buttons carry it. */
  readonly revision: number;
  readonly introducedAt?: Date;
  readonly updatedAt: Date;
  readonly welcomedAt?: Date;
  readonly remindedAt?: Date;
  /** When the intro card was first posted to the intro channel (later edits update it in place). */
  readonly cardPostedAt?: Date;
  readonly reviewedBy?: string;
  readonly reviewNote?: string;
}

/** One skill of a member: canonical `skill` and the `term` they typed. */
export interface MemberSkill {
  readonly skill: string;
  readonly term: string;
  readonly addedAt: Date;
}

/** A member's two skill lists. */
export interface SkillLists {
  readonly offers: readonly MemberSkill[];
  readonly needs: readonly MemberSkill[];
}

export interface SkillInput {
  readonly skill: string;
  readonly term: string;
}

/** A member found by skill, with when they were last active (directory order). */
export interface SkillHolder {
  readonly userId: string;
  readonly term: string;
  readonly lastActiveAt: Date;
}

/** Another member's skill that complements the member's own: they offer what the member needs, or the reverse. */
export interface SkillOverlap {
  readonly userId: string;
  /** The other member's side: `offer` = they offer what the member needs. */
  readonly kind: SkillKind;
  readonly skill: string;
  readonly lastActiveAt: Date;
}

export interface ProfilesStore {
  /** Counts for `/hallway stats`. */
  stats(community: CommunityId): Promise<IntroStats>;
  get(community: CommunityId, userId: string): Promise<ProfileRecord | undefined>;
  /** Records the welcome DM; returns false if the member was welcomed before (never twice). */
  markWelcomed(community: CommunityId, userId: string, now: Date): Promise<boolean>;
  /** Stores a submission waiting for approval; returns the new revision. */
  submitDraft(community: CommunityId, userId: string, fields: IntroFields, now: Date): Promise<number>;
  /** Publishes `fields` (no approval needed, or approved): status approved, draft cleared; returns the revision. */
  publish(community: CommunityId, userId: string, fields: IntroFields, now: Date, reviewedBy?: string): Promise<number>;
  /** Refuses the pending submission, keeping it as the draft for editing. */
  reject(community: CommunityId, userId: string, now: Date, reviewedBy: string, note?: string): Promise<void>;
  markCardPosted(community: CommunityId, userId: string, now: Date): Promise<void>;
  markReminded(community: CommunityId, userId: string, now: Date): Promise<void>;
  /** Welcomed before `welcomedBefore`, never introduced, never reminded, still here. */
  dueReminders(community: CommunityId, welcomedBefore: Date, limit: number): Promise<string[]>;
  /** Published intros whose card was never posted (the intro channel was not set). */
  awaitingCard(community: CommunityId, limit: number): Promise<string[]>;
  /** Submissions waiting for approval from members still here, oldest first. */
  pending(community: CommunityId, limit: number): Promise<ProfileRecord[]>;
  countPending(community: CommunityId): Promise<number>;

  skills(community: CommunityId, userId: string, kind: SkillKind): Promise<MemberSkill[]>;
  /** Both of the member's lists in one read, each in the order `skills` gives. */
  skillLists(community: CommunityId, userId: string): Promise<SkillLists>;
  /**
   * What a profile card shows, in one read: the member's profile (if any) and both skill lists, and whether they
   * left. Undefined for a user this community has never seen.
   */
  card(
    community: CommunityId,
    userId: string,
  ): Promise<(SkillLists & { profile?: ProfileRecord; left: boolean }) | undefined>;
  /** Adds skills (already there: kept); returns how many were new. */
  addSkills(
    community: CommunityId,
    userId: string,
    kind: SkillKind,
    skills: readonly SkillInput[],
    now: Date,
  ): Promise<number>;
  /** Replaces one list; skills kept keep their `added_at`. */
  replaceSkills(
    community: CommunityId,
    userId: string,
    kind: SkillKind,
    skills: readonly SkillInput[],
    now: Date,
  ): Promise<void>;
  /** Removes canonical skills from both lists; returns rows removed. */
  removeSkills(community: CommunityId, userId: string, skills: readonly string[]): Promise<number>;
  /** Members still here with `skill` in their `kind` list, most recently active first. */
  findBySkill(
    community: CommunityId,
    skill: string,
    kind: SkillKind,
    limit: number,
    offset: number,
  ): Promise<SkillHolder[]>;
  countBySkill(community: CommunityId, skill: string, kind: SkillKind): Promise<number>;
  /** Members still here whose skills complement the member's (both directions), most recently active first. */
  complements(community: CommunityId, userId: string, limit: number): Promise<SkillOverlap[]>;
  /** Skills listed in this community starting with `prefix` (canonical or as typed), most common first. */
  knownSkills(community: CommunityId, prefix: string, limit: number): Promise<string[]>;

  /** Records (admin) or forgets (no longer admin) a member as a manager. */
  noteManager(community: CommunityId, userId: string, isAdmin: boolean, now: Date): Promise<void>;
  /** Managers seen who are still here. */
  managers(community: CommunityId): Promise<string[]>;

  /**
   * Mentorships this member completed as a mentor (the mentorship feature's `mentorships`), shown on their profile
   * as recognition. Read-only.
   */
  mentorshipsCompleted(community: CommunityId, userId: string): Promise<number>;

  /** Records whom the member's posted card lists under "you might want to meet" (replacing the list). */
  setCardNeighbours(community: CommunityId, userId: string, neighbours: readonly string[]): Promise<void>;
  /** Members whose posted card lists `userId` under "you might want to meet" (forget-me redraws them). */
  cardsListing(community: CommunityId, userId: string): Promise<string[]>;
  /**
   * Of `others`, those whom the member avoids or who avoid the member (matching's avoid lists, by id and by keyed
   * hash), in the order given: a card never suggests meeting them.
   */
  avoidedAmong(community: CommunityId, userId: string, others: readonly string[]): Promise<string[]>;

  /**
   * Deletes the member's profile, skills, manager mark and card-neighbour rows (theirs, and others' naming them), and
   * clears them as the reviewer of others' intros; returns rows deleted by kind.
   */
  deleteMember(community: CommunityId, userId: string): Promise<{ profile: number; skills: number }>;
  /**
   * For the admin export: published intros (`profiles`) and skills (`member_skills`), as the directory shows them;
   * never a submission waiting for approval, a manager's note or the welcome flow's bookkeeping.
   */
  exportRows(community: CommunityId): Promise<Record<string, Record<string, unknown>[]>>;
}

/** Introductions in numbers (members who left excluded). */
export interface IntroStats {
  readonly introduced: number;
  readonly awaitingApproval: number;
  /** Distinct skills offered, and needed, in the community. */
  readonly skillsOffered: number;
  readonly skillsNeeded: number;
}
