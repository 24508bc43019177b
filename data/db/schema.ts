/**
 * The tables as Kysely sees them, one interface per table, identical on SQLite and PostgreSQL (the migrations of
 * both dialects are compared by a test). Instants are epoch milliseconds, flags 0/1 integers and JSON columns
 * text, so that rows parse the same way from either database.
 */
import type { Generated } from 'kysely';

type Ms = number;
type Flag = 0 | 1;

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

export interface CalendarFeedsTable {
  token_hash: string;
  community: string;
  /** NULL: the community feed. */
  user_id: string | null;
  created_at: Ms;
}

/** Every table. A feature's migration adds its tables here too. */
export interface DB {
  communities: CommunitiesTable;
  slack_installations: SlackInstallationsTable;
  members: MembersTable;
  job_runs: JobRunsTable;
  outbox: OutboxTable;
  send_rates: SendRatesTable;
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
