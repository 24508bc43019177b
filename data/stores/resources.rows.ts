/**
 * Column lists of the resources tables, the mapping of their rows to the records of `ResourcesStore`, and the check
 * every write that names a resource makes first.
 */
import type { Selectable } from 'kysely';
import type { AskRecord, AskReply, BookingRecord, LoanRecord, ResourceRecord } from '../../commands/resources/store.ts';
import type { Db } from '../db/executor.ts';
import { toBool, toCommunityId, toDate, toOptionalDate } from '../db/rows.ts';
import type {
  ResourceAskRepliesTable,
  ResourceAsksTable,
  ResourceBookingsTable,
  ResourceLoansTable,
  ResourcesTable,
} from '../db/schema-resources.ts';

export const RESOURCE_COLUMNS = [
  'id',
  'community',
  'name',
  'kind',
  'location',
  'description',
  'bookable',
  'lendable',
  'owner_user_id',
  'training_required',
  'created_by',
  'created_at',
  'card_channel_id',
  'card_version',
] as const;

export const BOOKING_COLUMNS = [
  'id',
  'community',
  'resource_id',
  'user_id',
  'starts_at',
  'ends_at',
  'status',
  'reminded_at',
  'created_at',
] as const;

export const LOAN_COLUMNS = [
  'id',
  'community',
  'resource_id',
  'borrower',
  'status',
  'wanted_until',
  'requested_at',
  'lent_at',
  'due_at',
  'closed_at',
  'reminders_sent',
  'reminded_at',
] as const;

export const ASK_COLUMNS = ['id', 'community', 'asker', 'what', 'status', 'helper', 'created_at', 'closed_at'] as const;
export const REPLY_COLUMNS = ['ask_id', 'user_id', 'status', 'asked_at', 'answered_at'] as const;

type ResourceRow = Pick<Selectable<ResourcesTable>, (typeof RESOURCE_COLUMNS)[number]>;
type BookingRow = Pick<Selectable<ResourceBookingsTable>, (typeof BOOKING_COLUMNS)[number]>;
type LoanRow = Pick<Selectable<ResourceLoansTable>, (typeof LOAN_COLUMNS)[number]>;
type AskRow = Pick<Selectable<ResourceAsksTable>, (typeof ASK_COLUMNS)[number]>;
type ReplyRow = Pick<Selectable<ResourceAskRepliesTable>, (typeof REPLY_COLUMNS)[number]>;

const opt = <T>(value: T | null): T | undefined => (value === null ? undefined : value);

/** A name as compared: spacing collapsed, case folded (JavaScript's folding, the same on both databases). */
export function nameKey(name: string): string {
  return name.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();
}

export function toResource(row: ResourceRow): ResourceRecord {
  return {
    id: row.id,
    community: toCommunityId(row.community),
    name: row.name,
    kind: row.kind,
    location: opt(row.location),
    description: opt(row.description),
    bookable: toBool(row.bookable),
    lendable: toBool(row.lendable),
    ownerUserId: opt(row.owner_user_id),
    trainingRequired: toBool(row.training_required),
    createdBy: opt(row.created_by),
    createdAt: toDate(row.created_at),
    cardChannelId: opt(row.card_channel_id),
    cardVersion: row.card_version,
  };
}

export function toBooking(row: BookingRow): BookingRecord {
  return {
    id: row.id,
    community: toCommunityId(row.community),
    resourceId: row.resource_id,
    userId: row.user_id,
    startsAt: toDate(row.starts_at),
    endsAt: toDate(row.ends_at),
    status: row.status,
    remindedAt: toOptionalDate(row.reminded_at),
    createdAt: toDate(row.created_at),
  };
}

export function toLoan(row: LoanRow): LoanRecord {
  return {
    id: row.id,
    community: toCommunityId(row.community),
    resourceId: row.resource_id,
    borrower: row.borrower,
    status: row.status,
    wantedUntil: toOptionalDate(row.wanted_until),
    requestedAt: toDate(row.requested_at),
    lentAt: toOptionalDate(row.lent_at),
    dueAt: toOptionalDate(row.due_at),
    closedAt: toOptionalDate(row.closed_at),
    remindersSent: row.reminders_sent,
    remindedAt: toOptionalDate(row.reminded_at),
  };
}

export function toAsk(row: AskRow): AskRecord {
  return {
    id: row.id,
    community: toCommunityId(row.community),
    asker: row.asker,
    what: row.what,
    status: row.status,
    helper: opt(row.helper),
    createdAt: toDate(row.created_at),
    closedAt: toOptionalDate(row.closed_at),
  };
}

export function toReply(row: ReplyRow): AskReply {
  return {
    askId: row.ask_id,
    userId: row.user_id,
    status: row.status,
    askedAt: toDate(row.asked_at),
    answeredAt: toOptionalDate(row.answered_at),
  };
}

/** Whether the community has this resource (writes that name one check it first). */
export async function hasResource(db: Db, community: string, resourceId: number): Promise<boolean> {
  const row = await db
    .selectFrom('resources')
    .select('id')
    .where('community', '=', community)
    .where('id', '=', resourceId)
    .executeTakeFirst();
  return row !== undefined;
}
