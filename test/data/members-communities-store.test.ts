/** The communities and members stores, on the run's database (SQLite or PostgreSQL). */
import { beforeEach, describe, expect, it } from 'vitest';
import type { CoreStores, Storage } from '#core/ports/storage.ts';
import { openTestStorage } from '../support/databases.ts';

const LOFT = 'shell:loft';
const OTHER = 'discord:80351110224678912';
const t = (iso: string) => new Date(`2026-11-16T${iso}Z`);

let storage: Storage;
beforeEach(async () => {
  storage = await openTestStorage();
});

/** One unit of work on the core stores. */
const run = async <T>(fn: (core: CoreStores) => Promise<T>) =>
  storage.transaction(async (tx) => await fn(storage.core(tx)));

describe('communities store', () => {
  it('creates a community once, with empty settings, and keeps its creation time', async () => {
    await run(async ({ communities }) => {
      expect(await communities.ensure(LOFT, t('08:00:00'))).toEqual({
        id: LOFT,
        settings: {},
        createdAt: t('08:00:00'),
        settingsChanged: {},
      });
      expect((await communities.ensure(LOFT, t('09:00:00'))).createdAt).toEqual(t('08:00:00'));
      expect(await communities.get(OTHER)).toBeUndefined();
    });
  });

  it('replaces settings and lists every community', async () => {
    await run(async ({ communities }) => {
      await communities.ensure(LOFT, t('08:00:00'));
      await communities.ensure(OTHER, t('08:00:01'));
      await communities.saveSettings(LOFT, { timezone: 'Europe/Paris', approval: true });
      await communities.saveSettings(LOFT, { 'match-day': 'friday' });
      expect((await communities.get(LOFT))?.settings).toEqual({ 'match-day': 'friday' });
      expect((await communities.get(OTHER))?.settings).toEqual({});
      expect((await communities.list()).map((c) => c.id)).toEqual([LOFT, OTHER]);
    });
  });

  it('refuses to save settings of a community it has never seen', async () => {
    await expect(run(async ({ communities }) => await communities.saveSettings(LOFT, {}))).rejects.toThrow(
      /unknown community/,
    );
  });
});

describe('members store', () => {
  it('arrives: touches (or marks joined) and reads the community in one call', async () => {
    await run(async ({ members, communities }) => {
      const first = await members.arrive(LOFT, 'U1', 'Mia', t('08:00:00'), false);
      expect(first.community).toBeUndefined();
      expect(first.member).toMatchObject({ userId: 'U1', displayName: 'Mia', lastActiveAt: t('08:00:00') });
      await communities.ensure(LOFT, t('08:00:00'));
      await communities.saveSettings(LOFT, { 'match-day': 'friday' });
      const again = await members.arrive(LOFT, 'U1', 'Mia B', t('09:00:00'), false);
      expect(again.community).toEqual(await communities.get(LOFT));
      expect(again.community?.settings).toEqual({ 'match-day': 'friday' });
      expect(again.member).toEqual(await members.get(LOFT, 'U1'));
      expect(again.member).toMatchObject({ displayName: 'Mia B', lastActiveAt: t('09:00:00'), joinedAt: undefined });
      const joined = await members.arrive(LOFT, 'U2', 'Lucas', t('10:00:00'), true);
      expect(joined.member.joinedAt).toEqual(t('10:00:00'));
      expect((await members.arrive(OTHER, 'U1', 'Mia', t('10:00:00'), false)).community).toBeUndefined();
    });
  });

  it('creates a member on first touch and then updates name and activity only', async () => {
    await run(async ({ members }) => {
      expect(await members.touch(LOFT, 'U1', 'Mia', t('08:00:00'))).toEqual({
        community: LOFT,
        userId: 'U1',
        displayName: 'Mia',
        joinedAt: undefined,
        leftAt: undefined,
        firstSeenAt: t('08:00:00'),
        lastActiveAt: t('08:00:00'),
        dmUnreachable: false,
        dmNoticeShown: false,
        timezone: undefined,
      });
      const again = await members.touch(LOFT, 'U1', 'Mia Rossi', t('09:00:00'));
      expect(again).toMatchObject({
        displayName: 'Mia Rossi',
        firstSeenAt: t('08:00:00'),
        lastActiveAt: t('09:00:00'),
      });
      expect(await members.get(LOFT, 'U1')).toEqual(again);
    });
  });

  it('never lets an empty name overwrite a known one, and names a nameless newcomer by id', async () => {
    await run(async ({ members }) => {
      await members.touch(LOFT, 'U1', 'Mia', t('08:00:00'));
      expect((await members.touch(LOFT, 'U1', '  ', t('08:01:00'))).displayName).toBe('Mia');
      expect((await members.touch(LOFT, 'U2', '', t('08:01:00'))).displayName).toBe('U2');
      // An empty name on a join keeps the known one too.
      expect((await members.markJoined(LOFT, 'U1', '', t('08:02:00'))).displayName).toBe('Mia');
    });
  });

  it('finds members by name, case-insensitively beyond ASCII, ignoring a leading @ and members who left', async () => {
    await run(async ({ members }) => {
      await members.touch(LOFT, 'U1', 'Émile', t('08:00:00'));
      await members.touch(LOFT, 'U2', 'émile', t('09:00:00'));
      await members.touch(LOFT, 'U3', 'Emile', t('09:30:00'));
      await members.touch(LOFT, 'U4', 'ÉMILE', t('10:00:00'));
      await members.markLeft(LOFT, 'U4', t('10:30:00'));
      expect((await members.findByName(LOFT, '@ÉMILE')).map((m) => m.userId)).toEqual(['U2', 'U1']);
      expect((await members.findByName(LOFT, 'emile')).map((m) => m.userId)).toEqual(['U3']);
      expect(await members.findByName(LOFT, 'nobody')).toEqual([]);
    });
  });

  it('marks joins (clearing an earlier leave) and leaves', async () => {
    await run(async ({ members }) => {
      await members.touch(LOFT, 'U1', 'Mia', t('08:00:00'));
      await members.markLeft(LOFT, 'U1', t('09:00:00'));
      expect((await members.get(LOFT, 'U1'))?.leftAt).toEqual(t('09:00:00'));
      const back = await members.markJoined(LOFT, 'U1', 'Mia', t('10:00:00'));
      expect(back).toMatchObject({ joinedAt: t('10:00:00'), leftAt: undefined, firstSeenAt: t('08:00:00') });
      const fresh = await members.markJoined(LOFT, 'U2', 'Lucas', t('11:00:00'));
      expect(fresh).toMatchObject({ joinedAt: t('11:00:00'), firstSeenAt: t('11:00:00'), lastActiveAt: t('11:00:00') });
    });
  });

  it('records DM reachability, the notice and a personal time zone', async () => {
    await run(async ({ members }) => {
      await members.touch(LOFT, 'U1', 'Mia', t('08:00:00'));
      await members.setDmUnreachable(LOFT, 'U1', true);
      await members.markDmNoticeShown(LOFT, 'U1');
      await members.setTimezone(LOFT, 'U1', 'Europe/Paris');
      expect(await members.get(LOFT, 'U1')).toMatchObject({
        dmUnreachable: true,
        dmNoticeShown: true,
        timezone: 'Europe/Paris',
      });
      await members.setDmUnreachable(LOFT, 'U1', false);
      await members.setTimezone(LOFT, 'U1', undefined);
      expect(await members.get(LOFT, 'U1')).toMatchObject({ dmUnreachable: false, timezone: undefined });
    });
  });

  it('lists active members most recent first, with paging', async () => {
    await run(async ({ members }) => {
      await members.touch(LOFT, 'A', 'Ada', t('08:00:00'));
      await members.touch(LOFT, 'B', 'Ben', t('09:00:00'));
      await members.touch(LOFT, 'C', 'Cy', t('10:00:00'));
      await members.touch(LOFT, 'D', 'Di', t('11:00:00'));
      await members.markLeft(LOFT, 'D', t('11:30:00'));
      expect((await members.listActive(LOFT)).map((m) => m.userId)).toEqual(['C', 'B', 'A']);
      expect((await members.listActive(LOFT, 1, 1)).map((m) => m.userId)).toEqual(['B']);
      // An offset without a limit skips, and reads the rest.
      expect((await members.listActive(LOFT, undefined, 1)).map((m) => m.userId)).toEqual(['B', 'A']);
    });
  });

  it('deletes a member and reports how many rows went', async () => {
    await run(async ({ members }) => {
      await members.touch(LOFT, 'U1', 'Mia', t('08:00:00'));
      expect(await members.delete(LOFT, 'U1')).toBe(1);
      expect(await members.delete(LOFT, 'U1')).toBe(0);
      expect(await members.get(LOFT, 'U1')).toBeUndefined();
    });
  });

  it('keeps communities apart: the same user id is two members, and no method crosses over', async () => {
    await run(async ({ members }) => {
      await members.touch(LOFT, 'U1', 'Mia', t('08:00:00'));
      expect(await members.get(OTHER, 'U1')).toBeUndefined();
      expect(await members.findByName(OTHER, 'Mia')).toEqual([]);
      expect(await members.listActive(OTHER)).toEqual([]);
      await members.markLeft(OTHER, 'U1', t('09:00:00'));
      await members.setDmUnreachable(OTHER, 'U1', true);
      await members.markDmNoticeShown(OTHER, 'U1');
      await members.setTimezone(OTHER, 'U1', 'Asia/Tokyo');
      expect(await members.delete(OTHER, 'U1')).toBe(0);
      expect(await members.get(LOFT, 'U1')).toMatchObject({
        leftAt: undefined,
        dmUnreachable: false,
        dmNoticeShown: false,
        timezone: undefined,
      });
      await members.touch(OTHER, 'U1', 'Someone else', t('09:00:00'));
      expect((await members.get(LOFT, 'U1'))?.displayName).toBe('Mia');
    });
  });

  it('sees what an earlier transaction committed', async () => {
    await run(async ({ members }) => await members.touch(LOFT, 'U1', 'Mia', t('08:00:00')));
    expect(await run(async ({ members }) => await members.get(LOFT, 'U1'))).toMatchObject({ displayName: 'Mia' });
  });
});
