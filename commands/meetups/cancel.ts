/** Cancelling a meetup (or the rest of its series): the card says so and everyone who answered yes/maybe is told. */
import { plural } from '#core/text.ts';
import type { Context } from './kit.ts';
import { UserError } from '#core/errors.ts';
import type { MeetupRecord } from './store.ts';
import type { Reply } from '#core/reply.ts';
import { refreshCard } from './card.ts';
import { label, when } from './format.ts';
import { assertCanManage } from './lookup.ts';

/** Cancels one occurrence; returns how many members were told. */
async function cancelOne(ctx: Context, meetup: MeetupRecord): Promise<number> {
  const { id: community, timezone } = ctx.community;
  await ctx.store.setStatus(community, meetup.id, 'cancelled');
  await refreshCard(ctx, meetup.id);
  const people = (await ctx.store.listRsvps(community, meetup.id)).filter(
    (r) => r.status !== 'no' && r.userId !== ctx.actor.userId,
  );
  for (const r of people) {
    ctx.notify.dm(
      community,
      r.userId,
      { text: `${label(meetup)} on ${when(meetup.startsAt, timezone)} is cancelled. Sorry — see you at the next one!` },
      { key: `meetup-cancelled:${meetup.id}:${r.userId}` },
    );
  }
  return people.length;
}

export async function cancelMeetup(ctx: Context, meetup: MeetupRecord, wholeSeries: boolean): Promise<Reply> {
  assertCanManage(ctx, meetup, 'cancel');
  if (wholeSeries && !meetup.seriesId) throw new UserError('conflict', `${label(meetup)} does not repeat.`);
  const targets = wholeSeries
    ? (await ctx.store.listSeries(ctx.community.id, meetup.seriesId!, ctx.now)).filter((m) => m.status === 'scheduled')
    : [meetup];
  if (!wholeSeries && meetup.status === 'cancelled') {
    throw new UserError('conflict', `${label(meetup)} is already cancelled.`);
  }
  if (!wholeSeries && meetup.startsAt <= ctx.now) {
    throw new UserError('conflict', `${label(meetup)} has already started.`);
  }
  if (wholeSeries) await ctx.store.endSeries(ctx.community.id, meetup.seriesId!);
  let told = 0;
  for (const m of targets) told += await cancelOne(ctx, m);
  const upcoming = targets.length ? ` (${plural(targets.length, 'upcoming date')})` : '';
  const what = wholeSeries ? `the series of ${label(meetup)}${upcoming}` : label(meetup);
  const outcome = told
    ? `${plural(told, 'member')} who had answered ${told === 1 ? 'was' : 'were'} told.`
    : 'Nobody had answered yet.';
  return { text: `Cancelled ${what}. ${outcome}`, visibility: 'ephemeral' };
}
