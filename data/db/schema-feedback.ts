/** The feedback loops' tables; part of `DB` in schema.ts. */
import type { Generated } from 'kysely';
import type { Ms } from './schema.ts';

export interface FeedbackRequestsTable {
  id: Generated<number>;
  community: string;
  requester: string;
  about: string;
  link: string | null;
  skills: Generated<string>;
  due_at: Ms | null;
  status: Generated<'open' | 'fulfilled' | 'expired' | 'cancelled' | 'offered_publicly'>;
  created_at: Ms;
}

export interface FeedbackAsksTable {
  community: string;
  request_id: number;
  reviewer: string;
  status: 'asked' | 'accepted' | 'declined' | 'timed_out' | 'given';
  asked_at: Ms;
  answered_at: Ms | null;
  note: string | null;
}

export interface FeedbackRatingsTable {
  community: string;
  request_id: number;
  reviewer: string;
  score: number;
  thanks: string | null;
  rated_at: Ms;
}

export interface FeedbackOptoutsTable {
  community: string;
  user_id: string;
  kind: 'asks' | 'helpful';
  created_at: Ms;
}
