/** The meetups feature's tables, and the calendar feeds' addresses; part of `DB` in schema.ts. */
import type { Generated } from 'kysely';
import type { Flag, Ms } from './schema.ts';

export interface MeetupSeriesTable {
  id: Generated<number>;
  community: string;
  repeat: 'weekly' | 'biweekly' | 'monthly';
  timezone: string;
  first_starts_at: Ms;
  active: Generated<Flag>;
  created_by: string | null;
  created_at: Ms;
}

export interface MeetupsTable {
  id: Generated<number>;
  community: string;
  series_id: number | null;
  slot_at: Ms | null;
  title: string;
  starts_at: Ms;
  ends_at: Ms;
  location: string | null;
  capacity: number | null;
  description: string | null;
  host_user_id: string | null;
  status: Generated<'scheduled' | 'cancelled'>;
  created_by: string | null;
  created_at: Ms;
  card_channel_id: string | null;
  card_version: Generated<number>;
  schedule_revision: Generated<number>;
}

export interface MeetupRsvpsTable {
  community: string;
  meetup_id: number;
  user_id: string;
  status: 'going' | 'maybe' | 'no';
  waitlist_position: number | null;
  responded_at: Ms;
}

export interface MeetupRemindersSentTable {
  community: string;
  meetup_id: number;
  user_id: string;
  kind: '24h' | '1h' | 'rating';
  revision: number;
  sent_at: Ms;
}

export interface MeetupReminderPrefsTable {
  community: string;
  user_id: string;
  enabled: Flag;
  updated_at: Ms;
}

export interface MeetupRatingsTable {
  community: string;
  meetup_id: number;
  user_id: string;
  score: number;
  comment: string | null;
  rated_at: Ms;
}

export interface MeetupHostInvitesTable {
  community: string;
  meetup_id: number;
  user_id: string;
  invited_by: string;
  invited_at: Ms;
}

export interface CalendarFeedsTable {
  token_hash: string;
  community: string;
  /** NULL: the community feed. */
  user_id: string | null;
  created_at: Ms;
}
