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

/** What a series cancel did, counted honestly: dates cancelled now, and dates that already were. */
function seriesOutcome(meetup: MeetupRecord, cancelled: number, already: number): string {
  const parts = [`Cancelled the series of ${label(meetup)}: no new dates will be planned.`];
  if (cancelled > 0) {
    parts.push(`${plural(cancelled, 'upcoming date')} ${cancelled === 1 ? 'is' : 'are'} cancelled.`);
  }
  if (already > 0) {
    parts.push(
      cancelled === 0
        ? `Its ${already === 1 ? 'only upcoming date was' : `${already} upcoming dates were`} already cancelled.`
        : `${plural(already, 'other date')} ${already === 1 ? 'was' : 'were'} already cancelled.`,
    );
  }
  if (cancelled === 0 && already === 0) parts.push('No date was planned ahead.');
  return parts.join(' ');
}

export async function cancelMeetup(ctx: Context, meetup: MeetupRecord, wholeSeries: boolean): Promise<Reply> {
  assertCanManage(ctx, meetup, 'cancel');
  if (wholeSeries) return cancelSeries(ctx, meetup);
  if (meetup.status === 'cancelled') throw new UserError('conflict', `${label(meetup)} is already cancelled.`);
  if (meetup.startsAt <= ctx.now) throw new UserError('conflict', `${label(meetup)} has already started.`);
  const told = await cancelOne(ctx, meetup);
  return { text: `Cancelled ${label(meetup)}. ${toldText(told)}`, visibility: 'ephemeral' };
}

async function cancelSeries(ctx: Context, meetup: MeetupRecord): Promise<Reply> {
  const { id: community } = ctx.community;
  if (!meetup.seriesId) throw new UserError('conflict', `${label(meetup)} does not repeat.`);
  const series = await ctx.store.getSeries(community, meetup.seriesId);
  if (!series?.active) throw new UserError('conflict', `The series of ${label(meetup)} was already cancelled.`);
  const upcoming = await ctx.store.listSeries(community, meetup.seriesId, ctx.now);
  const targets = upcoming.filter((m) => m.status === 'scheduled');
  await ctx.store.endSeries(community, meetup.seriesId);
  let told = 0;
  for (const m of targets) told += await cancelOne(ctx, m);
  const outcome = seriesOutcome(meetup, targets.length, upcoming.length - targets.length);
  return { text: targets.length ? `${outcome} ${toldText(told)}` : outcome, visibility: 'ephemeral' };
}

function toldText(told: number): string {
  return told
    ? `${plural(told, 'member')} who had answered ${told === 1 ? 'was' : 'were'} told.`
    : 'Nobody had answered yet.';
}
