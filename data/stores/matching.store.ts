/**
 * The matching feature's store on Kysely (SQLite and PostgreSQL): participants (read from `member_skills` and
 * `members`), pauses here; avoid lists in `matching-avoid.store.ts`; rounds and pairings in `matching-pairings.store.ts`, suggestions and
 * data rights in `matching-rights.store.ts`, the reads behind the matcher's in-memory index in
 * `matching-index.store.ts`.
 */
import type { Expression, ExpressionBuilder, Selectable, SqlBool, Updateable } from 'kysely';
import type { CommunityId } from '#core/ids.ts';
import type { Tx } from '#core/ports/storage.ts';
import type { MatchingStore, MatchMember, MatchPrefs, MatchSkill } from '../../commands/matching/store.ts';
import { type Db, dbOf } from '../db/executor.ts';
import { toBool, toDate, toMs, toOptionalDate } from '../db/rows.ts';
import type { DB } from '../db/schema.ts';
import type { MatchPrefsTable } from '../db/schema-matching.ts';
import { unlistedMembers } from './listed.ts';
import { matchingAvoidPart } from './matching-avoid.store.ts';
import { matchingIndexPart } from './matching-index.store.ts';
import { matchingPairingsPart } from './matching-pairings.store.ts';
import { matchingRightsPart } from './matching-rights.store.ts';

/** Members per query when loading members by user id. */
const IDS_PER_QUERY = 5_000;

type Joined = DB & { m: DB['members']; p: DB['match_prefs']; s: DB['member_skills'] };
type Filter = (eb: ExpressionBuilder<Joined, 'm' | 'p' | 's'>) => Expression<SqlBool>;

/**
 * Members still here matching `filter` (`m` members, `p` their preferences, `s` one of their skills), with their
 * skills in the order listed, by user id: one row per skill (or one without, for a member with none).
 */
async function withSkills(db: Db, community: CommunityId, filter: Filter): Promise<Map<string, MatchMember>> {
  const rows = await db
    .selectFrom('members as m')
    .leftJoin('match_prefs as p', (j) =>
      j.onRef('p.community', '=', 'm.community').onRef('p.user_id', '=', 'm.user_id'),
    )
    .leftJoin('member_skills as s', (j) =>
      j.onRef('s.community', '=', 'm.community').onRef('s.user_id', '=', 'm.user_id'),
    )
    .select(['m.user_id', 'm.display_name', 'm.last_active_at', 's.kind', 's.skill', 's.term'])
    .where('m.community', '=', community)
    .where('m.left_at', 'is', null)
    .where(filter)
    .orderBy('m.user_id')
    .orderBy('s.added_at')
    .orderBy('s.skill')
    .orderBy('s.kind')
    .execute();
  const members = new Map<string, MatchMember & { offers: MatchSkill[]; needs: MatchSkill[] }>();
  for (const r of rows) {
    let member = members.get(r.user_id);
    if (!member) {
      member = {
        userId: r.user_id,
        displayName: r.display_name,
        lastActiveAt: toDate(r.last_active_at),
        offers: [],
        needs: [],
      };
      members.set(r.user_id, member);
    }
    if (r.kind === null || r.skill === null || r.term === null) continue;
    (r.kind === 'offer' ? member.offers : member.needs).push({ skill: r.skill, term: r.term });
  }
  return members;
}

type PrefsRow = Omit<Selectable<MatchPrefsTable>, 'community' | 'user_id' | 'updated_at'>;
type PrefsChange = Omit<Updateable<MatchPrefsTable>, 'community' | 'user_id' | 'updated_at'>;

function toPrefs(row: PrefsRow | undefined): MatchPrefs {
  if (!row) return { optedIn: false, ignoredStreak: 0 };
  return {
    optedIn: toBool(row.opted_in),
    pausedAt: toOptionalDate(row.paused_at),
    pausedUntil: toOptionalDate(row.paused_until),
    pauseReason: row.pause_reason ?? undefined,
    ignoredStreak: Number(row.ignored_streak),
  };
}

export function matchingStore(tx: Tx): MatchingStore {
  const db = dbOf(tx);

  /** Creates the member's preferences row with `values`, or sets them on the existing one (one statement). */
  async function setPrefs(community: CommunityId, userId: string, values: PrefsChange, now: Date) {
    const updatedAt = toMs(now);
    await db
      .insertInto('match_prefs')
      .values({ community, user_id: userId, ...values, updated_at: updatedAt })
      .onConflict((oc) => oc.columns(['community', 'user_id']).doUpdateSet({ ...values, updated_at: updatedAt }))
      .execute();
  }

  return {
    unlisted: (community) => unlistedMembers(db, community),
    async participants(community, now) {
      // Listed a skill (a skill row joined) or opted in, and not paused at `now`.
      const members = await withSkills(db, community, (eb) =>
        eb.and([
          eb.or([eb('s.user_id', 'is not', null), eb('p.opted_in', '=', 1)]),
          eb.or([
            eb('p.paused_at', 'is', null),
            eb.and([eb('p.paused_until', 'is not', null), eb('p.paused_until', '<=', toMs(now))]),
          ]),
        ]),
      );
      return [...members.values()];
    },
    async member(community, userId) {
      const members = await withSkills(db, community, (eb) => eb('m.user_id', '=', userId));
      return members.get(userId);
    },
    async members(community, userIds) {
      const found = new Map<string, MatchMember>();
      const distinct = [...new Set(userIds)];
      for (let i = 0; i < distinct.length; i += IDS_PER_QUERY) {
        const ids = distinct.slice(i, i + IDS_PER_QUERY);
        for (const [id, m] of await withSkills(db, community, (eb) => eb('m.user_id', 'in', ids))) {
          found.set(id, m);
        }
      }
      return userIds.flatMap((u) => found.get(u) ?? []);
    },
    async prefs(community, userId) {
      const row = await db
        .selectFrom('match_prefs')
        .select(['opted_in', 'paused_at', 'paused_until', 'pause_reason', 'ignored_streak'])
        .where('community', '=', community)
        .where('user_id', '=', userId)
        .executeTakeFirst();
      return toPrefs(row);
    },
    pause: (community, userId, until, reason, now) =>
      setPrefs(
        community,
        userId,
        { paused_at: toMs(now), paused_until: until ? toMs(until) : null, pause_reason: reason },
        now,
      ),
    resume: (community, userId, now) =>
      setPrefs(
        community,
        userId,
        { paused_at: null, paused_until: null, pause_reason: null, opted_in: 1, ignored_streak: 0 },
        now,
      ),
    setIgnoredStreak: (community, userId, streak, now) => setPrefs(community, userId, { ignored_streak: streak }, now),

    ...matchingAvoidPart(db),
    ...matchingPairingsPart(db),
    ...matchingRightsPart(db),
    ...matchingIndexPart(db),
  };
}
