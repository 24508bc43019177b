/**
 * The presence store on the run's database: a check-in counted once a day, reads that never return a day that is
 * over, the nudge marked once, invitations once per pair, and a member's presence forgotten, community by community.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { CommunityId } from '#core/ids.ts';
import type { Storage } from '#core/ports/storage.ts';
import type { PresenceStore } from '../../commands/presence/store.ts';
import { presenceStore } from '../../data/stores/presence.store.ts';
import { openTestStorage } from '../support/databases.ts';
import { PRESENCE_TABLES, tableRows } from '../support/table-rows.ts';

const LOFT: CommunityId = 'shell:loft';
const STUDIO: CommunityId = 'shell:studio';
const NOW = new Date('2026-11-16T08:00:00Z');
const END = new Date('2026-11-17T00:00:00Z');
const at = (hours: number) => new Date(NOW.getTime() + hours * 3_600_000);

let storage: Storage;
beforeEach(async () => {
  storage = await openTestStorage();
  await storage.transaction(async (tx) => {
    for (const id of ['emma', 'lucas', 'mia']) await storage.core(tx).members.touch(LOFT, id, id, NOW);
  });
});

const run = <T>(fn: (store: PresenceStore) => Promise<T>) => storage.transaction((tx) => fn(presenceStore(tx)));
const checkIn = (userId: string, until = END, community = LOFT, day = '2026-11-16', now = NOW) =>
  run((s) => s.checkIn(community, userId, { day, until, expiresAt: END, location: 'Studio 4', now }));

describe('check-ins', () => {
  it('counts a member once a day, reads only who is in now, and forgets the day when it ends', async () => {
    expect(await checkIn('emma', at(4))).toBe(true);
    expect(await checkIn('emma', at(6))).toBe(false);
    expect(await checkIn('lucas')).toBe(true);
    expect(await run((s) => s.checkOut(LOFT, 'lucas', at(1)))).toBe(true);
    expect(await run((s) => s.checkOut(LOFT, 'lucas', at(1)))).toBe(false);
    expect((await run((s) => s.present(LOFT, at(1), 10))).map((p) => p.userId)).toEqual(['emma']);
    expect(await checkIn('lucas', END, LOFT, '2026-11-16', at(2))).toBe(false); // back the same day
    expect(await checkIn('emma', END, STUDIO)).toBe(true);
    await run(async (s) => {
      expect((await s.present(LOFT, at(3), 10)).map((p) => [p.userId, p.location])).toEqual([
        ['emma', 'Studio 4'],
        ['lucas', 'Studio 4'],
      ]);
      expect((await s.present(LOFT, at(7), 10)).map((p) => p.userId)).toEqual(['lucas']);
      expect(await s.presenceOf(LOFT, 'emma', at(7))).toBeUndefined();
      expect(await s.presenceOf(STUDIO, 'lucas', at(3))).toBeUndefined();
      expect(await s.present(LOFT, END, 10)).toEqual([]);
      expect(await s.purgeExpired(LOFT, END)).toBe(2);
      expect(await s.dayCounts(LOFT, '2026-11-01')).toEqual([{ day: '2026-11-16', members: 2 }]);
      expect(await s.dayCounts(STUDIO, '2026-11-01')).toEqual([{ day: '2026-11-16', members: 1 }]);
      expect(await s.dayCounts(LOFT, '2026-11-17')).toEqual([]);
    });
    // A new day counts again.
    expect(await checkIn('emma', new Date('2026-11-18T00:00:00Z'), LOFT, '2026-11-17', at(24))).toBe(true);
  });

  it('hides members who left the community', async () => {
    await checkIn('mia');
    await storage.transaction((tx) => storage.core(tx).members.markLeft(LOFT, 'mia', NOW));
    expect(await run((s) => s.present(LOFT, at(1), 10))).toEqual([]);
  });

  it('marks the morning nudge once, only for a member who is in', async () => {
    await checkIn('emma');
    await run(async (s) => {
      expect(await s.markNudged(LOFT, 'lucas', at(1))).toBe(false);
      expect(await s.markNudged(STUDIO, 'emma', at(1))).toBe(false);
      expect(await s.markNudged(LOFT, 'emma', at(1))).toBe(true);
      expect(await s.markNudged(LOFT, 'emma', at(2))).toBe(false);
      expect((await s.presenceOf(LOFT, 'emma', at(2)))?.nudgedAt).toEqual(at(1));
    });
  });
});

describe('preferences and invitations', () => {
  it('keeps preferences per member and invitations once per pair per day', async () => {
    await run(async (s) => {
      expect(await s.prefs(LOFT, 'emma')).toEqual({ nudges: false, listed: false });
      await s.setPref(LOFT, 'emma', 'nudges', true, NOW);
      await s.setPref(LOFT, 'mia', 'listed', true, NOW);
      await s.setPref(LOFT, 'emma', 'listed', true, NOW);
      await s.setPref(LOFT, 'emma', 'listed', false, NOW);
      expect(await s.prefs(LOFT, 'emma')).toEqual({ nudges: true, listed: false });
      expect(await s.withPref(LOFT, ['mia', 'emma', 'lucas'], 'nudges')).toEqual(['emma']);
      expect(await s.withPref(STUDIO, ['mia', 'emma'], 'listed')).toEqual([]);

      expect(await s.addCoffee(LOFT, 'emma', 'lucas', END, NOW)).toBe(true);
      expect(await s.addCoffee(LOFT, 'emma', 'lucas', END, NOW)).toBe(false);
      expect(await s.addCoffee(LOFT, 'lucas', 'emma', END, NOW)).toBe(true);
      expect(await s.coffee(STUDIO, 'emma', 'lucas', NOW)).toBeUndefined();
      expect(await s.answerCoffee(LOFT, 'emma', 'lucas', 'sure', NOW)).toBe(true);
      expect(await s.answerCoffee(LOFT, 'emma', 'lucas', 'not_today', NOW)).toBe(false);
      expect((await s.coffee(LOFT, 'emma', 'lucas', NOW))?.status).toBe('sure');
      expect(await s.coffee(LOFT, 'emma', 'lucas', END)).toBeUndefined();
      expect(await s.answerCoffee(LOFT, 'lucas', 'emma', 'sure', END)).toBe(false);
    });
  });

  it('forgets a member: check-in, preferences, invitations sent and received; the count stays', async () => {
    await checkIn('emma');
    await checkIn('emma', END, STUDIO);
    await run(async (s) => {
      await s.setPref(LOFT, 'emma', 'nudges', true, NOW);
      await s.addCoffee(LOFT, 'emma', 'lucas', END, NOW);
      await s.addCoffee(LOFT, 'mia', 'emma', END, NOW);
      expect(await s.forgetMember(LOFT, 'emma')).toEqual({
        'presence today': 1,
        'presence settings': 1,
        'coffee invitations': 2,
      });
      expect(await s.presenceOf(STUDIO, 'emma', NOW)).toBeDefined();
    });
    // Read after that transaction: every row kept, not only what the export lets out.
    const rows = await tableRows(storage, PRESENCE_TABLES, LOFT);
    expect(JSON.stringify(rows)).not.toContain('emma');
    expect(rows.presence_days).toEqual([{ community: LOFT, day: '2026-11-16', members: 1 }]);
  });
});
