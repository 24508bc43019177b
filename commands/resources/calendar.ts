/**
 * Bookings in calendars: a file (.ics) for one booking, written by the core's calendar in the community's zone like
 * the meetups' files; and the member's booked slots in their private calendar feed (the `calendarEvents` hook).
 */
import { type CalendarEvent, calendarFile } from '#core/calendar.ts';
import type { CalendarContext } from '#core/command.ts';
import type { ReplyFile } from '#core/reply.ts';
import type { BookingRecord, ResourceRecord, ResourcesStore } from './store.ts';

/** How far back a member's feed shows their bookings (the meetups' feed reaches as far). */
const FEED_PAST_MS = 30 * 86_400_000;

/** Stable per booking, so importing the file twice updates the event instead of doubling it. */
function uidOf(booking: BookingRecord): string {
  return `resource-booking-${booking.id}.${booking.community.replace(':', '-')}@hallway`;
}

function bookingEvent(resource: ResourceRecord, booking: BookingRecord, description: string): CalendarEvent {
  return {
    uid: uidOf(booking),
    title: resource.name,
    startsAt: booking.startsAt,
    endsAt: booking.endsAt,
    location: resource.location,
    description,
    cancelled: booking.status === 'cancelled',
  };
}

/** The .ics of one booking, in the community's zone `timezone`; DTSTAMP from the injected clock. */
export function bookingFile(resource: ResourceRecord, booking: BookingRecord, now: Date, timezone: string): ReplyFile {
  const event = bookingEvent(resource, booking, `Booking #${booking.id} of ${resource.name}, made with Hallway.`);
  const content = calendarFile({ name: 'Hallway bookings', timezone, now, events: [event] });
  return { name: `booking-${booking.id}.ics`, content, mimeType: 'text/calendar' };
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
    const description = `Booking #${booking.id} of ${resource.name}, made with Hallway. To cancel it: /resource cancel ${booking.id}`;
    events.push(bookingEvent(resource, booking, description));
  }
  return events;
}
