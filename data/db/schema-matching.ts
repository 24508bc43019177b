/**
 * The matching feature's tables (preferences, avoid lists, rounds, pairings, suggestions, the index's change log,
 * the intro cards' neighbours); part of `DB` in schema.ts.
 */
import type { Generated } from 'kysely';
import type { Flag, Ms } from './schema.ts';

export interface MatchPrefsTable {
  community: string;
  user_id: string;
  opted_in: Generated<Flag>;
  paused_at: Ms | null;
  paused_until: Ms | null;
  pause_reason: 'member' | 'ignored' | null;
  ignored_streak: Generated<number>;
  updated_at: Ms;
}

export interface MatchAvoidTable {
  community: string;
  user_id: string;
  /** NULL once the avoided member was forgotten: `avoid_hash` keeps the protection. */
  avoid_user_id: string | null;
  /** HMAC-SHA256 of the avoided member's id under the community's key (`match_avoid_keys`), hex. */
  avoid_hash: string | null;
  created_at: Ms;
}

export interface MatchAvoidKeysTable {
  community: string;
  secret: string;
}

export interface IntroCardNeighboursTable {
  community: string;
  user_id: string;
  neighbour_id: string;
}

export interface MatchRoundsTable {
  id: Generated<number>;
  community: string;
  period: string;
  created_at: Ms;
  members: number;
  total_score: number;
  repeats: Generated<number>;
  left_out: Generated<number>;
}

export interface MatchPairingsTable {
  id: Generated<number>;
  community: string;
  round_id: number | null;
  kind: 'round' | 'intro';
  score: Generated<number>;
  created_at: Ms;
  follow_up_at: Ms | null;
}

export interface MatchPairingMembersTable {
  pairing_id: number;
  community: string;
  user_id: string;
  responded_at: Ms | null;
  met: 'yes' | 'not_yet' | 'no' | null;
  collaborating: Flag | null;
}

export interface MatchSuggestionsTable {
  id: Generated<number>;
  community: string;
  user_id: string;
  suggested_id: string;
  score: number;
  status: Generated<'shown' | 'introduced' | 'dismissed'>;
  created_at: Ms;
  decided_at: Ms | null;
}

export interface MatchIndexChangesTable {
  seq: Generated<number>;
  community: string;
  member: number;
  active_at: Ms | null;
  nonce: Generated<number>;
}
