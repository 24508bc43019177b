/** `resource-reminders`, every five minutes: booking and loan reminders, and asks nobody answered. */
import { slotPeriod } from '#core/schedule.ts';
import { offerStaleAsks } from './ask-answers.ts';
import { defineJob } from './kit.ts';
import { remindBookings, remindLoans } from './reminders.ts';

export const resourceRemindersJob = defineJob({
  name: 'resource-reminders',
  description: 'Reminders before booked slots, due and overdue loans, and asks nobody answered',
  period: (now) => slotPeriod(now, 5),
  async run(ctx) {
    const bookings = await remindBookings(ctx);
    const loans = await remindLoans(ctx);
    const asks = await offerStaleAsks(ctx);
    if (bookings || loans || asks) ctx.log.info({ bookings, loans, asks }, 'resource reminders');
  },
});
