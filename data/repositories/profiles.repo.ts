import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import type { CommunityId } from '#core/ids.ts';
import type { IntroFields, ProfileRecord, ProfilesStore } from '../../commands/introductions/store.ts';
import { createIntroStatsPart } from './feature-stats.part.ts';
import { createMemberSkillsRepo } from './member-skills.repo.ts';
import { toCommunityId, toDate, toMs, toOptionalDate } from './rows.ts';

interface ProfileRow {
  community: string;
  user_id: string;
  role: string;
  working_on: string;
  links: string;
  pronouns: string | null;
  fun_fact: string | null;
  answers: string;
  draft: string | null;
  status: ProfileRecord['status'];
  revision: number;
  introduced_at: number | null;
  updated_at: number;
  welcomed_at: number | null;
  reminded_at: number | null;
  card_posted_at: number | null;
  reviewed_by: string | null;
  reviewed_at: number | null;
  review_note: string | null;
}

const answersSchema = z.array(z.object({ question: z.string(), answer: z.string() }));
const linksSchema = z.array(z.string());
const draftSchema = z.object({
  role: z.string(),
  workingOn: z.string(),
  links: linksSchema,
  pronouns: z.string().optional(),
  funFact: z.string().optional(),
  answers: answersSchema,
});

function toRecord(row: ProfileRow): ProfileRecord {
  const published: IntroFields | undefined =
    row.introduced_at === null
      ? undefined
      : {
          role: row.role,
          workingOn: row.working_on,
          links: linksSchema.parse(JSON.parse(row.links)),
          pronouns: row.pronouns ?? undefined,
          funFact: row.fun_fact ?? undefined,
          answers: answersSchema.parse(JSON.parse(row.answers)),
        };
  return {
    community: toCommunityId(row.community),
    userId: row.user_id,
    published,
    draft: row.draft === null ? undefined : draftSchema.parse(JSON.parse(row.draft)),
    status: row.status,
    revision: row.revision,
    introducedAt: toOptionalDate(row.introduced_at),
    updatedAt: toDate(row.updated_at),
    welcomedAt: toOptionalDate(row.welcomed_at),
    remindedAt: toOptionalDate(row.reminded_at),
    cardPostedAt: toOptionalDate(row.card_posted_at),
    reviewedBy: row.reviewed_by ?? undefined,
    reviewNote: row.review_note ?? undefined,
  };
}

/** Named parameters for `publish`, spelled as the columns. */
function publishParams(community: string, userId: string, f: IntroFields, now: Date, reviewedBy?: string) {
  return {
    community,
    userId,
    role: f.role,
    workingOn: f.workingOn,
    links: JSON.stringify(f.links),
    pronouns: f.pronouns ?? null,
    funFact: f.funFact ?? null,
    answers: JSON.stringify(f.answers),
    now: toMs(now),
    reviewedBy: reviewedBy ?? null,
  };
}

/** SQLite implementation of ProfilesStore. */
export function createProfilesRepo(db: Database): ProfilesStore {
  const { deleteSkills, forgetManager, exportSkillRows, ...skills } = createMemberSkillsRepo(db);
  const get = db.prepare<[string, string], ProfileRow>('SELECT * FROM profiles WHERE community = ? AND user_id = ?');
  // Creates the row on first touch; every write below goes through it so a profile always exists when written.
  const ensure = db.prepare<[string, string, number]>(
    'INSERT INTO profiles (community, user_id, updated_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
  );
  const welcome = db.prepare<[number, string, string]>(
    'UPDATE profiles SET welcomed_at = ? WHERE community = ? AND user_id = ? AND welcomed_at IS NULL',
  );
  const submit = db.prepare<[string, number, string, string], { revision: number }>(
    `UPDATE profiles SET draft = ?, status = 'pending_approval', revision = revision + 1, updated_at = ?,
       reviewed_by = NULL, reviewed_at = NULL, review_note = NULL
     WHERE community = ? AND user_id = ? RETURNING revision`,
  );
  const publish = db.prepare<ReturnType<typeof publishParams>, { revision: number }>(
    `UPDATE profiles SET role = @role, working_on = @workingOn, links = @links, pronouns = @pronouns,
       fun_fact = @funFact, answers = @answers, draft = NULL, status = 'approved', updated_at = @now,
       introduced_at = coalesce(introduced_at, @now), reviewed_by = @reviewedBy,
       reviewed_at = iif(@reviewedBy IS NULL, NULL, @now), review_note = NULL,
       revision = iif(status = 'pending_approval', revision, revision + 1)
     WHERE community = @community AND user_id = @userId RETURNING revision`,
  );
  const reject = db.prepare<[number, string, string | null, number, string, string]>(
    `UPDATE profiles SET status = 'rejected', reviewed_at = ?, reviewed_by = ?, review_note = ?, updated_at = ?
     WHERE community = ? AND user_id = ?`,
  );
  const setCol = (column: 'card_posted_at' | 'reminded_at') =>
    db.prepare<[number, string, string]>(`UPDATE profiles SET ${column} = ? WHERE community = ? AND user_id = ?`);
  const cardPosted = setCol('card_posted_at');
  const reminded = setCol('reminded_at');
  const here =
    'EXISTS (SELECT 1 FROM members m WHERE m.community = p.community AND m.user_id = p.user_id AND m.left_at IS NULL)';
  const due = db.prepare<[string, number, number], { user_id: string }>(
    `SELECT user_id FROM profiles p WHERE community = ? AND status = 'draft' AND introduced_at IS NULL
       AND welcomed_at <= ? AND reminded_at IS NULL AND ${here} ORDER BY welcomed_at LIMIT ?`,
  );
  const awaiting = db.prepare<[string, number], { user_id: string }>(
    `SELECT user_id FROM profiles p WHERE community = ? AND introduced_at IS NOT NULL AND card_posted_at IS NULL
       AND ${here} ORDER BY introduced_at LIMIT ?`,
  );
  const pending = db.prepare<[string, number], ProfileRow>(
    `SELECT * FROM profiles p WHERE community = ? AND status = 'pending_approval' AND ${here}
     ORDER BY updated_at LIMIT ?`,
  );
  const countPending = db.prepare<[string], { n: number }>(
    `SELECT count(*) AS n FROM profiles p WHERE community = ? AND status = 'pending_approval' AND ${here}`,
  );
  const deleteProfile = db.prepare<[string, string]>('DELETE FROM profiles WHERE community = ? AND user_id = ?');
  const exportProfiles = db.prepare<[string], Record<string, unknown>>(
    'SELECT * FROM profiles WHERE community = ? ORDER BY user_id',
  );

  const touch = (community: CommunityId, userId: string, now: Date) => ensure.run(community, userId, toMs(now));

  return {
    ...skills,
    ...createIntroStatsPart(db),
    get(community, userId) {
      const row = get.get(community, userId);
      return row && toRecord(row);
    },
    markWelcomed(community, userId, now) {
      touch(community, userId, now);
      return welcome.run(toMs(now), community, userId).changes === 1;
    },
    submitDraft(community, userId, fields, now) {
      touch(community, userId, now);
      return submit.get(JSON.stringify(fields), toMs(now), community, userId)!.revision;
    },
    publish(community, userId, fields, now, reviewedBy) {
      touch(community, userId, now);
      return publish.get(publishParams(community, userId, fields, now, reviewedBy))!.revision;
    },
    reject: (community, userId, now, by, note) =>
      void reject.run(toMs(now), by, note ?? null, toMs(now), community, userId),
    markCardPosted: (community, userId, now) => void cardPosted.run(toMs(now), community, userId),
    markReminded: (community, userId, now) => void reminded.run(toMs(now), community, userId),
    dueReminders: (community, before, limit) => due.all(community, toMs(before), limit).map((r) => r.user_id),
    awaitingCard: (community, limit) => awaiting.all(community, limit).map((r) => r.user_id),
    pending: (community, limit) => pending.all(community, limit).map(toRecord),
    countPending: (community) => countPending.get(community)!.n,
    deleteMember(community, userId) {
      forgetManager(community, userId);
      return { profile: deleteProfile.run(community, userId).changes, skills: deleteSkills(community, userId) };
    },
    exportRows: (community) => ({
      profiles: exportProfiles.all(community),
      ...exportSkillRows(community),
    }),
  };
}
