/** Composes every repository over one database: the single `Repositories` the core is given. */
import type { Database } from 'better-sqlite3';
import type { Repositories } from '#core/ports/repositories.ts';
import { createCommunitiesRepo } from './communities.repo.ts';
import { createFeedbackRepo } from './feedback.repo.ts';
import { createInboundEventsRepo } from './inbound-events.repo.ts';
import { createJobRunsRepo } from './job-runs.repo.ts';
import { createMatchingRepo } from './matching.repo.ts';
import { createMeetupsRepo } from './meetups.repo.ts';
import { createMembersRepo } from './members.repo.ts';
import { createMessageRefsRepo } from './message-refs.repo.ts';
import { createOutboxRepo } from './outbox.repo.ts';
import { createProfilesRepo } from './profiles.repo.ts';

/**
 * Builds the repositories on a migrated database (see `openDatabase`). `transaction` is better-sqlite3's: it
 * commits when `fn` returns, rolls back when it throws, and becomes a savepoint when nested. It refuses an `fn`
 * that returns a promise, since a transaction must never span an `await`.
 */
export function createRepositories(db: Database): Repositories {
  return {
    transaction: <T>(fn: () => T): T => db.transaction(fn)(),
    communities: createCommunitiesRepo(db),
    members: createMembersRepo(db),
    jobRuns: createJobRunsRepo(db),
    outbox: createOutboxRepo(db),
    messageRefs: createMessageRefsRepo(db),
    inboundEvents: createInboundEventsRepo(db),
    profiles: createProfilesRepo(db),
    matching: createMatchingRepo(db),
    meetups: createMeetupsRepo(db),
    feedback: createFeedbackRepo(db),
  };
}
