/**
 * Storage of the resources feature: the community's rooms, machines, tools and books; their bookings; loans with a
 * waitlist; who is trained on what; and members' asks for things nobody listed.
 */
import type { CommunityId } from '#core/ids.ts';

export const RESOURCE_KINDS = ['space', 'equipment', 'tool', 'book', 'other'] as const;
export type ResourceKind = (typeof RESOURCE_KINDS)[number];

/** What whoever adds a resource sets. */
export interface ResourceFields {
  readonly name: string;
  readonly kind: ResourceKind;
  readonly location?: string;
  readonly description?: string;
  /** Used for a time slot (`/resource book`). */
  readonly bookable: boolean;
  /** Taken away and brought back (`/resource borrow`). */
  readonly lendable: boolean;
  /** The member it belongs to; undefined for the community's own things. */
  readonly ownerUserId?: string;
  /** Only trained members (and the owner) may book or borrow it. */
  readonly trainingRequired: boolean;
}

export interface ResourceRecord extends ResourceFields {
  readonly id: number;
  readonly community: CommunityId;
  readonly createdBy?: string;
  readonly createdAt: Date;
  readonly cardChannelId?: string;
  /** Bumped at each card update (the outbox key of each update must be new). */
  readonly cardVersion: number;
}

export type BookingStatus = 'booked' | 'cancelled';

export interface BookingRecord {
  /** What members type: `/resource cancel 7`. */
  readonly id: number;
  readonly community: CommunityId;
  readonly resourceId: number;
  readonly userId: string;
  readonly startsAt: Date;
  readonly endsAt: Date;
  readonly status: BookingStatus;
  readonly remindedAt?: Date;
  readonly createdAt: Date;
}

/**
 * `waiting` in line behind someone; `requested`: the keeper is asked; `lent`: out with the borrower; then closed as
 * `returned`, `declined` (the keeper said not now) or `cancelled` (the borrower stepped back, or the item went).
 */
export type LoanStatus = 'waiting' | 'requested' | 'lent' | 'returned' | 'declined' | 'cancelled';
/** The statuses of a loan still in the queue of its resource. */
export const OPEN_LOAN: readonly LoanStatus[] = ['waiting', 'requested', 'lent'];

export interface LoanRecord {
  readonly id: number;
  readonly community: CommunityId;
  readonly resourceId: number;
  readonly borrower: string;
  readonly status: LoanStatus;
  /** The `until:` the borrower asked for. */
  readonly wantedUntil?: Date;
  /** When they joined the queue (the queue is in id order). */
  readonly requestedAt: Date;
  readonly lentAt?: Date;
  readonly dueAt?: Date;
  readonly closedAt?: Date;
  /** Due and overdue reminders queued so far. */
  readonly remindersSent: number;
  readonly remindedAt?: Date;
}

export type AskStatus = 'open' | 'found' | 'posted' | 'closed';
export type AskReplyStatus = 'asked' | 'yes' | 'no' | 'closed';

export interface AskRecord {
  readonly id: number;
  readonly community: CommunityId;
  readonly asker: string;
  /** What they look for, as they wrote it. */
  readonly what: string;
  readonly status: AskStatus;
  /** The member who said yes first. */
  readonly helper?: string;
  readonly createdAt: Date;
  readonly closedAt?: Date;
}

export interface AskReply {
  readonly askId: number;
  readonly userId: string;
  readonly status: AskReplyStatus;
  readonly askedAt: Date;
  readonly answeredAt?: Date;
}

/** How busy a member is with asks for things: the `ReviewerLoad` of feedback routing, for resource asks. */
export interface HelperLoad {
  readonly userId: string;
  /** Asks still waiting on their answer. */
  readonly openAsks: number;
  /** Asks they received since the `since` given to the query. */
  readonly recentAsks: number;
  readonly lastAskedAt?: Date;
}

/** The outcome of `book`: the new booking, or the bookings it would overlap (both empty: no such resource). */
export interface BookingOutcome {
  readonly booking?: BookingRecord;
  readonly clashes: readonly BookingRecord[];
}

/** Bookings longer than this are refused by `book` (and the overlap search reads no further back). */
export const MAX_BOOKING_MS = 14 * 24 * 3_600_000;

/** Resources in numbers. */
export interface ResourceStats {
  readonly resources: number;
  readonly bookable: number;
  readonly lendable: number;
  readonly upcomingBookings: number;
  readonly pastBookings: number;
  readonly loansOut: number;
  readonly overdue: number;
  readonly asks: number;
  readonly asksFound: number;
}

export interface ResourcesStore {
  /** Adds a resource; undefined when the community already has one of that name (case-insensitive). */
  addResource(
    input: ResourceFields & { community: CommunityId; createdBy: string; now: Date },
  ): Promise<ResourceRecord | undefined>;
  getResource(community: CommunityId, resourceId: number): Promise<ResourceRecord | undefined>;
  /** The resource with exactly this name, whatever its case and spacing. */
  findResourceByName(community: CommunityId, name: string): Promise<ResourceRecord | undefined>;
  /** Resources by name; `kind` and `ownerUserId` narrow the list. */
  listResources(
    community: CommunityId,
    filter: { kind?: ResourceKind; ownerUserId?: string },
    limit: number,
  ): Promise<ResourceRecord[]>;
  setCardChannel(community: CommunityId, resourceId: number, channelId: string): Promise<void>;
  /** Increments and returns the card version. */
  bumpCardVersion(community: CommunityId, resourceId: number): Promise<number>;
  /** Deletes a resource with its bookings, loans and trainings; false if there was none. */
  removeResource(community: CommunityId, resourceId: number): Promise<boolean>;

  /** Records that a member may use a resource that needs training; false if they were already trained. */
  addTraining(
    community: CommunityId,
    resourceId: number,
    userId: string,
    trainedBy: string,
    now: Date,
  ): Promise<boolean>;
  isTrained(community: CommunityId, resourceId: number, userId: string): Promise<boolean>;

  /**
   * Books a slot unless a `booked` slot of the resource overlaps it: the read and the insert happen in the caller's
   * serializable unit, so of two racing units that would overlap, exactly one books (PostgreSQL retries the other,
   * which then sees the winner's booking). Returns the booking, or the overlapping bookings.
   */
  book(input: {
    community: CommunityId;
    resourceId: number;
    userId: string;
    startsAt: Date;
    endsAt: Date;
    now: Date;
  }): Promise<BookingOutcome>;
  getBooking(community: CommunityId, bookingId: number): Promise<BookingRecord | undefined>;
  /** Cancels a booked slot; false if it was not booked (a second cancel changes nothing). */
  cancelBooking(community: CommunityId, bookingId: number): Promise<boolean>;
  /** Booked slots of a resource overlapping [from, until), soonest first. */
  listBookings(community: CommunityId, resourceId: number, from: Date, until: Date): Promise<BookingRecord[]>;
  /** Ids of the resources with a booked slot overlapping [from, until). */
  busyResources(community: CommunityId, from: Date, until: Date): Promise<number[]>;
  /** A member's booked slots not yet ended at `now`, soonest first. */
  listMemberBookings(community: CommunityId, userId: string, now: Date): Promise<BookingRecord[]>;
  /** Booked slots starting in [from, until) whose reminder is not yet sent, soonest first. */
  listBookingsToRemind(community: CommunityId, from: Date, until: Date): Promise<BookingRecord[]>;
  /** Marks the reminder of a booked slot sent; false if it already was (a reminder goes once). */
  markBookingReminded(community: CommunityId, bookingId: number, now: Date): Promise<boolean>;

  /**
   * Puts a member in the queue of a resource (`requested` at its head, else `waiting`); undefined if they are in it
   * already, or if `requested` was asked for and someone else holds the head.
   */
  requestLoan(input: {
    community: CommunityId;
    resourceId: number;
    userId: string;
    status: 'waiting' | 'requested';
    wantedUntil?: Date;
    now: Date;
  }): Promise<LoanRecord | undefined>;
  getLoan(community: CommunityId, loanId: number): Promise<LoanRecord | undefined>;
  /** The queue of a resource: its open loans (lent or requested first, then waiting), in order. */
  listQueue(community: CommunityId, resourceId: number): Promise<LoanRecord[]>;
  /** Ids of the resources out on loan. */
  lentResources(community: CommunityId): Promise<number[]>;
  /** A member's open loans as borrower, oldest first. */
  listMemberLoans(community: CommunityId, userId: string): Promise<LoanRecord[]>;
  /**
   * Moves a loan to `to` only if it is in one of `from` (so a double click has one effect), stamping the time of the
   * step (`lent_at` with `dueAt` for `lent`, `closed_at` for a closing status). Returns whether it moved.
   */
  moveLoan(
    community: CommunityId,
    loanId: number,
    from: readonly LoanStatus[],
    to: LoanStatus,
    now: Date,
    dueAt?: Date,
  ): Promise<boolean>;
  /** Lent loans due at or before `dueBefore` with fewer than `maxReminders` reminders, soonest due first. */
  listLoansToRemind(community: CommunityId, dueBefore: Date, maxReminders: number): Promise<LoanRecord[]>;
  /**
   * Counts one more reminder of a lent loan if it still has `sent` and had none since `quietSince` (the database
   * decides: one a day at most, never twice for one count). Returns whether it was counted.
   */
  markLoanReminded(community: CommunityId, loanId: number, sent: number, now: Date, quietSince: Date): Promise<boolean>;

  createAsk(input: { community: CommunityId; userId: string; what: string; now: Date }): Promise<AskRecord>;
  getAsk(community: CommunityId, askId: number): Promise<AskRecord | undefined>;
  /** Moves an ask to `to` only if it is in one of `from`, with the helper when found. Returns whether it moved. */
  setAskStatus(
    community: CommunityId,
    askId: number,
    from: readonly AskStatus[],
    to: AskStatus,
    now: Date,
    helper?: string,
  ): Promise<boolean>;
  /** A member's asks, oldest first. */
  listAsksBy(community: CommunityId, userId: string): Promise<AskRecord[]>;
  /** Open asks created at or before `createdBefore`, oldest first. */
  listStaleAsks(community: CommunityId, createdBefore: Date): Promise<AskRecord[]>;
  /** Records that a member was asked; false if they already were, or the ask is not this community's. */
  addAskReply(community: CommunityId, askId: number, userId: string, now: Date): Promise<boolean>;
  getAskReply(community: CommunityId, askId: number, userId: string): Promise<AskReply | undefined>;
  listAskReplies(community: CommunityId, askId: number): Promise<AskReply[]>;
  /** Moves a member's answer to `to` only if it is in one of `from`. Returns whether it moved. */
  answerAsk(
    community: CommunityId,
    askId: number,
    userId: string,
    from: readonly AskReplyStatus[],
    to: AskReplyStatus,
    now: Date,
  ): Promise<boolean>;
  /**
   * Up to `limit` members still here who offer one of `skills` (canonical; reads `member_skills`), by user id.
   */
  skillOfferers(community: CommunityId, skills: readonly string[], limit: number): Promise<string[]>;
  /** The load of those of `userIds` ever asked for a thing (a member never asked is absent: load 0). */
  helperLoads(community: CommunityId, userIds: readonly string[], since: Date): Promise<HelperLoad[]>;

  /** Counts for `/hallway stats`, as of `now`. */
  stats(community: CommunityId, now: Date): Promise<ResourceStats>;
  /**
   * Deletes a member's bookings, loans, trainings, asks and answers, and clears them as the creator of resources and
   * as a trainer. (Their own resources are removed by the feature first, which tells who needs telling.)
   */
  forgetMember(
    community: CommunityId,
    userId: string,
  ): Promise<Record<'bookings' | 'loans' | 'trainings' | 'asks' | 'answers' | 'added', number>>;
  /** The community's rows of every resources table. */
  exportRows(community: CommunityId): Promise<Record<string, Record<string, unknown>[]>>;
}
