/**
 * The storage the core needs, as interfaces. `data/repositories/` implements them on SQLite; tests use the same
 * implementation on `:memory:`. Every method is synchronous (better-sqlite3 is) and scoped to one community:
 * no method reads or writes across communities.
 */
import type { CommunitiesRepo } from './repos/communities.ts';
import type { FeedbackRepo } from './repos/feedback.ts';
import type { InboundEventsRepo } from './repos/inbound-events.ts';
import type { JobRunsRepo } from './repos/job-runs.ts';
import type { MatchingRepo } from './repos/matching.ts';
import type { MeetupsRepo } from './repos/meetups.ts';
import type { MembersRepo } from './repos/members.ts';
import type { MessageRefsRepo } from './repos/message-refs.ts';
import type { OutboxRepo } from './repos/outbox.ts';
import type { ProfilesRepo } from './repos/profiles.ts';

export interface Repositories {
  /** Runs `fn` in one database transaction (nested calls become savepoints). `fn` must not await. */
  transaction<T>(fn: () => T): T;
  readonly communities: CommunitiesRepo;
  readonly members: MembersRepo;
  readonly jobRuns: JobRunsRepo;
  readonly outbox: OutboxRepo;
  readonly messageRefs: MessageRefsRepo;
  readonly inboundEvents: InboundEventsRepo;
  /** Introductions: profiles, skills lists, intro state (introductions feature). */
  readonly profiles: ProfilesRepo;
  /** Matching: suggestions, rounds, pairings, opt-outs (matching feature). */
  readonly matching: MatchingRepo;
  /** Meetups: meetups, series, RSVPs, reminders (meetups feature). */
  readonly meetups: MeetupsRepo;
  /** Feedback: requests, reviewer asks, ratings (feedback feature). */
  readonly feedback: FeedbackRepo;
}
