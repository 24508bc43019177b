/**
 * SQLite implementation of MatchingStore: participants (read from `member_skills` and `members`), pauses, avoid
 * lists, suggestions and data rights; rounds and pairings live in `matching-pairings.repo.ts`, the reads behind the
 * matcher's in-memory index in `matching-index.repo.ts`.
 */
import type { Database } from 'better-sqlite3';
import type { MatchingStore, MatchMember, MatchPrefs, PauseReason } from '../../commands/matching/store.ts';
import { createMatchingIndexRepo } from './matching-index.repo.ts';
import { createMatchingPairingsRepo } from './matching-pairings.repo.ts';
import { toDate, toMs, toOptionalDate } from './rows.ts';

interface MemberRow {
  user_id: string;
  display_name: string;
  last_active_at: number;
}

interface SkillRow {
  user_id: string;
  kind: 'offer' | 'need';
  skill: string;
  term: string;
}

/** A member takes part when they listed a skill or opted in, and are not paused at `@now`. */
const TAKES_PART = `m.left_at IS NULL
  AND (EXISTS (SELECT 1 FROM member_skills s WHERE s.community = m.community AND s.user_id = m.user_id)
       OR p.opted_in = 1)
  AND (p.paused_at IS NULL OR (p.paused_until IS NOT NULL AND p.paused_until <= @now))`;

export function createMatchingRepo(db: Database): MatchingStore {
  const participants = db.prepare<{ community: string; now: number }, MemberRow>(
    `SELECT m.user_id, m.display_name, m.last_active_at FROM members m
     LEFT JOIN match_prefs p ON p.community = m.community AND p.user_id = m.user_id
     WHERE m.community = @community AND ${TAKES_PART} ORDER BY m.user_id`,
  );
  const allSkills = db.prepare<[string], SkillRow>(
    `SELECT s.user_id, s.kind, s.skill, s.term FROM member_skills s JOIN members m
       ON m.community = s.community AND m.user_id = s.user_id AND m.left_at IS NULL
     WHERE s.community = ? ORDER BY s.user_id, s.added_at, s.skill`,
  );
  const oneMember = db.prepare<[string, string], MemberRow>(
    'SELECT user_id, display_name, last_active_at FROM members WHERE community = ? AND user_id = ? AND left_at IS NULL',
  );
  const skillsOf = db.prepare<[string, string], SkillRow>(
    'SELECT user_id, kind, skill, term FROM member_skills WHERE community = ? AND user_id = ? ORDER BY added_at, skill',
  );
  const someMembers = db.prepare<[string, string], MemberRow>(
    `SELECT user_id, display_name, last_active_at FROM members
     WHERE community = ? AND left_at IS NULL AND user_id IN (SELECT value FROM json_each(?))`,
  );
  const someSkills = db.prepare<[string, string], SkillRow>(
    `SELECT user_id, kind, skill, term FROM member_skills
     WHERE community = ? AND user_id IN (SELECT value FROM json_each(?)) ORDER BY user_id, added_at, skill`,
  );
  const prefs = db.prepare<[string, string], Record<string, number | string | null>>(
    'SELECT * FROM match_prefs WHERE community = ? AND user_id = ?',
  );
  const ensurePrefs = db.prepare(
    'INSERT INTO match_prefs (community, user_id, updated_at) VALUES (@community, @userId, @now) ON CONFLICT DO NOTHING',
  );
  const update = (set: string) =>
    db.prepare(`UPDATE match_prefs SET ${set}, updated_at = @now WHERE community = @community AND user_id = @userId`);
  const setPause = update('paused_at = @now, paused_until = @until, pause_reason = @reason');
  const setResume = update(
    'paused_at = NULL, paused_until = NULL, pause_reason = NULL, opted_in = 1, ignored_streak = 0',
  );
  const setStreak = update('ignored_streak = @streak');
  const addAvoid = db.prepare(
    'INSERT INTO match_avoid (community, user_id, avoid_user_id, created_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING',
  );
  const removeAvoid = db.prepare('DELETE FROM match_avoid WHERE community = ? AND user_id = ? AND avoid_user_id = ?');
  const avoids = db.prepare<[string, string], { avoid_user_id: string }>(
    'SELECT avoid_user_id FROM match_avoid WHERE community = ? AND user_id = ? ORDER BY created_at, avoid_user_id',
  );
  const avoidPairs = db.prepare<[string], { user_id: string; avoid_user_id: string }>(
    'SELECT user_id, avoid_user_id FROM match_avoid WHERE community = ?',
  );
  const suggestions = createSuggestionStatements(db);

  const withSkills = (row: MemberRow, skills: readonly SkillRow[]): MatchMember => ({
    userId: row.user_id,
    displayName: row.display_name,
    lastActiveAt: toDate(row.last_active_at),
    offers: skills.filter((s) => s.kind === 'offer').map((s) => ({ skill: s.skill, term: s.term })),
    needs: skills.filter((s) => s.kind === 'need').map((s) => ({ skill: s.skill, term: s.term })),
  });
  const run = (stmt: ReturnType<typeof update>, community: string, userId: string, now: Date, extra = {}) => {
    ensurePrefs.run({ community, userId, now: toMs(now) });
    stmt.run({ community, userId, now: toMs(now), ...extra });
  };

  return {
    participants(community, now) {
      const bySkillOwner = group(allSkills.all(community));
      return participants
        .all({ community, now: toMs(now) })
        .map((row) => withSkills(row, bySkillOwner.get(row.user_id) ?? []));
    },
    member(community, userId) {
      const row = oneMember.get(community, userId);
      return row ? withSkills(row, skillsOf.all(community, userId)) : undefined;
    },
    members(community, userIds) {
      const ids = JSON.stringify(userIds);
      const skills = group(someSkills.all(community, ids));
      const rows = new Map(someMembers.all(community, ids).map((r) => [r.user_id, r]));
      return userIds.flatMap((u) => {
        const row = rows.get(u);
        return row ? [withSkills(row, skills.get(u) ?? [])] : [];
      });
    },
    prefs: (community, userId) => toPrefs(prefs.get(community, userId)),
    pause: (community, userId, until: Date | undefined, reason: PauseReason, now) =>
      run(setPause, community, userId, now, { until: until ? toMs(until) : null, reason }),
    resume: (community, userId, now) => run(setResume, community, userId, now),
    setIgnoredStreak: (community, userId, streak, now) => run(setStreak, community, userId, now, { streak }),
    addAvoid: (community, userId, otherId, now) => addAvoid.run(community, userId, otherId, toMs(now)).changes === 1,
    removeAvoid: (community, userId, otherId) => removeAvoid.run(community, userId, otherId).changes === 1,
    avoids: (community, userId) => avoids.all(community, userId).map((r) => r.avoid_user_id),
    avoidPairs: (community) => avoidPairs.all(community).map((r) => [r.user_id, r.avoid_user_id]),
    ...createMatchingPairingsRepo(db),
    ...createMatchingIndexRepo(db),
    ...suggestions,
    forget: (community, userId) => forgetMember(db, community, userId),
    exportRows: (community) => exportMatching(db, community),
  };
}

function group(rows: readonly SkillRow[]): Map<string, SkillRow[]> {
  const byOwner = new Map<string, SkillRow[]>();
  for (const s of rows) {
    const list = byOwner.get(s.user_id);
    if (list) list.push(s);
    else byOwner.set(s.user_id, [s]);
  }
  return byOwner;
}

function toPrefs(row: Record<string, number | string | null> | undefined): MatchPrefs {
  if (!row) return { optedIn: false, ignoredStreak: 0 };
  return {
    optedIn: row.opted_in === 1,
    pausedAt: toOptionalDate(row.paused_at as number | null),
    pausedUntil: toOptionalDate(row.paused_until as number | null),
    pauseReason: (row.pause_reason as PauseReason | null) ?? undefined,
    ignoredStreak: Number(row.ignored_streak),
  };
}

function createSuggestionStatements(db: Database) {
  const insert = db.prepare(
    'INSERT INTO match_suggestions (community, user_id, suggested_id, score, created_at) VALUES (?, ?, ?, ?, ?)',
  );
  const one = db.prepare<[string, number], Record<string, number | string>>(
    'SELECT * FROM match_suggestions WHERE community = ? AND id = ?',
  );
  const decide = db.prepare('UPDATE match_suggestions SET status = ?, decided_at = ? WHERE community = ? AND id = ?');
  const dismissed = db.prepare<[string, string, number], { suggested_id: string }>(
    `SELECT DISTINCT suggested_id FROM match_suggestions
     WHERE community = ? AND user_id = ? AND status = 'dismissed' AND decided_at >= ?`,
  );
  return {
    addSuggestion: (community: string, userId: string, suggestedId: string, score: number, now: Date) =>
      Number(insert.run(community, userId, suggestedId, score, toMs(now)).lastInsertRowid),
    suggestion(community: string, id: number) {
      const r = one.get(community, id);
      if (!r) return undefined;
      return {
        id: Number(r.id),
        userId: String(r.user_id),
        suggestedId: String(r.suggested_id),
        score: Number(r.score),
        status: r.status as 'shown' | 'introduced' | 'dismissed',
        createdAt: toDate(Number(r.created_at)),
      };
    },
    decideSuggestion: (community: string, id: number, status: 'introduced' | 'dismissed', now: Date) =>
      void decide.run(status, toMs(now), community, id),
    dismissedSince: (community: string, userId: string, since: Date) =>
      dismissed.all(community, userId, toMs(since)).map((r) => r.suggested_id),
  };
}

function forgetMember(db: Database, community: string, userId: string): Record<string, number> {
  const del = (sql: string, ...args: string[]) => db.prepare(sql).run(community, ...args).changes;
  return {
    'matching preferences': del('DELETE FROM match_prefs WHERE community = ? AND user_id = ?', userId),
    'avoid list entries': del(
      'DELETE FROM match_avoid WHERE community = ? AND (user_id = ? OR avoid_user_id = ?)',
      userId,
      userId,
    ),
    'match answers': del('DELETE FROM match_pairing_members WHERE community = ? AND user_id = ?', userId),
    'match suggestions': del(
      'DELETE FROM match_suggestions WHERE community = ? AND (user_id = ? OR suggested_id = ?)',
      userId,
      userId,
    ),
  };
}

function exportMatching(db: Database, community: string): Record<string, Record<string, unknown>[]> {
  const all = (table: string, order: string) =>
    db
      .prepare<[string], Record<string, unknown>>(`SELECT * FROM ${table} WHERE community = ? ORDER BY ${order}`)
      .all(community);
  return {
    match_prefs: all('match_prefs', 'user_id'),
    match_avoid: all('match_avoid', 'user_id, avoid_user_id'),
    match_rounds: all('match_rounds', 'id'),
    match_pairings: all('match_pairings', 'id'),
    match_pairing_members: all('match_pairing_members', 'pairing_id, user_id'),
    match_suggestions: all('match_suggestions', 'id'),
  };
}
