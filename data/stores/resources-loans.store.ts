/**
 * Loans of the resources store. The queue of a resource is its open loans in id order; the partial unique indexes
 * (one head per resource, one open loan per member and resource) let the database refuse what a race would get
 * wrong, and every step is a conditional update (`moveLoan`, `markLoanReminded`), so a double click or a second
 * job run changes nothing.
 */
import { sql } from 'kysely';
import type { LoanStatus, ResourcesStore } from '../../commands/resources/store.ts';
import type { Db } from '../db/executor.ts';
import { toMs } from '../db/rows.ts';
import { hasResource, LOAN_COLUMNS, toLoan } from './resources.rows.ts';

type LoanPart = Pick<
  ResourcesStore,
  | 'requestLoan'
  | 'getLoan'
  | 'listQueue'
  | 'lentResources'
  | 'listMemberLoans'
  | 'moveLoan'
  | 'listLoansToRemind'
  | 'markLoanReminded'
>;

const OPEN: LoanStatus[] = ['waiting', 'requested', 'lent'];
const CLOSING: ReadonlySet<LoanStatus> = new Set(['returned', 'declined', 'cancelled']);

export function resourceLoanPart(db: Db): LoanPart {
  const loans = (community: string) =>
    db.selectFrom('resource_loans').select(LOAN_COLUMNS).where('community', '=', community);
  return {
    async requestLoan(l) {
      if (!(await hasResource(db, l.community, l.resourceId))) return undefined;
      // A second open loan of this member, or a second head of the queue, hits a unique index: nothing is inserted.
      const row = await db
        .insertInto('resource_loans')
        .values({
          community: l.community,
          resource_id: l.resourceId,
          borrower: l.userId,
          status: l.status,
          wanted_until: l.wantedUntil === undefined ? null : toMs(l.wantedUntil),
          requested_at: toMs(l.now),
        })
        .onConflict((oc) => oc.doNothing())
        .returning(LOAN_COLUMNS)
        .executeTakeFirst();
      return row && toLoan(row);
    },
    async getLoan(community, loanId) {
      const row = await loans(community).where('id', '=', loanId).executeTakeFirst();
      return row && toLoan(row);
    },
    async listQueue(community, resourceId) {
      const rows = await loans(community)
        .where('resource_id', '=', resourceId)
        .where('status', 'in', OPEN)
        .orderBy(sql`CASE WHEN status = 'waiting' THEN 1 ELSE 0 END`)
        .orderBy('id')
        .execute();
      return rows.map(toLoan);
    },
    async lentResources(community) {
      const rows = await db
        .selectFrom('resource_loans')
        .select('resource_id')
        .where('community', '=', community)
        .where('status', '=', 'lent')
        .execute();
      return rows.map((r) => r.resource_id);
    },
    async listMemberLoans(community, userId) {
      const rows = await loans(community)
        .where('borrower', '=', userId)
        .where('status', 'in', OPEN)
        .orderBy('id')
        .execute();
      return rows.map(toLoan);
    },
    async moveLoan(community, loanId, from, to, now, dueAt) {
      if (from.length === 0) return false;
      if (to === 'lent' && dueAt === undefined) throw new Error('a loan is lent with a due date');
      const ms = toMs(now);
      const rows = await db
        .updateTable('resource_loans')
        .set({
          status: to,
          ...(to === 'lent' && { lent_at: ms, due_at: toMs(dueAt!) }),
          ...(CLOSING.has(to) && { closed_at: ms }),
        })
        .where('community', '=', community)
        .where('id', '=', loanId)
        .where('status', 'in', from)
        .returning('id')
        .execute();
      return rows.length > 0;
    },
    async listLoansToRemind(community, dueBefore, maxReminders) {
      const rows = await loans(community)
        .where('status', '=', 'lent')
        .where('due_at', '<=', toMs(dueBefore))
        .where('reminders_sent', '<', maxReminders)
        .orderBy('due_at')
        .orderBy('id')
        .execute();
      return rows.map(toLoan);
    },
    async markLoanReminded(community, loanId, sent, now, quietSince) {
      const rows = await db
        .updateTable('resource_loans')
        .set({ reminders_sent: sent + 1, reminded_at: toMs(now) })
        .where('community', '=', community)
        .where('id', '=', loanId)
        .where('status', '=', 'lent')
        .where('reminders_sent', '=', sent)
        .where((eb) => eb.or([eb('reminded_at', 'is', null), eb('reminded_at', '<=', toMs(quietSince))]))
        .returning('id')
        .execute();
      return rows.length > 0;
    },
  };
}
