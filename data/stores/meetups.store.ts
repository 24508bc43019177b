/**
 * The meetups feature's store on Kysely (SQLite and PostgreSQL): series and meetups here; RSVPs, reminders and
 * ratings in `meetups-rsvps.store.ts`; stats and the digest's reads in `meetups-community.store.ts`; forget and
 * export in `meetups-rights.store.ts`; calendar feeds in `meetups-feeds.store.ts`.
 */
import { sql } from 'kysely';
import type { Tx } from '#core/ports/storage.ts';
import type { MeetupsStore } from '../../commands/meetups/store.ts';
import { type Db, dbOf } from '../db/executor.ts';
import { toMs } from '../db/rows.ts';
import { meetupsCommunityPart } from './meetups-community.store.ts';
import { meetupsFeedsPart } from './meetups-feeds.store.ts';
import { meetupsHostsPart } from './meetups-hosts.store.ts';
import { meetupsRightsPart } from './meetups-rights.store.ts';
import { meetupsRsvpPart } from './meetups-rsvps.store.ts';
import { fieldValues, MEETUP_COLUMNS, SERIES_COLUMNS, toMeetup, toSeries } from './meetups.rows.ts';

type SeriesPart = Pick<MeetupsStore, 'createSeries' | 'getSeries' | 'listActiveSeries' | 'endSeries'>;

function seriesPart(db: Db): SeriesPart {
  return {
    async createSeries(s) {
      const row = await db
        .insertInto('meetup_series')
        .values({
          community: s.community,
          repeat: s.repeat,
          timezone: s.timezone,
          first_starts_at: toMs(s.firstStartsAt),
          created_by: s.createdBy ?? null,
          created_at: toMs(s.createdAt),
        })
        .returning(SERIES_COLUMNS)
        .executeTakeFirstOrThrow();
      return toSeries(row);
    },
    async getSeries(community, id) {
      const row = await db
        .selectFrom('meetup_series')
        .select(SERIES_COLUMNS)
        .where('community', '=', community)
        .where('id', '=', id)
        .executeTakeFirst();
      return row && toSeries(row);
    },
    async listActiveSeries(community) {
      const rows = await db
        .selectFrom('meetup_series')
        .select(SERIES_COLUMNS)
        .where('community', '=', community)
        .where('active', '=', 1)
        .orderBy('id')
        .execute();
      return rows.map(toSeries);
    },
    async endSeries(community, id) {
      await db
        .updateTable('meetup_series')
        .set({ active: 0 })
        .where('community', '=', community)
        .where('id', '=', id)
        .execute();
    },
  };
}

type MeetupPart = Pick<
  MeetupsStore,
  | 'create'
  | 'get'
  | 'update'
  | 'setStatus'
  | 'setCardChannel'
  | 'bumpCardVersion'
  | 'listUpcoming'
  | 'listStartingBetween'
  | 'listEndedBetween'
  | 'listSeries'
  | 'latestInSeries'
>;

function meetupPart(db: Db): MeetupPart {
  /** The community's meetups; every read goes through it, so no method can see another community's rows. */
  const inCommunity = (community: string) =>
    db.selectFrom('meetups').select(MEETUP_COLUMNS).where('community', '=', community);
  /** Scheduled meetups, read through the (community, status, starts_at | ends_at) indexes. */
  const scheduled = (community: string) => inCommunity(community).where('status', '=', 'scheduled');
  return {
    async create(m) {
      const row = await db
        .insertInto('meetups')
        .values({
          ...fieldValues(m),
          community: m.community,
          series_id: m.seriesId ?? null,
          // An occurrence remembers the series date it stands for, whatever later edits do to its start.
          slot_at: m.seriesId === undefined ? null : toMs(m.startsAt),
          created_by: m.createdBy ?? null,
          created_at: toMs(m.now),
        })
        .returning(MEETUP_COLUMNS)
        .executeTakeFirstOrThrow();
      return toMeetup(row);
    },
    async get(community, id) {
      const row = await inCommunity(community).where('id', '=', id).executeTakeFirst();
      return row && toMeetup(row);
    },
    async update(community, id, fields) {
      const values = fieldValues(fields);
      const row = await db
        .updateTable('meetups')
        .set({
          ...values,
          // SET expressions read the row as it was, so this compares with the old start.
          schedule_revision: sql<number>`schedule_revision + CASE WHEN starts_at = ${values.starts_at} THEN 0 ELSE 1 END`,
        })
        .where('community', '=', community)
        .where('id', '=', id)
        .returning(MEETUP_COLUMNS)
        .executeTakeFirst();
      if (!row) throw new Error(`no meetup ${id} in ${community}`);
      return toMeetup(row);
    },
    async setStatus(community, id, status) {
      await db.updateTable('meetups').set({ status }).where('community', '=', community).where('id', '=', id).execute();
    },
    async setCardChannel(community, id, channelId) {
      await db
        .updateTable('meetups')
        .set({ card_channel_id: channelId })
        .where('community', '=', community)
        .where('id', '=', id)
        .execute();
    },
    async bumpCardVersion(community, id) {
      const row = await db
        .updateTable('meetups')
        .set((eb) => ({ card_version: eb('card_version', '+', 1) }))
        .where('community', '=', community)
        .where('id', '=', id)
        .returning('card_version')
        .executeTakeFirst();
      return row?.card_version ?? 0;
    },
    async listUpcoming(community, now, limit) {
      const rows = await scheduled(community)
        .where('ends_at', '>', toMs(now))
        .orderBy('starts_at')
        .orderBy('id')
        .limit(limit)
        .execute();
      return rows.map(toMeetup);
    },
    async listStartingBetween(community, from, to) {
      const rows = await scheduled(community)
        .where('starts_at', '>=', toMs(from))
        .where('starts_at', '<', toMs(to))
        .orderBy('starts_at')
        .orderBy('id')
        .execute();
      return rows.map(toMeetup);
    },
    async listEndedBetween(community, from, to) {
      const rows = await scheduled(community)
        .where('ends_at', '>=', toMs(from))
        .where('ends_at', '<', toMs(to))
        .orderBy('ends_at')
        .orderBy('id')
        .execute();
      return rows.map(toMeetup);
    },
    async listSeries(community, seriesId, from) {
      const rows = await inCommunity(community)
        .where('series_id', '=', seriesId)
        .where('starts_at', '>=', toMs(from))
        .orderBy('starts_at')
        .orderBy('id')
        .execute();
      return rows.map(toMeetup);
    },
    async latestInSeries(community, seriesId) {
      const row = await inCommunity(community)
        .where('series_id', '=', seriesId)
        .orderBy(sql`coalesce(slot_at, starts_at)`, 'desc')
        .orderBy('id', 'desc')
        .limit(1)
        .executeTakeFirst();
      return row && toMeetup(row);
    },
  };
}

export function meetupsStore(tx: Tx): MeetupsStore {
  const db = dbOf(tx);
  return {
    ...seriesPart(db),
    ...meetupPart(db),
    ...meetupsRsvpPart(db),
    ...meetupsCommunityPart(db),
    ...meetupsRightsPart(db),
    ...meetupsFeedsPart(db),
    ...meetupsHostsPart(db),
  };
}
