/** The skills half of ProfilesStore (`member_skills`) and the managers Hallway has seen (`intro_managers`). */
import type { Database } from 'better-sqlite3';
import type { CommunityId } from '#core/ids.ts';
import type { ProfilesStore, SkillKind } from '../../commands/introductions/store.ts';
import { toDate, toMs } from './rows.ts';

type SkillsPart = Pick<
  ProfilesStore,
  | 'skills'
  | 'addSkills'
  | 'replaceSkills'
  | 'removeSkills'
  | 'findBySkill'
  | 'countBySkill'
  | 'complements'
  | 'knownSkills'
  | 'noteManager'
  | 'managers'
>;

export interface MemberSkillsRepo extends SkillsPart {
  deleteSkills(community: CommunityId, userId: string): number;
  forgetManager(community: CommunityId, userId: string): void;
  exportSkillRows(community: CommunityId): Record<string, Record<string, unknown>[]>;
}

/** Members still here: every listing joins this, so members who left are hidden everywhere. */
const HERE = 'JOIN members m ON m.community = s.community AND m.user_id = s.user_id AND m.left_at IS NULL';

/** `%` and `_` typed by a member are literal in a prefix search. */
function likePrefix(prefix: string): string {
  return prefix.replace(/[\\%_]/g, (c) => `\\${c}`) + '%';
}

export function createMemberSkillsRepo(db: Database): MemberSkillsRepo {
  const list = db.prepare<[string, string, SkillKind], { skill: string; term: string; added_at: number }>(
    'SELECT skill, term, added_at FROM member_skills WHERE community = ? AND user_id = ? AND kind = ? ORDER BY added_at, skill',
  );
  const insert = db.prepare<[string, string, SkillKind, string, string, number]>(
    'INSERT INTO member_skills (community, user_id, kind, skill, term, added_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING',
  );
  const removeOne = db.prepare<[string, string, string]>(
    'DELETE FROM member_skills WHERE community = ? AND user_id = ? AND skill = ?',
  );
  const removeKindOne = db.prepare<[string, string, SkillKind, string]>(
    'DELETE FROM member_skills WHERE community = ? AND user_id = ? AND kind = ? AND skill = ?',
  );
  const find = db.prepare<[string, string, SkillKind, number, number], { user_id: string; term: string; last: number }>(
    `SELECT s.user_id, s.term, m.last_active_at AS last FROM member_skills s ${HERE}
     WHERE s.community = ? AND s.skill = ? AND s.kind = ? ORDER BY m.last_active_at DESC, s.user_id LIMIT ? OFFSET ?`,
  );
  const count = db.prepare<[string, string, SkillKind], { n: number }>(
    `SELECT count(*) AS n FROM member_skills s ${HERE} WHERE s.community = ? AND s.skill = ? AND s.kind = ?`,
  );
  // Their offers meeting the member's needs, and their needs meeting the member's offers.
  const complements = db.prepare<
    { community: string; userId: string; limit: number },
    { user_id: string; kind: SkillKind; skill: string; last: number }
  >(
    `SELECT s.user_id, s.kind, s.skill, m.last_active_at AS last FROM member_skills s ${HERE}
     JOIN member_skills mine ON mine.community = s.community AND mine.user_id = @userId AND mine.skill = s.skill
       AND mine.kind <> s.kind
     WHERE s.community = @community AND s.user_id <> @userId
     ORDER BY m.last_active_at DESC, s.user_id, s.kind, s.skill LIMIT @limit`,
  );
  const known = db.prepare<[string, string, string, number], { skill: string }>(
    `SELECT s.skill FROM member_skills s ${HERE} WHERE s.community = ?
       AND (s.skill LIKE ? ESCAPE '\\' OR s.term LIKE ? ESCAPE '\\')
     GROUP BY s.skill ORDER BY count(*) DESC, s.skill LIMIT ?`,
  );
  const deleteAll = db.prepare<[string, string]>('DELETE FROM member_skills WHERE community = ? AND user_id = ?');
  const noteManager = db.prepare<[string, string, number]>(
    'INSERT INTO intro_managers (community, user_id, seen_at) VALUES (?, ?, ?) ON CONFLICT DO UPDATE SET seen_at = excluded.seen_at',
  );
  const forgetManager = db.prepare<[string, string]>('DELETE FROM intro_managers WHERE community = ? AND user_id = ?');
  const managers = db.prepare<[string], { user_id: string }>(
    `SELECT s.user_id FROM intro_managers s ${HERE} WHERE s.community = ? ORDER BY s.seen_at DESC LIMIT 10`,
  );
  const exportSkills = db.prepare<[string], Record<string, unknown>>(
    'SELECT * FROM member_skills WHERE community = ? ORDER BY user_id, kind, skill',
  );
  const exportManagers = db.prepare<[string], Record<string, unknown>>(
    'SELECT * FROM intro_managers WHERE community = ? ORDER BY user_id',
  );

  const add = (
    community: string,
    userId: string,
    kind: SkillKind,
    skills: readonly { skill: string; term: string }[],
    now: Date,
  ) => skills.reduce((n, s) => n + insert.run(community, userId, kind, s.skill, s.term, toMs(now)).changes, 0);

  return {
    skills: (community, userId, kind) =>
      list.all(community, userId, kind).map((r) => ({ skill: r.skill, term: r.term, addedAt: toDate(r.added_at) })),
    addSkills: add,
    replaceSkills(community, userId, kind, skills, now) {
      const keep = new Set(skills.map((s) => s.skill));
      for (const old of list.all(community, userId, kind)) {
        if (!keep.has(old.skill)) removeKindOne.run(community, userId, kind, old.skill);
      }
      add(community, userId, kind, skills, now);
    },
    removeSkills: (community, userId, skills) =>
      skills.reduce((n, skill) => n + removeOne.run(community, userId, skill).changes, 0),
    findBySkill: (community, skill, kind, limit, offset) =>
      find.all(community, skill, kind, limit, offset).map((r) => ({
        userId: r.user_id,
        term: r.term,
        lastActiveAt: toDate(r.last),
      })),
    countBySkill: (community, skill, kind) => count.get(community, skill, kind)!.n,
    complements: (community, userId, limit) =>
      complements.all({ community, userId, limit }).map((r) => ({
        userId: r.user_id,
        kind: r.kind,
        skill: r.skill,
        lastActiveAt: toDate(r.last),
      })),
    knownSkills: (community, prefix, limit) =>
      known.all(community, likePrefix(prefix), likePrefix(prefix), limit).map((r) => r.skill),
    noteManager(community, userId, isAdmin, now) {
      if (isAdmin) noteManager.run(community, userId, toMs(now));
      else forgetManager.run(community, userId);
    },
    managers: (community) => managers.all(community).map((r) => r.user_id),
    deleteSkills: (community, userId) => deleteAll.run(community, userId).changes,
    forgetManager: (community, userId) => void forgetManager.run(community, userId),
    exportSkillRows: (community) => ({
      member_skills: exportSkills.all(community),
      intro_managers: exportManagers.all(community),
    }),
  };
}
