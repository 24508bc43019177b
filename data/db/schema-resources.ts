/** The shared resources feature's tables (migration 0009); part of `DB` in schema.ts. */
import type { Generated } from 'kysely';
import type { Flag, Ms } from './schema.ts';

export interface ResourcesTable {
  id: Generated<number>;
  community: string;
  name: string;
  name_key: string;
  kind: 'space' | 'equipment' | 'tool' | 'book' | 'other';
  location: string | null;
  description: string | null;
  bookable: Flag;
  lendable: Flag;
  owner_user_id: string | null;
  training_required: Generated<Flag>;
  created_by: string | null;
  created_at: Ms;
  card_channel_id: string | null;
  card_version: Generated<number>;
}

export interface ResourceBookingsTable {
  id: Generated<number>;
  community: string;
  resource_id: number;
  user_id: string;
  starts_at: Ms;
  ends_at: Ms;
  status: Generated<'booked' | 'cancelled'>;
  reminded_at: Ms | null;
  created_at: Ms;
}

export interface ResourceLoansTable {
  id: Generated<number>;
  community: string;
  resource_id: number;
  borrower: string;
  status: 'waiting' | 'requested' | 'lent' | 'returned' | 'declined' | 'cancelled';
  wanted_until: Ms | null;
  requested_at: Ms;
  lent_at: Ms | null;
  due_at: Ms | null;
  closed_at: Ms | null;
  reminders_sent: Generated<number>;
  reminded_at: Ms | null;
}

export interface ResourceTrainingsTable {
  community: string;
  resource_id: number;
  user_id: string;
  trained_by: string | null;
  trained_at: Ms;
}

export interface ResourceAsksTable {
  id: Generated<number>;
  community: string;
  asker: string;
  what: string;
  status: Generated<'open' | 'found' | 'posted' | 'closed'>;
  helper: string | null;
  created_at: Ms;
  closed_at: Ms | null;
}

export interface ResourceAskRepliesTable {
  community: string;
  ask_id: number;
  user_id: string;
  status: 'asked' | 'yes' | 'no' | 'closed';
  asked_at: Ms;
  answered_at: Ms | null;
}
