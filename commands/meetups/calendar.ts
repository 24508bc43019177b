/**
 * Calendar files (.ics) for a meetup or its series. A series is written as one event per occurrence, in UTC,
 * rather than as an RRULE: an RRULE over UTC times would drift an hour at each daylight-saving change in the
 * member's calendar, while our occurrences keep the local wall time (see recurrence.ts).
 */
import { createEvents, type EventAttributes } from 'ics';
import type { CalendarEvent } from '#core/calendar.ts';
import { UserError } from '#core/errors.ts';
import type { MeetupRecord } from './store.ts';
import type { ReplyFile } from '#core/reply.ts';
import type { MeetupEnv } from './format.ts';
import { occurrencesFrom } from './recurrence.ts';

/** How many occurrences a series file holds. */
export const SERIES_EVENTS = 12;

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

/** The occurrences of a series from now: those already created, then computed ones up to SERIES_EVENTS. */
async function seriesEvents(env: MeetupEnv, meetup: MeetupRecord): Promise<IcsEvent[]> {
  const series = await env.store.getSeries(env.community.id, meetup.seriesId!);
  if (!series) return [event(env, meetup)];
  const created = await env.store.listSeries(env.community.id, series.id, env.now);
  const events = created.map((m) => event(env, m));
  const latest = created.at(-1) ?? meetup;
  if (!series.active) return events;
  const duration = latest.endsAt.getTime() - latest.startsAt.getTime();
  const from = new Date((latest.slotAt ?? latest.startsAt).getTime() + 1);
  const more = occurrencesFrom(
    series.repeat,
    series.firstStartsAt,
    series.timezone,
    from,
    SERIES_EVENTS - events.length,
  );
  for (const startsAt of more) {
    const endsAt = new Date(startsAt.getTime() + duration);
    events.push(event(env, { ...latest, status: 'scheduled', startsAt, endsAt, slotAt: startsAt }));
  }
  return events;
}

/** The .ics attachment for one meetup, or for the rest of its series. */
export async function calendarFile(env: MeetupEnv, meetup: MeetupRecord, wholeSeries: boolean): Promise<ReplyFile> {
  if (wholeSeries && !meetup.seriesId) throw new UserError('conflict', `Meetup #${meetup.id} does not repeat.`);
  const events = wholeSeries ? await seriesEvents(env, meetup) : [event(env, meetup)];
  const { error, value } = createEvents(events, {
    productId: 'hallway',
    calName: 'Hallway meetups',
  });
  if (error || !value) throw error ?? new Error('ics produced nothing');
  const name = wholeSeries ? `meetup-${meetup.id}-series.ics` : `meetup-${meetup.id}.ics`;
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
