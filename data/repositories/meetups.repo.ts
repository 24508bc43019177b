/** SQLite implementation of MeetupsStore: meetups and series here, the rest in `meetups-*.repo.ts`. */
import { createMeetupStatsPart } from './feature-stats.part.ts';
import type { Database } from 'better-sqlite3';
import type { MeetupFields, MeetupsStore } from '../../commands/meetups/store.ts';
import { createMeetupsCommunityPart } from './meetups-community.repo.ts';
import { createMeetupsRsvpPart } from './meetups-rsvps.repo.ts';
import { MEETUP_COLUMNS, type MeetupRow, type SeriesRow, toMeetup, toSeries } from './meetups.rows.ts';
import { toMs } from './rows.ts';

type SeriesPart = Pick<MeetupsStore, 'createSeries' | 'getSeries' | 'listActiveSeries' | 'endSeries'>;

function createSeriesPart(db: Database): SeriesPart {
  const SERIES = 'id, community, repeat, timezone, first_starts_at, active, created_by, created_at';
  const insert = db.prepare<[string, string, string, number, string | null, number], SeriesRow>(
    `INSERT INTO meetup_series (community, repeat, timezone, first_starts_at, created_by, created_at)
     VALUES (?, ?, ?, ?, ?, ?) RETURNING ${SERIES}`,
  );
  const get = db.prepare<[string, number], SeriesRow>(
    `SELECT ${SERIES} FROM meetup_series WHERE community = ? AND id = ?`,
  );
  const active = db.prepare<[string], SeriesRow>(
    `SELECT ${SERIES} FROM meetup_series WHERE community = ? AND active = 1 ORDER BY id`,
  );
  const end = db.prepare<[string, number]>('UPDATE meetup_series SET active = 0 WHERE community = ? AND id = ?');
  return {
    createSeries: (s) =>
      toSeries(
        insert.get(s.community, s.repeat, s.timezone, toMs(s.firstStartsAt), s.createdBy ?? null, toMs(s.createdAt))!,
      ),
    getSeries(community, id) {
      const row = get.get(community, id);
      return row && toSeries(row);
    },
    listActiveSeries: (community) => active.all(community).map(toSeries),
    endSeries: (community, id) => void end.run(community, id),
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

function fieldParams(f: MeetupFields) {
  return {
    title: f.title,
    startsAt: toMs(f.startsAt),
    endsAt: toMs(f.endsAt),
    location: f.location ?? null,
    capacity: f.capacity ?? null,
    description: f.description ?? null,
    host: f.hostUserId ?? null,
  };
}

function createMeetupPart(db: Database): MeetupPart {
  const FROM = `SELECT ${MEETUP_COLUMNS} FROM meetups WHERE community = ?`;
  const insert = db.prepare<Record<string, unknown>, MeetupRow>(
    `INSERT INTO meetups (community, series_id, slot_at, title, starts_at, ends_at, location, capacity, description,
       host_user_id, created_by, created_at)
     VALUES (@community, @seriesId, iif(@seriesId IS NULL, NULL, @startsAt), @title, @startsAt, @endsAt, @location, @capacity, @description, @host,
       @createdBy, @now)
     RETURNING ${MEETUP_COLUMNS}`,
  );
  const update = db.prepare<Record<string, unknown>, MeetupRow>(
    `UPDATE meetups SET title = @title, ends_at = @endsAt, location = @location, capacity = @capacity,
       description = @description, host_user_id = @host,
       schedule_revision = schedule_revision + iif(starts_at = @startsAt, 0, 1), starts_at = @startsAt
     WHERE community = @community AND id = @id RETURNING ${MEETUP_COLUMNS}`,
  );
  const get = db.prepare<[string, number], MeetupRow>(`${FROM} AND id = ?`);
  const status = db.prepare<[string, string, number]>('UPDATE meetups SET status = ? WHERE community = ? AND id = ?');
  const card = db.prepare<[string, string, number]>(
    'UPDATE meetups SET card_channel_id = ? WHERE community = ? AND id = ?',
  );
  const bump = db.prepare<[string, number], { card_version: number }>(
    'UPDATE meetups SET card_version = card_version + 1 WHERE community = ? AND id = ? RETURNING card_version',
  );
  const upcoming = db.prepare<[string, number, number], MeetupRow>(
    `${FROM} AND status = 'scheduled' AND ends_at > ? ORDER BY starts_at, id LIMIT ?`,
  );
  const starting = db.prepare<[string, number, number], MeetupRow>(
    `${FROM} AND status = 'scheduled' AND starts_at >= ? AND starts_at < ? ORDER BY starts_at, id`,
  );
  const ended = db.prepare<[string, number, number], MeetupRow>(
    `${FROM} AND status = 'scheduled' AND ends_at >= ? AND ends_at < ? ORDER BY ends_at, id`,
  );
  const series = db.prepare<[string, number, number], MeetupRow>(
    `${FROM} AND series_id = ? AND starts_at >= ? ORDER BY starts_at, id`,
  );
  const latest = db.prepare<[string, number], MeetupRow>(
    `${FROM} AND series_id = ? ORDER BY coalesce(slot_at, starts_at) DESC, id DESC LIMIT 1`,
  );
  return {
    create: (m) =>
      toMeetup(
        insert.get({
          ...fieldParams(m),
          community: m.community,
          seriesId: m.seriesId ?? null,
          createdBy: m.createdBy ?? null,
          now: toMs(m.now),
        })!,
      ),
    get(community, id) {
      const row = get.get(community, id);
      return row && toMeetup(row);
    },
    update(community, id, fields) {
      const row = update.get({ ...fieldParams(fields), community, id });
      if (!row) throw new Error(`no meetup ${id} in ${community}`);
      return toMeetup(row);
    },
    setStatus: (community, id, value) => void status.run(value, community, id),
    setCardChannel: (community, id, channelId) => void card.run(channelId, community, id),
    bumpCardVersion: (community, id) => bump.get(community, id)?.card_version ?? 0,
    listUpcoming: (community, now, limit) => upcoming.all(community, toMs(now), limit).map(toMeetup),
    listStartingBetween: (community, from, to) => starting.all(community, toMs(from), toMs(to)).map(toMeetup),
    listEndedBetween: (community, from, to) => ended.all(community, toMs(from), toMs(to)).map(toMeetup),
    listSeries: (community, seriesId, from) => series.all(community, seriesId, toMs(from)).map(toMeetup),
    latestInSeries(community, seriesId) {
      const row = latest.get(community, seriesId);
      return row && toMeetup(row);
    },
  };
}

/** Builds the meetups repository. Statements that read other features' tables are prepared on first use. */
export function createMeetupsRepo(db: Database): MeetupsStore {
  return {
    ...createSeriesPart(db),
    ...createMeetupPart(db),
    ...createMeetupsRsvpPart(db),
    ...createMeetupsCommunityPart(db),
    ...createMeetupStatsPart(db),
  };
}
