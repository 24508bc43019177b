/**
 * Bookings of the resources store. `book` is where "two bookings of one resource never overlap" is decided: it
 * reads the overlapping booked slots and inserts only if there are none, inside the caller's unit of work. Units are
 * serializable on both databases (SQLite runs one writer at a time; PostgreSQL runs SERIALIZABLE and retries a unit
 * that lost a conflict), so two racing units that would overlap cannot both commit: on PostgreSQL each read the range
 * the other wrote into, the loser is aborted and run again, and then sees the winner's slot. An exclusion constraint
 * would say the same in the schema, but it is PostgreSQL-only; the partial unique index on (resource, start) is the
 * portable part of it.
 */
import type { ResourcesStore } from '../../commands/resources/store.ts';
import { MAX_BOOKING_MS } from '../../commands/resources/store.ts';
import type { Db } from '../db/executor.ts';
import { toMs } from '../db/rows.ts';
import { BOOKING_COLUMNS, hasResource, toBooking } from './resources.rows.ts';

type BookingPart = Pick<
  ResourcesStore,
  | 'book'
  | 'getBooking'
  | 'cancelBooking'
  | 'listBookings'
  | 'busyResources'
  | 'listMemberBookings'
  | 'listBookingsToRemind'
  | 'markBookingReminded'
>;

export function resourceBookingPart(db: Db): BookingPart {
  const booked = (community: string) =>
    db
      .selectFrom('resource_bookings')
      .select(BOOKING_COLUMNS)
      .where('community', '=', community)
      .where('status', '=', 'booked');
  /**
   * Booked slots overlapping [from, until): they start before `until` and end after `from`. No slot is longer than
   * MAX_BOOKING_MS, so they also start after `from - MAX_BOOKING_MS`: a bounded range of the (community, resource,
   * status, starts_at) index instead of the resource's whole history.
   */
  const overlapping = (community: string, from: number, until: number) =>
    booked(community)
      .where('starts_at', '>', from - MAX_BOOKING_MS)
      .where('starts_at', '<', until)
      .where('ends_at', '>', from);
  return {
    async book(b) {
      const startsAt = toMs(b.startsAt);
      const endsAt = toMs(b.endsAt);
      if (!(await hasResource(db, b.community, b.resourceId))) return { clashes: [] };
      if (endsAt <= startsAt || endsAt - startsAt > MAX_BOOKING_MS) {
        throw new Error(`a booking must last between 1 ms and ${MAX_BOOKING_MS} ms`);
      }
      const clashes = await overlapping(b.community, startsAt, endsAt)
        .where('resource_id', '=', b.resourceId)
        .orderBy('starts_at')
        .execute();
      if (clashes.length > 0) return { clashes: clashes.map(toBooking) };
      const row = await db
        .insertInto('resource_bookings')
        .values({
          community: b.community,
          resource_id: b.resourceId,
          user_id: b.userId,
          starts_at: startsAt,
          ends_at: endsAt,
          created_at: toMs(b.now),
        })
        .returning(BOOKING_COLUMNS)
        .executeTakeFirstOrThrow();
      return { booking: toBooking(row), clashes: [] };
    },
    async getBooking(community, bookingId) {
      const row = await db
        .selectFrom('resource_bookings')
        .select(BOOKING_COLUMNS)
        .where('community', '=', community)
        .where('id', '=', bookingId)
        .executeTakeFirst();
      return row && toBooking(row);
    },
    async cancelBooking(community, bookingId) {
      const rows = await db
        .updateTable('resource_bookings')
        .set({ status: 'cancelled' })
        .where('community', '=', community)
        .where('id', '=', bookingId)
        .where('status', '=', 'booked')
        .returning('id')
        .execute();
      return rows.length > 0;
    },
    async listBookings(community, resourceId, from, until) {
      const rows = await overlapping(community, toMs(from), toMs(until))
        .where('resource_id', '=', resourceId)
        .orderBy('starts_at')
        .orderBy('id')
        .execute();
      return rows.map(toBooking);
    },
    async busyResources(community, from, until) {
      const rows = await overlapping(community, toMs(from), toMs(until)).execute();
      return [...new Set(rows.map((r) => r.resource_id))];
    },
    async listMemberBookings(community, userId, now) {
      const rows = await booked(community)
        .where('user_id', '=', userId)
        .where('ends_at', '>', toMs(now))
        .orderBy('starts_at')
        .orderBy('id')
        .execute();
      return rows.map(toBooking);
    },
    async listBookingsToRemind(community, from, until) {
      const rows = await booked(community)
        .where('starts_at', '>=', toMs(from))
        .where('starts_at', '<', toMs(until))
        .where('reminded_at', 'is', null)
        .orderBy('starts_at')
        .orderBy('id')
        .execute();
      return rows.map(toBooking);
    },
    async markBookingReminded(community, bookingId, now) {
      const rows = await db
        .updateTable('resource_bookings')
        .set({ reminded_at: toMs(now) })
        .where('community', '=', community)
        .where('id', '=', bookingId)
        .where('status', '=', 'booked')
        .where('reminded_at', 'is', null)
        .returning('id')
        .execute();
      return rows.length > 0;
    },
  };
}
