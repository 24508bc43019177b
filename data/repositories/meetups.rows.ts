/** Row shapes of the meetups tables and their mapping to the records of `MeetupsStore`. */
import type {
  MeetupRecord,
  MeetupStatus,
  Repeat,
  RsvpRecord,
  RsvpStatus,
  SeriesRecord,
} from '../../commands/meetups/store.ts';
import { toCommunityId, toDate } from './rows.ts';

export interface MeetupRow {
  id: number;
  community: string;
  series_id: number | null;
  slot_at: number | null;
  title: string;
  starts_at: number;
  ends_at: number;
  location: string | null;
  capacity: number | null;
  description: string | null;
  host_user_id: string | null;
  status: MeetupStatus;
  created_by: string | null;
  created_at: number;
  card_channel_id: string | null;
  card_version: number;
  schedule_revision: number;
}

export interface SeriesRow {
  id: number;
  community: string;
  repeat: Repeat;
  timezone: string;
  first_starts_at: number;
  active: number;
  created_by: string | null;
  created_at: number;
}

export interface RsvpRow {
  meetup_id: number;
  user_id: string;
  status: RsvpStatus;
  waitlist_position: number | null;
  responded_at: number;
}

export const MEETUP_COLUMNS =
  'id, community, series_id, slot_at, title, starts_at, ends_at, location, capacity, description, host_user_id, status, ' +
  'created_by, created_at, card_channel_id, card_version, schedule_revision';

export const RSVP_COLUMNS = 'meetup_id, user_id, status, waitlist_position, responded_at';

const opt = <T>(value: T | null): T | undefined => (value === null ? undefined : value);

export function toMeetup(row: MeetupRow): MeetupRecord {
  return {
    id: row.id,
    community: toCommunityId(row.community),
    seriesId: opt(row.series_id),
    slotAt: row.slot_at === null ? undefined : toDate(row.slot_at),
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
    active: row.active === 1,
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
