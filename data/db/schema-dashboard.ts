/** The dashboard's tables: active weeks, sign-in links and sessions; part of `DB` in schema.ts. */
import type { Ms } from './schema.ts';

export interface MemberActiveWeeksTable {
  community: string;
  /** `members.id`. */
  member: number;
  /** Monday 00:00 UTC of the week, epoch ms. */
  week: Ms;
}

export interface DashboardSignInsTable {
  token_hash: string;
  community: string;
  user_id: string;
  created_at: Ms;
  expires_at: Ms;
  used_at: Ms | null;
}

export interface DashboardSessionsTable {
  token_hash: string;
  community: string;
  user_id: string;
  created_at: Ms;
  expires_at: Ms;
}
