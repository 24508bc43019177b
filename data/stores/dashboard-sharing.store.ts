/**
 * The dashboard's figures about what members share, read from the resources and mentorship tables: each resource's
 * bookings (how many, how many hours within the window), upcoming bookings and loans; mentorships by skill.
 * Counts and sums only: who booked or borrowed what is not read.
 */
import { sql } from 'kysely';
import type { DashboardStore } from '../../commands/dashboard/store.ts';
import type { Db } from '../db/executor.ts';
import { toBool, toMs } from '../db/rows.ts';

type SharingPart = Pick<DashboardStore, 'resourceUse' | 'mentorships'>;

const HOUR_MS = 3_600_000;

export function dashboardSharingPart(db: Db): SharingPart {
  return {
    /** One read: each resource with scalar subqueries over the (community, resource_id, status, …) indexes. */
    async resourceUse(community, from, to, limit) {
      const [f, t] = [toMs(from), toMs(to)];
      const bookings = sql`from resource_bookings b where b.community = r.community and b.resource_id = r.id
        and b.status = 'booked'`;
      const loans = sql`from resource_loans l where l.community = r.community and l.resource_id = r.id`;
      const rows = await db
        .selectFrom('resources as r')
        .select([
          'r.id',
          'r.name',
          'r.bookable',
          'r.lendable',
          sql<number>`(select count(*) ${bookings} and b.starts_at < ${t} and b.ends_at > ${f})`.as('bookings'),
          // Each slot's part within [from, to): from the later of its start and `from` to the earlier of its end and `to`.
          sql<number>`(select coalesce(sum(
              (case when b.ends_at < ${t} then b.ends_at else ${t} end)
              - (case when b.starts_at > ${f} then b.starts_at else ${f} end)), 0)
            ${bookings} and b.starts_at < ${t} and b.ends_at > ${f})`.as('booked_ms'),
          sql<number>`(select count(*) ${bookings} and b.starts_at >= ${t})`.as('upcoming'),
          sql<number>`(select count(*) ${loans} and l.status = 'lent')`.as('out_now'),
          sql<number>`(select count(*) ${loans} and l.status = 'lent' and l.due_at < ${t})`.as('overdue'),
          sql<number>`(select count(*) ${loans} and l.status in ('waiting', 'requested'))`.as('waiting'),
        ])
        .where('r.community', '=', community)
        .orderBy('r.name_key')
        .limit(limit)
        .execute();
      return rows.map((r) => ({
        resourceId: Number(r.id),
        name: r.name,
        bookable: toBool(r.bookable),
        lendable: toBool(r.lendable),
        bookings: Number(r.bookings),
        bookedHours: Number(r.booked_ms) / HOUR_MS,
        upcoming: Number(r.upcoming),
        out: Number(r.out_now),
        overdue: Number(r.overdue),
        waiting: Number(r.waiting),
      }));
    },

    async mentorships(community, limit) {
      const rows = await db
        .selectFrom('mentorships')
        .select((eb) => [
          'skill',
          eb.fn.min('term').as('term'),
          sql<number>`sum(case when status = 'active' then 1 else 0 end)`.as('active'),
          sql<number>`sum(case when status = 'completed' then 1 else 0 end)`.as('completed'),
        ])
        .where('community', '=', community)
        .where('status', 'in', ['active', 'completed'])
        .groupBy('skill')
        .orderBy(sql`sum(case when status = 'active' then 1 else 0 end)`, 'desc')
        .orderBy('skill')
        .limit(limit)
        .execute();
      const waiting = await db
        .selectFrom('mentor_requests')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('community', '=', community)
        .where('status', 'in', ['pending', 'waiting'])
        .executeTakeFirstOrThrow();
      return {
        bySkill: rows.map((r) => ({
          skill: r.skill,
          term: String(r.term),
          active: Number(r.active),
          completed: Number(r.completed),
        })),
        waiting: Number(waiting.n),
      };
    },
  };
}
