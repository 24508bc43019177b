import { createFeedbackStatsPart } from './feature-stats.part.ts';
import type { Database, Statement } from 'better-sqlite3';
import type { CommunityId } from '#core/ids.ts';
import type {
  FeedbackAsk,
  FeedbackAskStatus,
  FeedbackPromptKind,
  FeedbackStore,
  FeedbackRequest,
  FeedbackRequestStatus,
} from '../../commands/feedback/store.ts';
import { createFeedbackReviewerQueries } from './feedback-reviewers.repo.ts';
import { toCommunityId, toDate, toMs, toOptionalDate } from './rows.ts';

interface RequestRow {
  id: number;
  community: string;
  requester: string;
  about: string;
  link: string | null;
  skills: string;
  due_at: number | null;
  status: string;
  created_at: number;
}

interface AskRow {
  request_id: number;
  reviewer: string;
  status: string;
  asked_at: number;
  answered_at: number | null;
  note: string | null;
}

function toRequest(row: RequestRow): FeedbackRequest {
  const skills: unknown = JSON.parse(row.skills);
  return {
    id: row.id,
    community: toCommunityId(row.community),
    requester: row.requester,
    about: row.about,
    link: row.link ?? undefined,
    skills: Array.isArray(skills) ? skills.filter((s): s is string => typeof s === 'string') : [],
    dueAt: toOptionalDate(row.due_at),
    status: row.status as FeedbackRequestStatus,
    createdAt: toDate(row.created_at),
  };
}

function toAsk(row: AskRow): FeedbackAsk {
  return {
    requestId: row.request_id,
    reviewer: row.reviewer,
    status: row.status as FeedbackAskStatus,
    askedAt: toDate(row.asked_at),
    answeredAt: toOptionalDate(row.answered_at),
    note: row.note ?? undefined,
  };
}

/**
 * A statement with an `IN (?, ?, …)` list (SQLite has no array parameters), prepared once per list length: preparing
 * costs more than running these small statements.
 */
function byListLength(db: Database, sql: (marks: string) => string): (list: readonly unknown[]) => Statement {
  const cache = new Map<number, Statement>();
  return (list) => {
    let statement = cache.get(list.length);
    if (!statement) {
      statement = db.prepare(sql(list.map(() => '?').join(', ')));
      cache.set(list.length, statement);
    }
    return statement;
  };
}

/** SQLite implementation of FeedbackStore. */
export function createFeedbackRepo(db: Database): FeedbackStore {
  const insertRequest = db.prepare(
    `INSERT INTO feedback_requests (community, requester, about, link, skills, due_at, status, created_at)
     VALUES (?, ?, ?, ?, ?, ?, 'open', ?) RETURNING *`,
  );
  const selectRequest = db.prepare('SELECT * FROM feedback_requests WHERE community = ? AND id = ?');
  const selectAsk = db.prepare('SELECT * FROM feedback_asks WHERE community = ? AND request_id = ? AND reviewer = ?');
  const selectAsks = db.prepare(
    'SELECT * FROM feedback_asks WHERE community = ? AND request_id = ? ORDER BY asked_at, reviewer',
  );
  const insertAsk = db.prepare(
    `INSERT OR IGNORE INTO feedback_asks (community, request_id, reviewer, status, asked_at, answered_at)
     VALUES (?, ?, ?, ?, ?, ?)`,
  );
  const updateNote = db.prepare(
    `UPDATE feedback_asks SET note = ? WHERE community = ? AND request_id = ? AND reviewer = ?
     AND status = 'given' AND note IS NULL`,
  );
  const selectUnanswered = db.prepare(
    `SELECT a.* FROM feedback_asks a JOIN feedback_requests r ON r.id = a.request_id
     WHERE a.community = ? AND a.status = 'asked' AND a.asked_at <= ? AND r.status = 'open'
     ORDER BY a.asked_at, a.request_id, a.reviewer`,
  );
  const updateRequestStatus = byListLength(
    db,
    (from) => `UPDATE feedback_requests SET status = ? WHERE community = ? AND id = ? AND status IN (${from})`,
  );
  const selectRequestsBy = byListLength(
    db,
    (statuses) => `SELECT * FROM feedback_requests WHERE community = ? AND requester = ? AND status IN (${statuses})
     ORDER BY created_at DESC, id DESC`,
  );
  const selectAsksFor = byListLength(
    db,
    (statuses) => `SELECT a.request_id, a.reviewer, a.status AS ask_status, a.asked_at, a.answered_at, a.note, r.*
     FROM feedback_asks a JOIN feedback_requests r ON r.id = a.request_id
     WHERE a.community = ? AND a.reviewer = ? AND a.status IN (${statuses})
     ORDER BY a.asked_at DESC, a.request_id DESC`,
  );
  const updateAsk = byListLength(
    db,
    (from) => `UPDATE feedback_asks SET status = ?, answered_at = ?, note = COALESCE(?, note)
     WHERE community = ? AND request_id = ? AND reviewer = ? AND status IN (${from})`,
  );
  const selectOverdue = db.prepare(
    `SELECT * FROM feedback_requests WHERE community = ? AND status = 'open' AND due_at IS NOT NULL AND due_at <= ?
     ORDER BY due_at, id`,
  );

  return {
    ...createFeedbackStatsPart(db),
    createRequest: (r) => {
      const row = insertRequest.get(
        r.community,
        r.requester,
        r.about,
        r.link ?? null,
        JSON.stringify(r.skills),
        r.dueAt ? toMs(r.dueAt) : null,
        toMs(r.now),
      ) as RequestRow;
      return toRequest(row);
    },
    getRequest: (community, id) => {
      const row = selectRequest.get(community, id) as RequestRow | undefined;
      return row && toRequest(row);
    },
    setRequestStatus: (community, id, from, to) =>
      updateRequestStatus(from).run(to, community, id, ...from).changes > 0,
    listRequestsBy: (community, requester, statuses) =>
      (selectRequestsBy(statuses).all(community, requester, ...statuses) as RequestRow[]).map(toRequest),
    listOverdueRequests: (community, now) => (selectOverdue.all(community, toMs(now)) as RequestRow[]).map(toRequest),

    addAsk: (community, requestId, reviewer, status, now) => {
      const at = toMs(now);
      return insertAsk.run(community, requestId, reviewer, status, at, status === 'asked' ? null : at).changes > 0;
    },
    getAsk: (community, requestId, reviewer) => {
      const row = selectAsk.get(community, requestId, reviewer) as AskRow | undefined;
      return row && toAsk(row);
    },
    listAsks: (community, requestId) => (selectAsks.all(community, requestId) as AskRow[]).map(toAsk),
    listAsksFor: (community, reviewer, statuses) =>
      (
        selectAsksFor(statuses).all(community, reviewer, ...statuses) as (RequestRow &
          AskRow & { ask_status: string })[]
      ).map((row) => ({ ask: toAsk({ ...row, status: row.ask_status }), request: toRequest(row) })),
    answerAsk: (community, requestId, reviewer, from, to, now, note) =>
      updateAsk(from).run(to, toMs(now), note ?? null, community, requestId, reviewer, ...from).changes > 0,
    setAskNote: (community, requestId, reviewer, note) =>
      updateNote.run(note, community, requestId, reviewer).changes > 0,
    listUnansweredAsks: (community, askedBefore) =>
      (selectUnanswered.all(community, toMs(askedBefore)) as AskRow[]).map(toAsk),

    ...createFeedbackReviewerQueries(db),
    ...createFeedbackMemberQueries(db),
  };
}

/** Opt-outs, forget-me and export: everything keyed by one member or the whole community. */
function createFeedbackMemberQueries(db: Database) {
  const insertOptOut = db.prepare(
    'INSERT OR IGNORE INTO feedback_optouts (community, user_id, kind, created_at) VALUES (?, ?, ?, ?)',
  );
  const deleteOptOut = db.prepare('DELETE FROM feedback_optouts WHERE community = ? AND user_id = ? AND kind = ?');
  const selectOptOuts = db.prepare(
    'SELECT kind FROM feedback_optouts WHERE community = ? AND user_id = ? ORDER BY kind',
  );
  const tables = ['feedback_requests', 'feedback_asks', 'feedback_ratings', 'feedback_optouts'] as const;

  return {
    setOptOut: (community: CommunityId, userId: string, kind: FeedbackPromptKind, off: boolean, now: Date) => {
      if (off) insertOptOut.run(community, userId, kind, toMs(now));
      else deleteOptOut.run(community, userId, kind);
    },
    optOuts: (community: CommunityId, userId: string) =>
      (selectOptOuts.all(community, userId) as { kind: FeedbackPromptKind }[]).map((r) => r.kind),
    forgetMember: (community: CommunityId, userId: string) => {
      // Rows on their own requests go too, explicitly: not relying on foreign-key cascades being switched on.
      const mineOrOnTheirs = `(community = ? AND reviewer = ?)
        OR request_id IN (SELECT id FROM feedback_requests WHERE community = ? AND requester = ?)`;
      const both = [community, userId, community, userId];
      const ratings = db.prepare(`DELETE FROM feedback_ratings WHERE ${mineOrOnTheirs}`).run(...both).changes;
      const asks = db.prepare(`DELETE FROM feedback_asks WHERE ${mineOrOnTheirs}`).run(...both).changes;
      const one = (sql: string) => db.prepare(sql).run(community, userId).changes;
      const requests = one('DELETE FROM feedback_requests WHERE community = ? AND requester = ?');
      const settings = one('DELETE FROM feedback_optouts WHERE community = ? AND user_id = ?');
      return { requests, asks, ratings, settings };
    },
    exportAll: (community: CommunityId) =>
      Object.fromEntries(
        tables.map((t) => [t, db.prepare(`SELECT * FROM ${t} WHERE community = ? ORDER BY rowid`).all(community)]),
      ) as Record<string, Record<string, unknown>[]>,
  };
}
