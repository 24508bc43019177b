/** The rounds-and-pairings half of MatchingStore: `match_rounds`, `match_pairings`, `match_pairing_members`. */
import type { Database } from 'better-sqlite3';
import type { MatchingStore, MetAnswer, PairingRecord } from '../../commands/matching/store.ts';
import { toDate, toMs, toOptionalDate } from './rows.ts';

type PairingsPart = Pick<
  MatchingStore,
  | 'metSince'
  | 'createRound'
  | 'lastRound'
  | 'addPairing'
  | 'pairing'
  | 'roundPairings'
  | 'pairingsOf'
  | 'markResponded'
  | 'recordMet'
  | 'recordCollaborating'
  | 'dueFollowUps'
  | 'markFollowUpSent'
  | 'outcomes'
>;

interface PairingRow {
  id: number;
  round_id: number | null;
  kind: 'round' | 'intro';
  score: number;
  created_at: number;
  follow_up_at: number | null;
}

interface MemberRow {
  user_id: string;
  responded_at: number | null;
  met: MetAnswer | null;
  collaborating: number | null;
}

const PAIRING = 'SELECT id, round_id, kind, score, created_at, follow_up_at FROM match_pairings';

export function createMatchingPairingsRepo(db: Database): PairingsPart {
  const members = db.prepare<[number], MemberRow>(
    'SELECT user_id, responded_at, met, collaborating FROM match_pairing_members WHERE pairing_id = ? ORDER BY user_id',
  );
  const one = db.prepare<[string, number], PairingRow>(`${PAIRING} WHERE community = ? AND id = ?`);
  const ofRound = db.prepare<[string, number], PairingRow>(
    `${PAIRING} WHERE community = ? AND round_id = ? ORDER BY id`,
  );
  const ofMember = db.prepare<{ community: string; userId: string; limit: number }, PairingRow>(
    `${PAIRING} WHERE community = @community AND id IN (SELECT pairing_id FROM match_pairing_members
       WHERE community = @community AND user_id = @userId) ORDER BY created_at DESC, id DESC LIMIT @limit`,
  );
  const due = db.prepare<[string, number, number], PairingRow>(
    `${PAIRING} WHERE community = ? AND follow_up_at IS NULL AND created_at <= ? ORDER BY created_at, id LIMIT ?`,
  );
  const met = db.prepare<[string, number], { a: string; b: string; at: number }>(
    `SELECT x.user_id AS a, y.user_id AS b, max(p.created_at) AS at FROM match_pairings p
     JOIN match_pairing_members x ON x.pairing_id = p.id
     JOIN match_pairing_members y ON y.pairing_id = p.id AND x.user_id < y.user_id
     WHERE p.community = ? AND p.created_at >= ? GROUP BY x.user_id, y.user_id`,
  );
  const insertRound = db.prepare(
    `INSERT INTO match_rounds (community, period, created_at, members, total_score, repeats, left_out)
     VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
  );
  const lastRound = db.prepare<[string], Record<string, number | string>>(
    'SELECT * FROM match_rounds WHERE community = ? ORDER BY created_at DESC, id DESC LIMIT 1',
  );
  const insertPairing = db.prepare(
    'INSERT INTO match_pairings (community, round_id, kind, score, created_at) VALUES (?, ?, ?, ?, ?)',
  );
  const insertMember = db.prepare(
    'INSERT OR IGNORE INTO match_pairing_members (pairing_id, community, user_id) VALUES (?, ?, ?)',
  );
  const setMember = (column: string) =>
    db.prepare(
      `UPDATE match_pairing_members SET ${column} = ?, responded_at = coalesce(responded_at, ?)
       WHERE community = ? AND pairing_id = ? AND user_id = ?`,
    );
  const respond = setMember('responded_at');
  const setMet = setMember('met');
  const setCollab = setMember('collaborating');
  const followUp = db.prepare('UPDATE match_pairings SET follow_up_at = ? WHERE community = ? AND id = ?');
  const outcomes = db.prepare<[string, number, string, number], { pairings: number; met: number; collab: number }>(
    `SELECT (SELECT count(*) FROM match_pairings WHERE community = ? AND created_at >= ?) AS pairings,
       count(DISTINCT CASE WHEN pm.met = 'yes' THEN pm.pairing_id END) AS met,
       count(DISTINCT CASE WHEN pm.collaborating = 1 THEN pm.pairing_id END) AS collab
     FROM match_pairing_members pm JOIN match_pairings p ON p.id = pm.pairing_id
     WHERE pm.community = ? AND p.created_at >= ?`,
  );

  const record = (row: PairingRow): PairingRecord => ({
    id: row.id,
    roundId: row.round_id ?? undefined,
    kind: row.kind,
    score: row.score,
    createdAt: toDate(row.created_at),
    followUpAt: toOptionalDate(row.follow_up_at),
    members: members.all(row.id).map((m) => ({
      userId: m.user_id,
      respondedAt: toOptionalDate(m.responded_at),
      met: m.met ?? undefined,
      collaborating: m.collaborating === null ? undefined : m.collaborating === 1,
    })),
  });

  return {
    metSince: (community, since) => met.all(community, toMs(since)).map((r) => ({ a: r.a, b: r.b, at: toDate(r.at) })),
    createRound(community, round, now) {
      const { period, members: n, totalScore, repeats, leftOut } = round;
      const info = insertRound.run(community, period, toMs(now), n, totalScore, repeats, leftOut);
      return info.changes === 1 ? Number(info.lastInsertRowid) : undefined;
    },
    lastRound(community) {
      const r = lastRound.get(community);
      if (!r) return undefined;
      return {
        id: Number(r.id),
        period: String(r.period),
        createdAt: toDate(Number(r.created_at)),
        members: Number(r.members),
        totalScore: Number(r.total_score),
        repeats: Number(r.repeats),
        leftOut: Number(r.left_out),
      };
    },
    addPairing(community, pairing, now) {
      const info = insertPairing.run(community, pairing.roundId ?? null, pairing.kind, pairing.score, toMs(now));
      const id = Number(info.lastInsertRowid);
      for (const userId of pairing.members) insertMember.run(id, community, userId);
      return id;
    },
    pairing: (community, id) => {
      const row = one.get(community, id);
      return row ? record(row) : undefined;
    },
    roundPairings: (community, roundId) => ofRound.all(community, roundId).map(record),
    pairingsOf: (community, userId, limit) => ofMember.all({ community, userId, limit }).map(record),
    markResponded: (community, id, userId, now) => void respond.run(toMs(now), toMs(now), community, id, userId),
    recordMet: (community, id, userId, answer, now) => void setMet.run(answer, toMs(now), community, id, userId),
    recordCollaborating: (community, id, userId, yes, now) =>
      void setCollab.run(yes ? 1 : 0, toMs(now), community, id, userId),
    dueFollowUps: (community, before, limit) => due.all(community, toMs(before), limit).map(record),
    markFollowUpSent: (community, id, now) => void followUp.run(toMs(now), community, id),
    outcomes(community, since) {
      const r = outcomes.get(community, toMs(since), community, toMs(since))!;
      return { pairings: r.pairings, met: r.met, collaborating: r.collab };
    },
  };
}
