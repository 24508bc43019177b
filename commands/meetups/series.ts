/** Keeping recurring series going: once an occurrence has started, the next one is created and its card posted. */
import type { SeriesRecord } from './store.ts';
import { cardChannel, postCard } from './card.ts';
import type { MeetupEnv } from './format.ts';
import { nextOccurrence } from './recurrence.ts';

/** Creates the next occurrence of a series whose latest one has started; returns its id, if one was made. */
export async function extendSeries(env: MeetupEnv, series: SeriesRecord): Promise<number | undefined> {
  const repo = env.store;
  const latest = await repo.latestInSeries(env.community.id, series.id);
  if (!latest || latest.startsAt > env.now) return undefined;
  // After the latest's series date (an edit may have moved it earlier), skipping dates missed while the bot was down.
  const slot = latest.slotAt ?? latest.startsAt;
  const after = new Date(Math.max(slot.getTime(), env.now.getTime()));
  const startsAt = nextOccurrence(series.repeat, series.firstStartsAt, series.timezone, after);
  if (!startsAt) return undefined;
  const duration = latest.endsAt.getTime() - latest.startsAt.getTime();
  const meetup = await repo.create({
    community: env.community.id,
    seriesId: series.id,
    title: latest.title,
    startsAt,
    endsAt: new Date(startsAt.getTime() + duration),
    location: latest.location,
    capacity: latest.capacity,
    description: latest.description,
    hostUserId: latest.hostUserId,
    createdBy: latest.createdBy,
    now: env.now,
  });
  await postCard(env, meetup, latest.cardChannelId ?? cardChannel(env));
  return meetup.id;
}

/** Extends every active series of the community; returns the ids of the occurrences created. */
export async function extendAllSeries(env: MeetupEnv): Promise<number[]> {
  const created: number[] = [];
  for (const series of await env.store.listActiveSeries(env.community.id)) {
    const id = await extendSeries(env, series);
    if (id !== undefined) created.push(id);
  }
  return created;
}
