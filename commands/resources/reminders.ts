/**
 * Reminders. A booking: one DM about an hour before the slot (none for a slot booked within that hour). A loan: one
 * the day before it is due, then a polite nudge a day after and each day after that, never more than one a day and
 * at most three in all. The store counts each one with a conditional update before the DM is queued, so a second run
 * of the job, or two processes, never send one twice.
 */
import type { Reply } from '#core/reply.ts';
import { fmt } from '#core/text.ts';
import { keeperOf, label, type ResourceEnv, slotText, when } from './format.ts';
import type { LoanRecord } from './store.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** How long before a slot its reminder goes. */
export const BOOKING_REMINDER_MS = HOUR;
/** Due and overdue reminders of one loan, in all. */
export const MAX_LOAN_REMINDERS = 3;

/** Which reminder a lent loan is due at `now`, if any. Pure. */
export function nextLoanReminder(loan: LoanRecord, now: Date): 'due' | 'overdue' | undefined {
  if (loan.status !== 'lent' || !loan.dueAt || !loan.lentAt || loan.remindersSent >= MAX_LOAN_REMINDERS)
    return undefined;
  const t = now.getTime();
  const due = loan.dueAt.getTime();
  if (loan.remindedAt && t - loan.remindedAt.getTime() < DAY) return undefined;
  if (t < due) {
    // The day before: only for loans longer than that (a two-hour loan needs no "due tomorrow").
    const dayBefore = due - DAY;
    return loan.remindersSent === 0 && t >= dayBefore && loan.lentAt.getTime() <= dayBefore ? 'due' : undefined;
  }
  return t >= due + DAY ? 'overdue' : undefined;
}

/** Sends the booking reminders due at `env.now`; returns how many. */
export async function remindBookings(env: ResourceEnv): Promise<number> {
  const { id: community, timezone } = env.community;
  let sent = 0;
  const until = new Date(env.now.getTime() + BOOKING_REMINDER_MS + 1);
  for (const booking of await env.store.listBookingsToRemind(community, env.now, until)) {
    if (!(await env.store.markBookingReminded(community, booking.id, env.now))) continue;
    // Booked within the hour: the member has just seen it.
    if (booking.createdAt.getTime() > booking.startsAt.getTime() - BOOKING_REMINDER_MS) continue;
    const resource = await env.store.getResource(community, booking.resourceId);
    if (!resource) continue;
    const where = resource.location ? ` (${resource.location})` : '';
    const reply: Reply = {
      text: `Coming up: ${label(resource)}${where}, ${slotText(booking.startsAt, booking.endsAt, timezone)}. Not needed any more? Cancel it so someone else can use it.`,
      buttons: [{ label: 'Cancel booking', action: 'resource.cancel', value: String(booking.id) }],
    };
    env.notify.dm(community, booking.userId, reply, {
      key: `resource-booking-reminder:${booking.id}:${booking.userId}`,
    });
    sent++;
  }
  return sent;
}

/** Sends the loan reminders due at `env.now`; returns how many. */
export async function remindLoans(env: ResourceEnv): Promise<number> {
  const { id: community, timezone } = env.community;
  let sent = 0;
  const dueBefore = new Date(env.now.getTime() + DAY);
  for (const loan of await env.store.listLoansToRemind(community, dueBefore, MAX_LOAN_REMINDERS)) {
    const kind = nextLoanReminder(loan, env.now);
    if (!kind) continue;
    const quietSince = new Date(env.now.getTime() - DAY);
    if (!(await env.store.markLoanReminded(community, loan.id, loan.remindersSent, env.now, quietSince))) continue;
    const resource = await env.store.getResource(community, loan.resourceId);
    if (!resource) continue;
    const keeper = keeperOf(resource);
    const to = keeper ? ` to ${fmt.user(keeper)}` : '';
    const due = when(loan.dueAt!, timezone);
    const text =
      kind === 'due'
        ? `A friendly reminder: ${label(resource)} is due back${to} ${due}.`
        : `A gentle nudge: ${label(resource)} was due back${to} ${due}. Could you bring it back soon?`;
    env.notify.dm(
      community,
      loan.borrower,
      { text: `${text} Once it's back, tell me with \`/resource return ${resource.name}\`.`, mentions: [] },
      { key: `resource-loan-reminder:${loan.id}:${loan.remindersSent + 1}:${loan.borrower}` },
    );
    sent++;
  }
  return sent;
}
