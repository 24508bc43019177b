/** Cancelling a meetup (or the rest of its series): the card says so and everyone who answered yes/maybe is told. */
import type { Context } from '#core/command.ts';
import { UserError } from '#core/errors.ts';
import type { MeetupRecord } from './store.ts';
import type { Reply } from '#core/reply.ts';
import { refreshCard } from './card.ts';
import { label, when } from './format.ts';
import { assertCanManage } from './lookup.ts';

/** Cancels one occurrence; returns how many members were told. */
function cancelOne(ctx: Context, meetup: MeetupRecord): number {
  const { id: community, timezone } = ctx.community;
  ctx.repos.meetups.setStatus(community, meetup.id, 'cancelled');
  refreshCard(ctx, meetup.id);
  const people = ctx.repos.meetups
    .listRsvps(community, meetup.id)
    .filter((r) => r.status !== 'no' && r.userId !== ctx.actor.userId);
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

export function cancelMeetup(ctx: Context, meetup: MeetupRecord, wholeSeries: boolean): Reply {
  assertCanManage(ctx, meetup, 'cancel');
  if (wholeSeries && !meetup.seriesId) throw new UserError('conflict', `${label(meetup)} does not repeat.`);
  const targets = wholeSeries
    ? ctx.repos.meetups.listSeries(ctx.community.id, meetup.seriesId!, ctx.now).filter((m) => m.status === 'scheduled')
    : [meetup];
  if (!wholeSeries && meetup.status === 'cancelled') {
    throw new UserError('conflict', `${label(meetup)} is already cancelled.`);
  }
  if (!wholeSeries && meetup.startsAt <= ctx.now) {
    throw new UserError('conflict', `${label(meetup)} has already started.`);
  }
  if (wholeSeries) ctx.repos.meetups.endSeries(ctx.community.id, meetup.seriesId!);
  const told = targets.reduce((sum, m) => sum + cancelOne(ctx, m), 0);
  const what = wholeSeries ? `the series of ${label(meetup)} (${targets.length} upcoming)` : label(meetup);
  return { text: `Cancelled ${what}. ${told} member(s) who had answered were told.`, visibility: 'ephemeral' };
}
