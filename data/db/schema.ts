/**
 * The tables as Kysely sees them, one interface per table, identical on SQLite and PostgreSQL (the migrations of
 * both dialects are compared by a test). Instants are epoch milliseconds, flags 0/1 integers and JSON columns
 * text, so that rows parse the same way from either database.
 */
import type { Generated } from 'kysely';
import type {
  MatchPrefsTable,
  MatchAvoidTable,
  MatchAvoidKeysTable,
  IntroCardNeighboursTable,
  MatchRoundsTable,
  MatchPairingsTable,
  MatchPairingMembersTable,
  MatchSuggestionsTable,
  MatchIndexChangesTable,
} from './schema-matching.ts';
import type {
  ResourcesTable,
  ResourceBookingsTable,
  ResourceLoansTable,
  ResourceTrainingsTable,
  ResourceAsksTable,
  ResourceAskRepliesTable,
} from './schema-resources.ts';
import type {
  MentorOffersTable,
  MentorSkillsTable,
  MentorRequestsTable,
  MentorAsksTable,
  MentorshipsTable,
  MentorCheckInsTable,
  MentorClosingsTable,
  PresenceCheckinsTable,
  PresencePrefsTable,
  PresenceCoffeesTable,
  PresenceDaysTable,
} from './schema-mentorship.ts';
import type {
  MeetupSeriesTable,
  MeetupsTable,
  MeetupRsvpsTable,
  MeetupRemindersSentTable,
  MeetupReminderPrefsTable,
  MeetupRatingsTable,
  MeetupHostInvitesTable,
  CalendarFeedsTable,
} from './schema-meetups.ts';
import type {
  FeedbackRequestsTable,
  FeedbackAsksTable,
  FeedbackRatingsTable,
  FeedbackOptoutsTable,
} from './schema-feedback.ts';
import type { MemberActiveWeeksTable, DashboardSignInsTable, DashboardSessionsTable } from './schema-dashboard.ts';

export type Ms = number;
export type Flag = 0 | 1;

export interface CommunitiesTable {
  id: string;
  settings: Generated<string>;
  created_at: Ms;
  settings_changed: Generated<string>;
  left_at: Generated<Ms | null>;
}

export interface SlackInstallationsTable {
  install_key: string;
  community: string;
  sealed: string;
  installed_at: Ms;
}

export interface MembersTable {
  id: Generated<number>;
  community: string;
  user_id: string;
  display_name: string;
  name_key: string;
  joined_at: Ms | null;
  left_at: Ms | null;
  first_seen_at: Ms;
  last_active_at: Ms;
  dm_unreachable: Generated<Flag>;
  dm_notice_shown: Generated<Flag>;
  timezone: string | null;
}

export interface JobRunsTable {
  community: string;
  job: string;
  period: string;
  claimed_at: Ms;
  /** Null while a job written in batches is running. */
  done_at: Ms | null;
  owner: string | null;
  lease_until: Ms | null;
}

export interface SendRatesTable {
  lane: string;
  rate: number;
  updated_at: Ms;
}

export interface LaneLeasesTable {
  lane: string;
  holder: string;
  lease_until: Ms;
}

export interface LaneHoldersTable {
  holder: string;
  alive_until: Ms;
}

export interface OutboxTable {
  id: Generated<number>;
  community: string;
  platform: string;
  key: string;
  target: string;
  target_kind: 'dm' | 'post' | 'update';
  target_ref: string | null;
  reply: string;
  ref: string | null;
  status: Generated<'pending' | 'sending' | 'sent' | 'failed'>;
  attempts: Generated<number>;
  priority: Generated<number>;
  not_before: Ms;
  lease_until: Ms | null;
  last_error: string | null;
  created_at: Ms;
  sent_at: Ms | null;
  failed_at: Ms | null;
  /** The member whose action queued this DM or post (their send budget), else null. */
  sent_for: string | null;
}

export interface MessageRefsTable {
  community: string;
  ref: string;
  channel_id: string;
  message_id: string;
}

export interface InboundEventsTable {
  community: string;
  event_id: string;
  seen_at: Ms;
}

export interface ProfilesTable {
  community: string;
  user_id: string;
  role: Generated<string>;
  working_on: Generated<string>;
  links: Generated<string>;
  pronouns: string | null;
  fun_fact: string | null;
  answers: Generated<string>;
  draft: string | null;
  status: Generated<'draft' | 'pending_approval' | 'approved' | 'rejected'>;
  revision: Generated<number>;
  introduced_at: Ms | null;
  updated_at: Ms;
  welcomed_at: Ms | null;
  reminded_at: Ms | null;
  card_posted_at: Ms | null;
  reviewed_by: string | null;
  reviewed_at: Ms | null;
  review_note: string | null;
  /** JSON `{ offers, needs }`: the skills the published card shows, as submitted (NULL: published before 0013). */
  published_skills: string | null;
}

export interface MemberSkillsTable {
  community: string;
  user_id: string;
  kind: 'offer' | 'need';
  skill: string;
  term: string;
  added_at: Ms;
}

export interface IntroManagersTable {
  community: string;
  user_id: string;
  seen_at: Ms;
}

/** Every table. A feature's migration adds its tables here too. */
export interface DB {
  communities: CommunitiesTable;
  slack_installations: SlackInstallationsTable;
  members: MembersTable;
  job_runs: JobRunsTable;
  outbox: OutboxTable;
  send_rates: SendRatesTable;
  lane_leases: LaneLeasesTable;
  lane_holders: LaneHoldersTable;
  message_refs: MessageRefsTable;
  inbound_events: InboundEventsTable;
  profiles: ProfilesTable;
  member_skills: MemberSkillsTable;
  intro_managers: IntroManagersTable;
  match_prefs: MatchPrefsTable;
  match_avoid: MatchAvoidTable;
  match_avoid_keys: MatchAvoidKeysTable;
  intro_card_neighbours: IntroCardNeighboursTable;
  match_rounds: MatchRoundsTable;
  match_pairings: MatchPairingsTable;
  match_pairing_members: MatchPairingMembersTable;
  match_suggestions: MatchSuggestionsTable;
  match_index_changes: MatchIndexChangesTable;
  meetup_series: MeetupSeriesTable;
  meetups: MeetupsTable;
  meetup_rsvps: MeetupRsvpsTable;
  meetup_reminders_sent: MeetupRemindersSentTable;
  meetup_reminder_prefs: MeetupReminderPrefsTable;
  meetup_ratings: MeetupRatingsTable;
  meetup_host_invites: MeetupHostInvitesTable;
  feedback_requests: FeedbackRequestsTable;
  feedback_asks: FeedbackAsksTable;
  feedback_ratings: FeedbackRatingsTable;
  feedback_optouts: FeedbackOptoutsTable;
  resources: ResourcesTable;
  resource_bookings: ResourceBookingsTable;
  resource_loans: ResourceLoansTable;
  resource_trainings: ResourceTrainingsTable;
  resource_asks: ResourceAsksTable;
  resource_ask_replies: ResourceAskRepliesTable;
  mentor_offers: MentorOffersTable;
  mentor_skills: MentorSkillsTable;
  mentor_requests: MentorRequestsTable;
  mentor_asks: MentorAsksTable;
  mentorships: MentorshipsTable;
  mentor_check_ins: MentorCheckInsTable;
  mentor_closings: MentorClosingsTable;
  presence_checkins: PresenceCheckinsTable;
  presence_prefs: PresencePrefsTable;
  presence_coffees: PresenceCoffeesTable;
  presence_days: PresenceDaysTable;
  member_active_weeks: MemberActiveWeeksTable;
  dashboard_sign_ins: DashboardSignInsTable;
  dashboard_sessions: DashboardSessionsTable;
  calendar_feeds: CalendarFeedsTable;
}
