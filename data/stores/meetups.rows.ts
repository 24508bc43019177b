/** Column lists of the meetups tables and the mapping of their rows to the records of `MeetupsStore`. */
import type { Selectable } from 'kysely';
import type { MeetupFields, MeetupRecord, RsvpRecord, SeriesRecord } from '../../commands/meetups/store.ts';
import { toBool, toCommunityId, toDate, toMs, toOptionalDate } from '../db/rows.ts';
import type { MeetupRsvpsTable, MeetupSeriesTable, MeetupsTable } from '../db/schema-meetups.ts';

export const MEETUP_COLUMNS = [
  'id',
  'community',
  'series_id',
  'slot_at',
  'title',
  'starts_at',
  'ends_at',
  'location',
  'capacity',
  'description',
  'host_user_id',
  'status',
  'created_by',
  'created_at',
  'card_channel_id',
  'card_version',
  'schedule_revision',
] as const;

export const SERIES_COLUMNS = [
  'id',
  'community',
  'repeat',
  'timezone',
  'first_starts_at',
  'active',
  'created_by',
  'created_at',
] as const;

export const RSVP_COLUMNS = ['meetup_id', 'user_id', 'status', 'waitlist_position', 'responded_at'] as const;

export type MeetupRow = Pick<Selectable<MeetupsTable>, (typeof MEETUP_COLUMNS)[number]>;
export type SeriesRow = Pick<Selectable<MeetupSeriesTable>, (typeof SERIES_COLUMNS)[number]>;
export type RsvpRow = Pick<Selectable<MeetupRsvpsTable>, (typeof RSVP_COLUMNS)[number]>;

const opt = <T>(value: T | null): T | undefined => (value === null ? undefined : value);

export function toMeetup(row: MeetupRow): MeetupRecord {
  return {
    id: row.id,
    community: toCommunityId(row.community),
    seriesId: opt(row.series_id),
    slotAt: toOptionalDate(row.slot_at),
    title: row.title,
    startsAt: toDate(row.starts_at),
    endsAt: toDate(row.ends_at),
    location: opt(row.location),
    capacity: opt(row.capacity),
    description: opt(row.description),
    hostUserId: opt(row.host_user_id),
    status: row.status,
    createdBy: opt(row.created_by),
    createdAt: toDate(row.created_at),
    cardChannelId: opt(row.card_channel_id),
    cardVersion: row.card_version,
    scheduleRevision: row.schedule_revision,
  };
}

export function toSeries(row: SeriesRow): SeriesRecord {
  return {
    id: row.id,
    community: toCommunityId(row.community),
    repeat: row.repeat,
    timezone: row.timezone,
    firstStartsAt: toDate(row.first_starts_at),
    active: toBool(row.active),
    createdBy: opt(row.created_by),
    createdAt: toDate(row.created_at),
  };
}

export function toRsvp(row: RsvpRow): RsvpRecord {
  return {
    meetupId: row.meetup_id,
    userId: row.user_id,
    status: row.status,
    waitlistPosition: opt(row.waitlist_position),
    respondedAt: toDate(row.responded_at),
  };
}

/** The host-set fields as column values (create and edit write the same ones). */
export function fieldValues(f: MeetupFields) {
  return {
    title: f.title,
    starts_at: toMs(f.startsAt),
    ends_at: toMs(f.endsAt),
    location: f.location ?? null,
    capacity: f.capacity ?? null,
    description: f.description ?? null,
    host_user_id: f.hostUserId ?? null,
  };
}
