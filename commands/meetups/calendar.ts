/**
 * Calendar files (.ics) for one meetup and for the feed, in UTC, written by the `ics` package. A series is one event
 * with a repeat rule in the community's zone (series-ics.ts).
 */
import { createEvents, type EventAttributes } from 'ics';
import type { CalendarEvent } from '#core/calendar.ts';
import { UserError } from '#core/errors.ts';
import type { MeetupRecord } from './store.ts';
import type { ReplyFile } from '#core/reply.ts';
import type { MeetupEnv } from './format.ts';
import { seriesCalendar } from './series-ics.ts';

type IcsEvent = EventAttributes & { timestamp: number };

/** Stable per date of a series (its slot), so re-importing a series file updates events instead of doubling them. */
function uidOf(m: Pick<MeetupRecord, 'id' | 'seriesId' | 'slotAt' | 'community'>): string {
  const local = m.seriesId && m.slotAt ? `series-${m.seriesId}-${m.slotAt.getTime()}` : `meetup-${m.id}`;
  return `${local}.${m.community.replace(':', '-')}@hallway`;
}

function event(env: Pick<MeetupEnv, 'now'>, m: MeetupRecord): IcsEvent {
  return {
    uid: uidOf(m),
    title: m.title,
    start: m.startsAt.getTime(),
    startInputType: 'utc',
    startOutputType: 'utc',
    end: m.endsAt.getTime(),
    endInputType: 'utc',
    endOutputType: 'utc',
    location: m.location,
    description: m.description,
    status: m.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED',
    // DTSTAMP from the injected clock, not the system's.
    timestamp: env.now.getTime(),
  };
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
  const { error, value } = createEvents([event(env, meetup)], {
    productId: 'hallway',
    calName: 'Hallway meetups',
  });
  if (error || !value) throw error ?? new Error('ics produced nothing');
  const name = `meetup-${meetup.id}.ics`;
  return { name, content: value, mimeType: 'text/calendar' };
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
