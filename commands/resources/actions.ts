/**
 * The resources buttons: Book / Borrow / Details on cards, the nearest free slots, cancel and calendar on bookings,
 * Lend it / Not now / Got it back for keepers, I have one / Not me for asks. Values carry ids only; each handler
 * checks that the member pressing may act on that id.
 */
import { z } from 'zod';
import { type ActionDef, defineAction } from './kit.ts';
import { UserError } from '#core/errors.ts';
import { haveOne, notMe } from './ask-answers.ts';
import { bookSlot, cancelBooking } from './book.ts';
import { bookingFile } from './calendar.ts';
import { bookingForm } from './forms.ts';
import { assertMayUse } from './training.ts';
import { detailsReply } from './details.ts';
import { approveLoan, borrow, declineLoan, gotBack } from './loans.ts';
import { findBooking, findResource } from './lookup.ts';

const id = z
  .string()
  .regex(/^\d{1,9}$/)
  .transform(Number);

/** `12:29390400:120`: resource, start in epoch minutes, length in minutes. */
const slot = z
  .string()
  .regex(/^\d{1,9}:\d{1,9}:\d{1,5}$/)
  .transform((v) => v.split(':').map(Number) as [number, number, number]);

export const resourceActions: ActionDef[] = [
  defineAction({
    id: 'resource.open-booking',
    value: id,
    async run(resourceId, ctx) {
      const resource = await findResource(ctx, resourceId);
      if (!resource.bookable) throw new UserError('conflict', `${resource.name} is lent, not booked by the hour.`);
      await assertMayUse(ctx, resource, 'book');
      return { text: `Pick a time for ${resource.name}.`, form: bookingForm(resource) };
    },
  }),
  defineAction({
    id: 'resource.borrow',
    value: id,
    run: async (resourceId, ctx) => borrow(ctx, await findResource(ctx, resourceId)),
  }),
  defineAction({
    id: 'resource.details',
    value: id,
    run: async (resourceId, ctx) => detailsReply(ctx, await findResource(ctx, resourceId)),
  }),
  defineAction({
    id: 'resource.slot',
    value: slot,
    async run([resourceId, startMinutes, minutes], ctx) {
      const resource = await findResource(ctx, resourceId);
      return bookSlot(ctx, resource, new Date(startMinutes * 60_000), minutes);
    },
  }),
  defineAction({
    id: 'resource.cancel',
    value: id,
    run: async (bookingId, ctx) => cancelBooking(ctx, await findBooking(ctx, bookingId)),
  }),
  defineAction({
    id: 'resource.calendar',
    value: id,
    async run(bookingId, ctx) {
      const booking = await findBooking(ctx, bookingId);
      if (booking.userId !== ctx.actor.userId) throw new UserError('not_allowed', 'That booking is someone else’s.');
      // Offered for bookings still to come (`/resource mine`): one that is over has nothing left to add.
      if (booking.endsAt.getTime() <= ctx.now.getTime()) throw new UserError('conflict', 'That booking is over.');
      const resource = await findResource(ctx, booking.resourceId);
      const file = bookingFile(resource, booking, ctx.now, ctx.community.timezone);
      return { text: `Here is ${file.name}: open it to add the booking to your calendar.`, files: [file] };
    },
  }),
  defineAction({ id: 'resource.lend', value: id, run: (loanId, ctx) => approveLoan(ctx, loanId) }),
  defineAction({ id: 'resource.not-now', value: id, run: (loanId, ctx) => declineLoan(ctx, loanId) }),
  defineAction({ id: 'resource.got-back', value: id, run: (loanId, ctx) => gotBack(ctx, loanId) }),
  defineAction({ id: 'resource.have', value: id, run: (askId, ctx) => haveOne(ctx, askId) }),
  defineAction({ id: 'resource.not-me', value: id, run: (askId, ctx) => notMe(ctx, askId) }),
];
