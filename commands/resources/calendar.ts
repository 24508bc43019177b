/**
 * Bookings in calendars: a file (.ics) for one booking, in UTC like the meetups' files, so every calendar shows it in
 * its zone; and the member's booked slots in their private calendar feed (the `calendarEvents` hook).
 */
import { createEvents, type EventAttributes } from 'ics';
import type { CalendarEvent } from '#core/calendar.ts';
import type { CalendarContext } from '#core/command.ts';
import type { ReplyFile } from '#core/reply.ts';
import type { BookingRecord, ResourceRecord, ResourcesStore } from './store.ts';

/** How far back a member's feed shows their bookings (the meetups' feed reaches as far). */
const FEED_PAST_MS = 30 * 86_400_000;

/** Stable per booking, so importing the file twice updates the event instead of doubling it. */
function uidOf(booking: BookingRecord): string {
  return `resource-booking-${booking.id}.${booking.community.replace(':', '-')}@hallway`;
}

export function bookingFile(resource: ResourceRecord, booking: BookingRecord, now: Date): ReplyFile {
  const event: EventAttributes & { timestamp: number } = {
    uid: uidOf(booking),
    title: resource.name,
    start: booking.startsAt.getTime(),
    startInputType: 'utc',
    startOutputType: 'utc',
    end: booking.endsAt.getTime(),
    endInputType: 'utc',
    endOutputType: 'utc',
    location: resource.location,
    description: `Booking #${booking.id} of ${resource.name}, made with Hallway.`,
    status: booking.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED',
    // DTSTAMP from the injected clock, not the system's.
    timestamp: now.getTime(),
  };
  const { error, value } = createEvents([event], { productId: 'hallway', calName: 'Hallway bookings' });
  if (error || !value) throw error ?? new Error('ics produced nothing');
  return { name: `booking-${booking.id}.ics`, content: value, mimeType: 'text/calendar' };
}

/**
 * The member's booked slots ended at most 30 days ago, read at each fetch of the feed: a cancelled booking is simply
 * gone (calendar apps drop an event that leaves a subscription), and so is one of a removed resource.
 */
export async function memberBookingEvents(
  ctx: CalendarContext<ResourcesStore>,
  userId: string,
): Promise<CalendarEvent[]> {
  const since = new Date(ctx.now.getTime() - FEED_PAST_MS);
  const bookings = await ctx.store.listMemberBookings(ctx.community.id, userId, since);
  const resources = new Map<number, ResourceRecord | undefined>();
  const events: CalendarEvent[] = [];
  for (const booking of bookings) {
    if (!resources.has(booking.resourceId)) {
      resources.set(booking.resourceId, await ctx.store.getResource(ctx.community.id, booking.resourceId));
    }
    const resource = resources.get(booking.resourceId);
    if (!resource) continue;
    events.push({
      uid: uidOf(booking),
      title: resource.name,
      startsAt: booking.startsAt,
      endsAt: booking.endsAt,
      location: resource.location,
      description: `Booking #${booking.id} of ${resource.name}, made with Hallway. To cancel it: /resource cancel ${booking.id}`,
    });
  }
  return events;
}
