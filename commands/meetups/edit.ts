/** Changing a meetup: the host or a manager edits; people who answered hear about a new time or place. */
import { plural } from '#core/text.ts';
import { DateTime } from 'luxon';
import type { Context } from './kit.ts';
import { inField, UserError } from '#core/errors.ts';
import type { MeetupFields, MeetupRecord } from './store.ts';
import type { Reply } from '#core/reply.ts';
import { refreshCard } from './card.ts';
import { checkLength, LIMITS, MEETUP_START, readLength } from './create.ts';
import { label, tally, when } from './format.ts';
import { assertCanManage } from './lookup.ts';
import { durationText, echoWhen, readWhen } from '../when/index.ts';
import { promoteWaitlist } from './rsvp.ts';

/** undefined: keep as is; null: remove. */
export interface EditChanges {
  readonly title?: string;
  readonly when?: string;
  readonly where?: string | null;
  /** null: no limit. */
  readonly capacity?: number | null;
  readonly description?: string | null;
  /** In words ("2h", "90m"); undefined or empty: keep the length. */
  readonly duration?: string;
}

/** The start as the edit form shows it, e.g. `2026-12-04 19:00`: submitted unchanged, it means "same time". */
export function whenText(meetup: MeetupRecord, zone: string): string {
  return DateTime.fromJSDate(meetup.startsAt, { zone }).toFormat('yyyy-MM-dd HH:mm');
}

function pick<T>(change: T | null | undefined, current: T | undefined): T | undefined {
  return change === undefined ? current : (change ?? undefined);
}

function newFields(ctx: Context, meetup: MeetupRecord, changes: EditChanges): MeetupFields {
  const zone = ctx.community.timezone;
  const moved = changes.when !== undefined && changes.when.trim() !== whenText(meetup, zone);
  const startsAt = moved ? readWhen(changes.when!, ctx.now, zone, MEETUP_START) : meetup.startsAt;
  const minutes =
    inField('duration', () => readLength(changes.duration)) ??
    (meetup.endsAt.getTime() - meetup.startsAt.getTime()) / 60_000;
  return {
    title: changes.title ?? meetup.title,
    startsAt,
    endsAt: new Date(startsAt.getTime() + minutes * 60_000),
    location: pick(changes.where, meetup.location),
    capacity: pick(changes.capacity, meetup.capacity),
    description: pick(changes.description, meetup.description),
    hostUserId: meetup.hostUserId,
  };
}

/** Tells everyone who answered going/maybe (seated or waiting), except the editor, that the plan changed. */
async function tellAttendees(ctx: Context, before: MeetupRecord, after: MeetupRecord): Promise<number> {
  const zone = ctx.community.timezone;
  const changes: string[] = [];
  if (after.startsAt.getTime() !== before.startsAt.getTime())
    changes.push(`it now starts ${when(after.startsAt, zone)}`);
  if (after.location !== before.location)
    changes.push(after.location ? `it now takes place at ${after.location}` : 'the place was removed');
  if (changes.length === 0) return 0;
  const people = (await ctx.store.listRsvps(ctx.community.id, after.id)).filter(
    (r) => r.status !== 'no' && r.userId !== ctx.actor.userId,
  );
  for (const r of people) {
    ctx.notify.dm(ctx.community.id, r.userId, {
      text: `Change of plan for ${label(after)}: ${changes.join(', and ')}.`,
    });
  }
  return people.length;
}

export async function editMeetup(ctx: Context, meetup: MeetupRecord, changes: EditChanges): Promise<Reply> {
  assertCanManage(ctx, meetup, 'edit');
  if (meetup.status === 'cancelled') throw new UserError('conflict', `${label(meetup)} was cancelled.`);
  if (meetup.endsAt <= ctx.now) throw new UserError('conflict', `${label(meetup)} is already over.`);
  checkLength(changes.title, LIMITS.title, 'title');
  checkLength(changes.where ?? undefined, LIMITS.where, 'place');
  checkLength(changes.description ?? undefined, LIMITS.description, 'description');
  const fields = newFields(ctx, meetup, changes);
  const updated = await ctx.store.update(ctx.community.id, meetup.id, fields);
  const promoted = await promoteWaitlist(ctx, updated);
  await refreshCard(ctx, updated.id);
  const told = await tellAttendees(ctx, meetup, updated);
  const zone = ctx.community.timezone;
  const lines: string[] = [];
  if (updated.startsAt.getTime() !== meetup.startsAt.getTime())
    lines.push(echoWhen(changes.when!, updated.startsAt, zone, MEETUP_START));
  const length = (m: MeetupRecord) => (m.endsAt.getTime() - m.startsAt.getTime()) / 60_000;
  if (length(updated) !== length(meetup)) lines.push(`It now lasts ${durationText(length(updated))}.`);
  if (promoted.length) {
    const who =
      promoted.length === 1
        ? '1 member from the waitlist got a seat and was'
        : `${promoted.length} members from the waitlist got a seat and were`;
    lines.push(`${who} told.`);
  }
  const seated = tally(await ctx.store.listRsvps(ctx.community.id, updated.id)).seated.length;
  if (updated.capacity !== undefined && seated > updated.capacity) {
    lines.push(`${seated} members already have a seat: nobody was moved to the waitlist.`);
  }
  if (told) lines.push(`${plural(told, 'member')} who answered ${told === 1 ? 'was' : 'were'} told about the change.`);
  return { text: `Saved ${label(updated)}.`, sections: lines.length ? [{ text: lines.join('\n') }] : undefined };
}
