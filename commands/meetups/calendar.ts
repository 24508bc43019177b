/**
 * Calendar files (.ics) for one meetup, and meetups as events of the calendar feeds, both written by the core's
 * calendar (src/core/calendar.ts) in the community's zone. A series is one event with a repeat rule (series-ics.ts);
 * one date of a series, downloaded alone, is that event's instance (the series' UID and a RECURRENCE-ID), so a
 * calendar that imported both shows the date once.
 */
import { type CalendarEvent, calendarFile as calendarText } from '#core/calendar.ts';
import { UserError } from '#core/errors.ts';
import type { ReplyFile } from '#core/reply.ts';
import type { MeetupEnv } from './format.ts';
import { seriesCalendar, seriesUid } from './series-ics.ts';
import type { MeetupRecord } from './store.ts';

/**
 * A feed's UID for a meetup: stable per date of a series (its slot). Feeds keep one UID per date rather than the
 * series' UID with a RECURRENCE-ID: a feed holds only the dates a member answered, never the series' rule, and a
 * subscription is a calendar of its own in every app, so it cannot merge with an imported file anyway; instances
 * without their series are where calendar apps disagree most.
 */
function uidOf(m: Pick<MeetupRecord, 'id' | 'seriesId' | 'slotAt' | 'community'>): string {
  const local = m.seriesId && m.slotAt ? `series-${m.seriesId}-${m.slotAt.getTime()}` : `meetup-${m.id}`;
  return `${local}.${m.community.replace(':', '-')}@hallway`;
}

/** A meetup as an event of a calendar feed; a cancelled one stays, marked, so calendar apps drop it. */
export function meetupEvent(m: MeetupRecord): CalendarEvent {
  return {
    uid: uidOf(m),
    title: m.title,
    startsAt: m.startsAt,
    endsAt: m.endsAt,
    location: m.location,
    description: m.description,
    cancelled: m.status === 'cancelled',
  };
}

/** One meetup's file: a date of a series as the series' instance, in the series' zone, like the series file. */
async function meetupFile(env: MeetupEnv, meetup: MeetupRecord): Promise<string> {
  const series = meetup.seriesId ? await env.store.getSeries(env.community.id, meetup.seriesId) : undefined;
  const event = meetupEvent(meetup);
  const instance = series && meetup.slotAt ? { uid: seriesUid(series), recurrenceId: meetup.slotAt } : {};
  return calendarText({
    name: 'Hallway meetups',
    timezone: series?.timezone ?? env.community.timezone,
    now: env.now,
    events: [{ ...event, ...instance }],
  });
}

/** The .ics attachment for one meetup, or for the rest of its series. */
export async function calendarFile(env: MeetupEnv, meetup: MeetupRecord, wholeSeries: boolean): Promise<ReplyFile> {
  if (wholeSeries && !meetup.seriesId) throw new UserError('conflict', `Meetup #${meetup.id} does not repeat.`);
  if (wholeSeries) {
    const series = await env.store.getSeries(env.community.id, meetup.seriesId!);
    // Every date created so far, past ones too: the rule starts at the first, and cancelled dates become EXDATEs.
    const created = series ? await env.store.listSeries(env.community.id, series.id, new Date(0)) : [];
    if (series && created.length > 0) {
      const name = `meetup-${meetup.id}-series.ics`;
      return { name, content: seriesCalendar(env, series, created), mimeType: 'text/calendar' };
    }
  }
  return { name: `meetup-${meetup.id}.ics`, content: await meetupFile(env, meetup), mimeType: 'text/calendar' };
}
