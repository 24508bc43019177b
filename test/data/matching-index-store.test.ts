/**
 * The reads behind the matcher's in-memory index, on the run's database: the scans (one folded skill string per
 * member), the change log the triggers write (skills, activity, leaving, preferences), its cursor (rolled back,
 * pruned, and on PostgreSQL a change committed after a later one), and the history reads of /match and the round.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import {
  type IndexCursor,
  type MatchIndexMember,
  SKILL_PART,
  SKILL_SEPARATOR,
} from '../../commands/matching/index-store.ts';
import { TEST_DIALECT } from '../support/databases.ts';
import {
  addMember,
  addSkills,
  C,
  days,
  type MatchingFixture,
  minutes,
  OTHER,
  openMatching,
  T0,
  type Unit,
} from './matching-support.ts';

let f: MatchingFixture;
/** members.id by user id (the key the scans and the change log use). */
let key: Record<string, number>;

const folded = (...entries: string[]) => entries.map((e) => e.replace(':', SKILL_PART)).join(SKILL_SEPARATOR);

beforeEach(async () => {
  f = await openMatching();
  key = await f.run(async (u) => {
    await addMember(u, 'emma', ['layout-design'], ['photography']);
    await addMember(u, 'lucas', ['photography'], ['design'], C, days(-30));
    await addMember(u, 'idle', [], []);
    await addMember(u, 'opted', [], []);
    await u.store.resume(C, 'opted', T0);
    await addMember(u, 'gone', ['video'], []);
    await u.core.members.markLeft(C, 'gone', T0);
    await addMember(u, 'paused', ['writing'], []);
    await u.store.pause(C, 'paused', days(7), 'member', T0);
    await addMember(u, 'stranger', ['photography'], [], OTHER);
    const rows = await u.db.selectFrom('members').select(['user_id', 'id']).where('community', '=', C).execute();
    return Object.fromEntries(rows.map((r) => [r.user_id, r.id]));
  });
});

type Visited = Record<string, [MatchIndexMember, string | null]>;
const collect = (into: Visited) => (m: MatchIndexMember, skills: string | null) => {
  into[m[1]] = [m, skills];
};

describe('index scans', () => {
  it('scans the members with skills or opted in, one folded skill string each', async () => {
    await f.run(async ({ store, db }) => {
      await addSkills(db, 'emma', 'offer', ['zines:risograph zines'], minutes(10));
      await addSkills(db, 'emma', 'offer', ['animation'], minutes(5));
      const seen: Visited = {};
      expect(await store.scanIndex(C, undefined, collect(seen))).toBe(4);
      expect(Object.keys(seen).sort()).toEqual(['emma', 'lucas', 'opted', 'paused']);
      expect(seen.emma).toEqual([
        [key.emma, 'emma', T0.getTime(), 0, null, null],
        folded(
          'olayout-design:layout-design',
          'nphotography:photography',
          'oanimation:animation',
          'ozines:risograph zines',
        ),
      ]);
      expect(seen.lucas).toEqual([
        [key.lucas, 'lucas', days(-30).getTime(), 0, null, null],
        folded('ndesign:design', 'ophotography:photography'),
      ]);
      expect(seen.opted).toEqual([[key.opted, 'opted', T0.getTime(), 1, null, null], null]);
      expect(seen.paused?.[0]).toEqual([key.paused, 'paused', T0.getTime(), 0, T0.getTime(), days(7).getTime()]);
    });
  });

  it('scans members by key: those with skills or preferences, still here, of the community', async () => {
    await f.run(async ({ store }) => {
      await store.setIgnoredStreak(C, 'idle', 1, T0);
      await store.setIgnoredStreak(C, 'gone', 1, T0);
      const seen: Visited = {};
      const keys = [key.emma!, key.idle!, key.gone!, key.opted!, 999_999];
      expect(await store.scanIndex(C, keys, collect(seen))).toBe(3);
      expect(Object.keys(seen).sort()).toEqual(['emma', 'idle', 'opted']);
      expect(seen.idle).toEqual([[key.idle, 'idle', T0.getTime(), 0, null, null], null]);
      expect(seen.emma?.[1]).toBe(folded('olayout-design:layout-design', 'nphotography:photography'));
      expect(await store.scanIndex(C, [], collect(seen))).toBe(0);
      expect(await store.scanIndex(OTHER, [key.emma!], collect({}))).toBe(0);
    });
  });

  it('scans page by page in user id order, members opted in without skills last', async () => {
    await f.run(async ({ store }) => {
      const order: string[] = [];
      const visit = (m: MatchIndexMember) => void order.push(m[1]);
      // With skills: emma, gone (left: read, not visited), lucas, paused.
      expect(await store.scanIndexPage(C, undefined, 2, visit)).toBe('gone');
      expect(order).toEqual(['emma']);
      expect(await store.scanIndexPage(C, 'gone', 2, visit)).toBe('paused');
      expect(await store.scanIndexPage(C, 'paused', 2, visit)).toBeUndefined();
      expect(order).toEqual(['emma', 'lucas', 'paused', 'opted']);
      const all: Visited = {};
      expect(await store.scanIndexPage(C, undefined, 400, collect(all))).toBeUndefined();
      const scanned: Visited = {};
      await store.scanIndex(C, undefined, collect(scanned));
      expect(all).toEqual(scanned);
    });
  });
});

describe('the change log', () => {
  /** Changes since `cursor`, the member keys as user ids. */
  async function since(u: Unit, cursor: IndexCursor | undefined) {
    const changes = await u.store.indexChanges(C, cursor);
    const name = (k: number) => Object.entries(key).find(([, id]) => id === k)?.[0] ?? `#${k}`;
    return {
      ...changes,
      members: changes.members.map(name).sort(),
      activity: changes.activity.map(([k, at]) => [name(k), at]),
    };
  }

  /** Runs `change`, then reads the changes since the head before it; returns them (the cursor moved on). */
  async function changedBy(change: (u: Unit) => Promise<unknown>) {
    return f.run(async (u) => {
      const head = await u.store.indexHead(C);
      await change(u);
      const changes = await since(u, head);
      expect(changes.rebuild).toBe(false);
      return changes;
    });
  }

  it('is written by the triggers: skills, activity, leaving, deletion, preferences', async () => {
    const membersAfter = async (change: (u: Unit) => Promise<unknown>) => (await changedBy(change)).members;
    const emmasVideo = (u: Unit) =>
      u.db.updateTable('member_skills').where('user_id', '=', 'emma').where('skill', '=', 'video');
    expect(await membersAfter(async (u) => await addSkills(u.db, 'emma', 'need', ['video'], minutes(1)))).toEqual([
      'emma',
    ]);
    expect(await membersAfter(async (u) => await emmasVideo(u).set({ term: 'films' }).execute())).toEqual(['emma']);
    expect(
      await membersAfter(
        async (u) =>
          await u.db.deleteFrom('member_skills').where('user_id', '=', 'emma').where('skill', '=', 'video').execute(),
      ),
    ).toEqual(['emma']);
    // Activity counts in days: the same day logs nothing; a new day logs the activity alone.
    const sameDay = await changedBy(async (u) => await u.core.members.touch(C, 'lucas', 'lucas', days(-30.1)));
    expect(sameDay).toMatchObject({ members: [], activity: [] });
    const nextDay = await changedBy(async (u) => await u.core.members.touch(C, 'lucas', 'lucas', days(1)));
    expect(nextDay).toMatchObject({ members: [], activity: [['lucas', days(1).getTime()]] });
    const both = await changedBy(async (u) => {
      await u.core.members.touch(C, 'lucas', 'lucas', days(2));
      await addSkills(u.db, 'lucas', 'offer', ['zines'], days(2));
    });
    expect(both).toMatchObject({ members: ['lucas'], activity: [] });
    expect(await membersAfter(async (u) => await u.core.members.markLeft(C, 'emma', T0))).toEqual(['emma']);
    expect(await membersAfter(async (u) => await u.core.members.markJoined(C, 'emma', 'Emma', T0))).toEqual(['emma']);
    expect(await membersAfter(async (u) => await u.core.members.delete(C, 'idle'))).toEqual(['idle']);
    // Preferences: a row created with defaults or a streak is not the index's business; opt-in and pauses are.
    expect(await membersAfter(async (u) => await u.store.setIgnoredStreak(C, 'lucas', 1, T0))).toEqual([]);
    expect(await membersAfter(async (u) => await u.store.setIgnoredStreak(C, 'lucas', 2, T0))).toEqual([]);
    expect(await membersAfter(async (u) => await u.store.pause(C, 'lucas', undefined, 'ignored', T0))).toEqual([
      'lucas',
    ]);
    expect(await membersAfter(async (u) => await u.store.resume(C, 'lucas', T0))).toEqual(['lucas']);
    expect(await membersAfter(async (u) => await u.store.resume(C, 'emma', T0))).toEqual(['emma']);
    expect(await membersAfter(async (u) => await u.store.forget(C, 'emma'))).toEqual(['emma']);
    // Another community's changes are its own.
    expect(await membersAfter(async (u) => await addSkills(u.db, 'stranger', 'need', ['video'], T0, OTHER))).toEqual(
      [],
    );
  });

  it('logs a new member only when skills or preferences were stored before their row', async () => {
    const plain = await changedBy(async (u) => await u.core.members.touch(C, 'newbie', 'newbie', T0));
    expect(plain.members).toEqual([]);
    const early = await changedBy(async (u) => {
      await addSkills(u.db, 'early', 'offer', ['zines'], T0);
      await u.core.members.touch(C, 'early', 'early', T0);
      key.early = (
        await u.db.selectFrom('members').select('id').where('user_id', '=', 'early').executeTakeFirstOrThrow()
      ).id;
    });
    expect(early.members).toEqual(['early']);
  });

  it('gives nothing when nothing changed, everything from the start, and moves the cursor to the head', async () => {
    await f.run(async (u) => {
      const head = await u.store.indexHead(C);
      expect(head).toEqual({ seq: expect.any(Number), nonce: expect.any(Number) });
      expect(await u.store.indexChanges(C, head)).toEqual({ rebuild: false, cursor: head, members: [], activity: [] });
      const all = await since(u, undefined);
      expect(all.members).toEqual(['emma', 'gone', 'lucas', 'opted', 'paused']);
      expect(all.cursor).toEqual(head);
      await addSkills(u.db, 'emma', 'need', ['video'], T0);
      const changes = await u.store.indexChanges(C, head);
      expect(changes.cursor).toEqual(await u.store.indexHead(C));
      expect(changes.cursor!.seq).toBeGreaterThan(head!.seq);
      expect(await u.store.indexHead(OTHER)).not.toEqual(head);
      expect(await u.store.indexHead('shell:nobody')).toBeUndefined();
      expect(await u.store.indexChanges('shell:nobody', undefined)).toEqual({
        rebuild: false,
        cursor: undefined,
        members: [],
        activity: [],
      });
    });
  });

  it('asks for a rebuild when the change a reader applied was rolled back or pruned', async () => {
    let seen: IndexCursor | undefined;
    await expect(
      f.run(async (u) => {
        await addSkills(u.db, 'emma', 'need', ['video'], minutes(1));
        seen = (await u.store.indexChanges(C, await u.store.indexHead(C))).cursor;
        throw new Error('the command failed');
      }),
    ).rejects.toThrow('the command failed');
    await f.run(async (u) => {
      await addSkills(u.db, 'lucas', 'offer', ['video'], minutes(2));
      const head = await u.store.indexHead(C);
      expect(await u.store.indexChanges(C, seen)).toEqual({ rebuild: true, cursor: head, members: [], activity: [] });
      const pruned = { seq: 1, nonce: -1 };
      expect((await u.store.indexChanges(C, pruned)).rebuild).toBe(true);
    });
  });

  it.runIf(TEST_DIALECT === 'postgres')('does not step over a change committed after a later one', async () => {
    const head = await f.run(async (u) => await u.store.indexHead(C));
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let wrote = () => {};
    const written = new Promise<void>((resolve) => {
      wrote = resolve;
    });
    const slow = f.run(async (u) => {
      await addSkills(u.db, 'emma', 'need', ['video'], minutes(1)); // takes the lower number
      wrote();
      await held;
    });
    await written;
    await f.run(async (u) => await addSkills(u.db, 'lucas', 'need', ['video'], minutes(2)));
    const first = await f.run(async (u) => await since(u, head));
    expect(first.members).toEqual(['lucas']);
    expect(first.cursor).toEqual(head); // not past emma's change, still being written
    release();
    await slow;
    const second = await f.run(async (u) => await since(u, first.cursor));
    expect(second.members).toEqual(['emma', 'lucas']); // lucas again: harmless
    expect(second.cursor).toEqual(await f.run(async (u) => await u.store.indexHead(C)));
    expect((await f.run(async (u) => await since(u, second.cursor))).members).toEqual([]);
  });
});

describe('history reads', () => {
  it('gives partners, pairs page by page, and how a round was answered', async () => {
    await f.run(async ({ store }) => {
      const roundId = (await store.createRound(
        C,
        { period: 'p1', members: 3, totalScore: 1, repeats: 0, leftOut: 0 },
        T0,
      ))!;
      const p1 = await store.addPairing(C, { roundId, kind: 'round', score: 1, members: ['emma', 'lucas'] }, T0);
      const p2 = await store.addPairing(
        C,
        { roundId, kind: 'round', score: 1, members: ['idle', 'opted', 'paused'] },
        T0,
      );
      const p3 = await store.addPairing(C, { kind: 'intro', score: 1, members: ['idle'] }, days(2));
      const p4 = await store.addPairing(C, { kind: 'intro', score: 1, members: ['lucas', 'emma'] }, days(3));
      await store.addPairing(OTHER, { kind: 'intro', score: 1, members: ['emma', 'stranger'] }, days(3));

      expect(await store.partnersSince(C, 'emma', days(-1))).toEqual([{ userId: 'lucas', at: days(3) }]);
      expect(await store.partnersSince(C, 'idle', days(-1))).toEqual([
        { userId: 'opted', at: T0 },
        { userId: 'paused', at: T0 },
      ]);
      expect(await store.partnersSince(C, 'idle', days(1))).toEqual([]);

      const pairs: string[] = [];
      const visit = (a: string, b: string, at: number) => void pairs.push(`${a}-${b}@${at === T0.getTime() ? 0 : 3}`);
      expect(await store.scanMet(C, days(-1), 0, 2, visit)).toBe(p2);
      expect(pairs.sort()).toEqual(['emma-lucas@0', 'idle-opted@0', 'idle-paused@0', 'opted-paused@0']);
      expect(await store.scanMet(C, days(-1), p2, 1, visit)).toBe(p3); // a pairing without pairs still counts
      expect(await store.scanMet(C, days(-1), p3, 5, visit)).toBe(p4);
      expect(pairs.slice(4)).toEqual(['emma-lucas@3']);
      expect(await store.scanMet(C, days(-1), p4, 5, visit)).toBe(p4);
      expect(await store.scanMet(C, days(2.5), 0, 5, visit)).toBe(p4);

      await store.recordMet(C, p1, 'emma', 'no', T0);
      await store.markResponded(C, p2, 'opted', T0);
      await store.setIgnoredStreak(C, 'lucas', 2, T0);
      expect(await store.roundAnswers(C, roundId)).toEqual([
        { userId: 'emma', answered: true, ignoredStreak: 0, hasPrefs: false },
        { userId: 'lucas', answered: false, ignoredStreak: 2, hasPrefs: true },
        { userId: 'idle', answered: false, ignoredStreak: 0, hasPrefs: false },
        { userId: 'opted', answered: true, ignoredStreak: 0, hasPrefs: true },
        { userId: 'paused', answered: false, ignoredStreak: 0, hasPrefs: true },
      ]);
      expect(await store.roundAnswers(OTHER, roundId)).toEqual([]);
    });
  });

  it('names one cache key per database, shared by its transactions', async () => {
    const a = await f.run(async (u) => u.store.indexCacheKey);
    const b = await f.run(async (u) => u.store.indexCacheKey);
    const other = await (await openMatching()).run(async (u) => u.store.indexCacheKey);
    expect(a).toBe(b);
    expect(other).not.toBe(a);
  });
});
