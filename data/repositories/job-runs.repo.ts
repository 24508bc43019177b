import type { Database } from 'better-sqlite3';
import type { JobRunsStore } from '#core/stores/job-runs.ts';
import { toMs } from './rows.ts';

/** SQLite implementation of JobRunsStore: the primary key (community, job, period) lets one insert succeed. */
export function createJobRunsRepo(db: Database): JobRunsStore {
  const claim = db.prepare<[string, string, string, number]>(
    `INSERT INTO job_runs (community, job, period, claimed_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (community, job, period) DO NOTHING`,
  );
  // "Newest" = claimed last (period keys of different jobs need not sort as text); rowid breaks same-ms ties.
  const last = db.prepare<[string, string], { period: string }>(
    `SELECT period FROM job_runs WHERE community = ? AND job = ?
     ORDER BY claimed_at DESC, rowid DESC LIMIT 1`,
  );

  return {
    claim: (job, community, period, now) => claim.run(community, job, period, toMs(now)).changes === 1,
    lastPeriod: (job, community) => last.get(community, job)?.period,
  };
}
