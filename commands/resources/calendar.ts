/** A calendar file (.ics) for one booking, in UTC like the meetups' files, so every calendar shows it in its zone. */
import { createEvents, type EventAttributes } from 'ics';
import type { ReplyFile } from '#core/reply.ts';
import type { BookingRecord, ResourceRecord } from './store.ts';

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
