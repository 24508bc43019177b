/**
 * Booking a slot, from the command, the form and the "nearest free slot" buttons: one use case, three entry points.
 * The checks a member can act on come first (bookable, trained, the community's limits); the store then decides
 * the overlap inside the unit of work. A clash changes nothing and offers the nearest free slots as buttons.
 */
import type { Context } from './kit.ts';
import { UserError } from '#core/errors.ts';
import type { Button, Reply } from '#core/reply.ts';
import { fmt, plural } from '#core/text.ts';
import { formatInZone } from '#core/time.ts';
import { bookingFile } from './calendar.ts';
import { label, type ResourceEnv, slotLabel, slotText } from './format.ts';
import { durationText } from '../when/index.ts';
import { resourceSettings } from './settings.ts';
import { earliestStart, nearestFreeSlots, SEARCH_RADIUS_MS } from './slots.ts';
import type { BookingRecord, ResourceRecord } from './store.ts';
import { assertMayUse } from './training.ts';
import { echo, readLength, readStart } from './when.ts';

const DAY = 86_400_000;
/** Alternatives offered on a clash. */
const ALTERNATIVES = 3;
/** When `for:` is left out. */
export const DEFAULT_MINUTES = 60;

/** `12:29390400:120`: resource, start in epoch minutes, length in minutes (the nearest-slot buttons' value). */
export function slotValue(resourceId: number, startsAt: Date, minutes: number): string {
  return `${resourceId}:${Math.floor(startsAt.getTime() / 60_000)}:${minutes}`;
}

export function assertBookable(resource: ResourceRecord): void {
  if (resource.bookable) return;
  throw new UserError(
    'conflict',
    `${resource.name} is lent, not booked by the hour: borrow it with \`/resource borrow ${resource.name}\`.`,
  );
}

/** The community's limits: length, how far ahead, and how many upcoming bookings one member holds. */
async function checkLimits(ctx: Context, startsAt: Date, minutes: number): Promise<void> {
  const s = resourceSettings(ctx.community);
  const zone = ctx.community.timezone;
  if (minutes > s['booking-max-hours'] * 60) {
    throw new UserError(
      'invalid_input',
      `Bookings here last at most ${durationText(s['booking-max-hours'] * 60)}, not ${durationText(minutes)}.`,
    );
  }
  if (startsAt.getTime() - ctx.now.getTime() > s['booking-max-days-ahead'] * DAY) {
    throw new UserError(
      'invalid_input',
      `${formatInZone(startsAt, zone)} is more than ${s['booking-max-days-ahead']} days ahead, the most this community books. Pick a nearer date.`,
    );
  }
  const mine = await ctx.store.listMemberBookings(ctx.community.id, ctx.actor.userId, ctx.now);
  if (mine.length >= s['booking-max-per-member']) {
    throw new UserError(
      'too_many',
      `You already hold ${plural(mine.length, 'upcoming booking')}, the most one member may here. Cancel one first (\`/resource mine\`).`,
    );
  }
}

/** Books `resource` from `when` and `duration` as typed (or a picker's `at:` instant). */
export async function bookFromWords(
  ctx: Context,
  resource: ResourceRecord,
  when: string,
  duration: string | undefined,
): Promise<Reply> {
  assertBookable(resource);
  await assertMayUse(ctx, resource, 'book');
  const startsAt = readStart(when, ctx.now, ctx.community.timezone);
  const minutes = duration === undefined || duration.trim() === '' ? DEFAULT_MINUTES : readLength(duration);
  return bookSlot(ctx, resource, startsAt, minutes, echo(when, startsAt, ctx.community.timezone));
}

/** Books an exact slot (a nearest-slot button, or words already read). */
export async function bookSlot(
  ctx: Context,
  resource: ResourceRecord,
  startsAt: Date,
  minutes: number,
  echoed?: string,
): Promise<Reply> {
  assertBookable(resource);
  await assertMayUse(ctx, resource, 'book');
  if (startsAt.getTime() <= ctx.now.getTime()) {
    throw new UserError('conflict', 'That slot has already started. Pick a time still to come.');
  }
  await checkLimits(ctx, startsAt, minutes);
  const endsAt = new Date(startsAt.getTime() + minutes * 60_000);
  const input = { community: ctx.community.id, resourceId: resource.id, userId: ctx.actor.userId, startsAt, endsAt };
  const outcome = await ctx.store.book({ ...input, now: ctx.now });
  if (outcome.booking) return booked(ctx, resource, outcome.booking, echoed);
  if (outcome.clashes.length === 0) throw new UserError('not_found', `${resource.name} is no longer in the library.`);
  return clash(ctx, resource, { startsAt, endsAt }, outcome.clashes);
}

function booked(ctx: Context, resource: ResourceRecord, booking: BookingRecord, echoed?: string): Reply {
  const zone = ctx.community.timezone;
  const where = resource.location ? ` (${resource.location})` : '';
  return {
    text: `Booked ${label(resource)}${where} for ${slotText(booking.startsAt, booking.endsAt, zone)}.`,
    sections: echoed ? [{ text: echoed }] : undefined,
    context: `Booking #${booking.id} · the calendar file is attached · cancel with /resource cancel ${booking.id}`,
    files: [bookingFile(resource, booking, ctx.now, zone)],
  };
}

/** The refusal of an overlapping slot, with the nearest free ones as buttons (a double click is told so). */
async function clash(
  ctx: Context,
  resource: ResourceRecord,
  wanted: { startsAt: Date; endsAt: Date },
  clashes: readonly BookingRecord[],
): Promise<Reply> {
  const zone = ctx.community.timezone;
  const same = clashes.find(
    (b) =>
      b.userId === ctx.actor.userId &&
      b.startsAt.getTime() === wanted.startsAt.getTime() &&
      b.endsAt.getTime() === wanted.endsAt.getTime(),
  );
  if (same) {
    return {
      text: `You already booked ${label(resource)} for ${slotText(same.startsAt, same.endsAt, zone)} (#${same.id}).`,
    };
  }
  const slots = await freeSlotsNear(ctx, resource, wanted);
  const minutes = (wanted.endsAt.getTime() - wanted.startsAt.getTime()) / 60_000;
  const buttons: Button[] = slots.map((s) => ({
    label: slotLabel(s.startsAt, s.endsAt, zone),
    action: 'resource.slot',
    value: slotValue(resource.id, s.startsAt, minutes),
  }));
  const taken = clashes[0]!;
  const by = taken.userId === ctx.actor.userId ? 'you' : fmt.user(taken.userId);
  return {
    text: `${label(resource)} is already booked then: ${slotText(taken.startsAt, taken.endsAt, zone)} by ${by}. Nothing was booked.`,
    sections: [
      {
        text: buttons.length
          ? `The nearest free slots of ${durationText(minutes)}:`
          : 'I found no free slot that long within a day of it: try another day.',
      },
    ],
    buttons,
    mentions: [],
  };
}

async function freeSlotsNear(ctx: Context, resource: ResourceRecord, wanted: { startsAt: Date; endsAt: Date }) {
  const length = wanted.endsAt.getTime() - wanted.startsAt.getTime();
  const reach = SEARCH_RADIUS_MS + length;
  const busy = await ctx.store.listBookings(
    ctx.community.id,
    resource.id,
    new Date(wanted.startsAt.getTime() - reach),
    new Date(wanted.endsAt.getTime() + reach),
  );
  const ahead = resourceSettings(ctx.community)['booking-max-days-ahead'] * DAY;
  return nearestFreeSlots({
    wanted,
    busy,
    earliest: earliestStart(ctx.now),
    latest: new Date(ctx.now.getTime() + ahead),
    count: ALTERNATIVES,
  });
}

/** Cancels a booking: the member who made it, or a manager (who tells the member). */
export async function cancelBooking(ctx: ResourceEnv & Pick<Context, 'actor'>, booking: BookingRecord): Promise<Reply> {
  const mine = booking.userId === ctx.actor.userId;
  if (!mine && !ctx.actor.isAdmin) {
    throw new UserError(
      'not_allowed',
      `Booking #${booking.id} is someone else's: only they or a manager can cancel it.`,
    );
  }
  if (booking.status === 'booked' && booking.endsAt <= ctx.now) {
    throw new UserError('conflict', `Booking #${booking.id} is already over.`);
  }
  const resource = await ctx.store.getResource(ctx.community.id, booking.resourceId);
  const name = resource ? label(resource) : 'the resource';
  const slot = slotText(booking.startsAt, booking.endsAt, ctx.community.timezone);
  if (booking.status === 'cancelled' || !(await ctx.store.cancelBooking(ctx.community.id, booking.id))) {
    return { text: `Booking #${booking.id} (${name}, ${slot}) was already cancelled.` };
  }
  if (!mine) {
    ctx.notify.dm(ctx.community.id, booking.userId, {
      text: `A community manager cancelled your booking #${booking.id} of ${name} for ${slot}.`,
    });
  }
  return { text: `Cancelled booking #${booking.id}: ${name}, ${slot}.` };
}
