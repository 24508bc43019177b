/** The mentorship and presence features' tables (migrations 0010, 0011); part of `DB` in schema.ts. */
import type { Generated } from 'kysely';
import type { Flag, Ms } from './schema.ts';

export interface MentorOffersTable {
  community: string;
  user_id: string;
  capacity: number;
  note: string | null;
  paused: Generated<Flag>;
  created_at: Ms;
  updated_at: Ms;
}

export interface MentorSkillsTable {
  community: string;
  user_id: string;
  skill: string;
  term: string;
  position: number;
}

export type MentorRequestStatus = 'pending' | 'waiting' | 'matched' | 'withdrawn';

export interface MentorRequestsTable {
  id: Generated<number>;
  community: string;
  mentee_id: string;
  skill: string;
  term: string;
  about: string;
  goal: string | null;
  status: MentorRequestStatus;
  created_at: Ms;
  updated_at: Ms;
}

export interface MentorAsksTable {
  community: string;
  request_id: number;
  mentor_id: string;
  status: 'asked' | 'accepted' | 'declined' | 'timed_out' | 'withdrawn';
  via_round: Generated<Flag>;
  asked_at: Ms;
  answered_at: Ms | null;
}

export interface MentorshipsTable {
  id: Generated<number>;
  community: string;
  mentor_id: string;
  mentee_id: string;
  skill: string;
  term: string;
  about: string;
  goal: string | null;
  slot: number;
  status: 'active' | 'completed' | 'stopped';
  started_at: Ms;
  ends_at: Ms;
  next_check_in_at: Ms | null;
  check_ins: Generated<number>;
  ended_at: Ms | null;
}

export interface MentorCheckInsTable {
  community: string;
  mentorship_id: number;
  seq: number;
  user_id: string;
  answer: 'going' | 'stuck' | 'wrap';
  answered_at: Ms;
}

export interface MentorClosingsTable {
  community: string;
  mentorship_id: number;
  user_id: string;
  takeaway: string;
  answered_at: Ms;
}

export interface PresenceCheckinsTable {
  community: string;
  user_id: string;
  day: string;
  checked_in_at: Ms;
  until_at: Ms;
  expires_at: Ms;
  location: string | null;
  nudged_at: Ms | null;
}

export interface PresencePrefsTable {
  community: string;
  user_id: string;
  nudges: Generated<Flag>;
  listed: Generated<Flag>;
  updated_at: Ms;
}

export interface PresenceCoffeesTable {
  community: string;
  from_id: string;
  to_id: string;
  status: 'asked' | 'sure' | 'not_today';
  created_at: Ms;
  answered_at: Ms | null;
  expires_at: Ms;
}

export interface PresenceDaysTable {
  community: string;
  day: string;
  members: Generated<number>;
}
