import { beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../data/db.ts';
import { createRepositories } from '../../../data/repositories/index.ts';
import type { Repositories } from '#core/ports/repositories.ts';

const LOFT = 'shell:loft';
const OTHER = 'discord:80351110224678912';
const t = (iso: string) => new Date(`2026-11-16T${iso}Z`);

let repos: Repositories;
beforeEach(() => {
  repos = createRepositories(openDatabase(':memory:'));
});

describe('communities repo', () => {
  it('creates a community once, with empty settings, and keeps its creation time', () => {
    const first = repos.communities.ensure(LOFT, t('08:00:00'));
    expect(first).toEqual({ id: LOFT, settings: {}, createdAt: t('08:00:00') });
    expect(repos.communities.ensure(LOFT, t('09:00:00')).createdAt).toEqual(t('08:00:00'));
    expect(repos.communities.get(OTHER)).toBeUndefined();
  });

  it('replaces settings and lists every community', () => {
    repos.communities.ensure(LOFT, t('08:00:00'));
    repos.communities.ensure(OTHER, t('08:00:01'));
    repos.communities.saveSettings(LOFT, { timezone: 'Europe/Paris', approval: true });
    repos.communities.saveSettings(LOFT, { 'match-day': 'friday' });
    expect(repos.communities.get(LOFT)?.settings).toEqual({ 'match-day': 'friday' });
    expect(repos.communities.get(OTHER)?.settings).toEqual({});
    expect(repos.communities.list().map((c) => c.id)).toEqual([LOFT, OTHER]);
  });

  it('refuses to save settings of a community it has never seen', () => {
    expect(() => repos.communities.saveSettings(LOFT, {})).toThrow(/unknown community/);
  });
});

describe('members repo', () => {
  it('creates a member on first touch and then updates name and activity only', () => {
    const first = repos.members.touch(LOFT, 'U1', 'Mia', t('08:00:00'));
    expect(first).toEqual({
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
    const again = repos.members.touch(LOFT, 'U1', 'Mia Rossi', t('09:00:00'));
    expect(again).toMatchObject({ displayName: 'Mia Rossi', firstSeenAt: t('08:00:00'), lastActiveAt: t('09:00:00') });
    expect(repos.members.get(LOFT, 'U1')).toEqual(again);
  });

  it('never lets an empty name overwrite a known one, and names a nameless newcomer by id', () => {
    repos.members.touch(LOFT, 'U1', 'Mia', t('08:00:00'));
    expect(repos.members.touch(LOFT, 'U1', '  ', t('08:01:00')).displayName).toBe('Mia');
    expect(repos.members.touch(LOFT, 'U2', '', t('08:01:00')).displayName).toBe('U2');
  });

  it('finds members by name, case-insensitively beyond ASCII, ignoring a leading @ and members who left', () => {
    repos.members.touch(LOFT, 'U1', 'Émile', t('08:00:00'));
    repos.members.touch(LOFT, 'U2', 'émile', t('09:00:00'));
    repos.members.touch(LOFT, 'U3', 'Emile', t('09:30:00'));
    repos.members.touch(LOFT, 'U4', 'ÉMILE', t('10:00:00'));
    repos.members.markLeft(LOFT, 'U4', t('10:30:00'));
    expect(repos.members.findByName(LOFT, '@ÉMILE').map((m) => m.userId)).toEqual(['U2', 'U1']);
    expect(repos.members.findByName(LOFT, 'emile').map((m) => m.userId)).toEqual(['U3']);
    expect(repos.members.findByName(LOFT, 'nobody')).toEqual([]);
  });

  it('marks joins (clearing an earlier leave) and leaves', () => {
    repos.members.touch(LOFT, 'U1', 'Mia', t('08:00:00'));
    repos.members.markLeft(LOFT, 'U1', t('09:00:00'));
    expect(repos.members.get(LOFT, 'U1')?.leftAt).toEqual(t('09:00:00'));
    const back = repos.members.markJoined(LOFT, 'U1', 'Mia', t('10:00:00'));
    expect(back).toMatchObject({ joinedAt: t('10:00:00'), leftAt: undefined, firstSeenAt: t('08:00:00') });
    const fresh = repos.members.markJoined(LOFT, 'U2', 'Lucas', t('11:00:00'));
    expect(fresh).toMatchObject({ joinedAt: t('11:00:00'), firstSeenAt: t('11:00:00'), lastActiveAt: t('11:00:00') });
  });

  it('records DM reachability, the notice and a personal time zone', () => {
    repos.members.touch(LOFT, 'U1', 'Mia', t('08:00:00'));
    repos.members.setDmUnreachable(LOFT, 'U1', true);
    repos.members.markDmNoticeShown(LOFT, 'U1');
    repos.members.setTimezone(LOFT, 'U1', 'Europe/Paris');
    expect(repos.members.get(LOFT, 'U1')).toMatchObject({
      dmUnreachable: true,
      dmNoticeShown: true,
      timezone: 'Europe/Paris',
    });
    repos.members.setDmUnreachable(LOFT, 'U1', false);
    repos.members.setTimezone(LOFT, 'U1', undefined);
    expect(repos.members.get(LOFT, 'U1')).toMatchObject({ dmUnreachable: false, timezone: undefined });
  });

  it('lists active members most recent first, with paging', () => {
    repos.members.touch(LOFT, 'A', 'Ada', t('08:00:00'));
    repos.members.touch(LOFT, 'B', 'Ben', t('09:00:00'));
    repos.members.touch(LOFT, 'C', 'Cy', t('10:00:00'));
    repos.members.touch(LOFT, 'D', 'Di', t('11:00:00'));
    repos.members.markLeft(LOFT, 'D', t('11:30:00'));
    expect(repos.members.listActive(LOFT).map((m) => m.userId)).toEqual(['C', 'B', 'A']);
    expect(repos.members.listActive(LOFT, 1, 1).map((m) => m.userId)).toEqual(['B']);
  });

  it('deletes a member and reports how many rows went', () => {
    repos.members.touch(LOFT, 'U1', 'Mia', t('08:00:00'));
    expect(repos.members.delete(LOFT, 'U1')).toBe(1);
    expect(repos.members.delete(LOFT, 'U1')).toBe(0);
    expect(repos.members.get(LOFT, 'U1')).toBeUndefined();
  });

  it('keeps communities apart: the same user id is two members, and no method crosses over', () => {
    repos.members.touch(LOFT, 'U1', 'Mia', t('08:00:00'));
    expect(repos.members.get(OTHER, 'U1')).toBeUndefined();
    expect(repos.members.findByName(OTHER, 'Mia')).toEqual([]);
    expect(repos.members.listActive(OTHER)).toEqual([]);
    repos.members.markLeft(OTHER, 'U1', t('09:00:00'));
    repos.members.setDmUnreachable(OTHER, 'U1', true);
    repos.members.setTimezone(OTHER, 'U1', 'Asia/Tokyo');
    expect(repos.members.delete(OTHER, 'U1')).toBe(0);
    expect(repos.members.get(LOFT, 'U1')).toMatchObject({
      leftAt: undefined,
      dmUnreachable: false,
      timezone: undefined,
    });
    repos.members.touch(OTHER, 'U1', 'Someone else', t('09:00:00'));
    expect(repos.members.get(LOFT, 'U1')?.displayName).toBe('Mia');
  });
});
