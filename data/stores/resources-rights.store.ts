/** The community-wide parts of the resources store: `/hallway stats` figures, forget-me and the export. */
import type { ResourcesStore } from '../../commands/resources/store.ts';
import { changed, type Db } from '../db/executor.ts';
import { toMs } from '../db/rows.ts';

type RightsPart = Pick<ResourcesStore, 'stats' | 'forgetMember' | 'exportRows'>;

/** The single count of a `count(*) AS n` query. */
async function countOf(query: { executeTakeFirstOrThrow(): Promise<{ n: number | string | bigint }> }) {
  return Number((await query.executeTakeFirstOrThrow()).n);
}

export function resourceRightsPart(db: Db): RightsPart {
  return {
    async stats(community, now) {
      const ms = toMs(now);
      const resources = () =>
        db
          .selectFrom('resources')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('community', '=', community);
      const booked = () =>
        db
          .selectFrom('resource_bookings')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('community', '=', community)
          .where('status', '=', 'booked');
      const lent = () =>
        db
          .selectFrom('resource_loans')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('community', '=', community)
          .where('status', '=', 'lent');
      const asks = () =>
        db
          .selectFrom('resource_asks')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('community', '=', community);
      return {
        resources: await countOf(resources()),
        bookable: await countOf(resources().where('bookable', '=', 1)),
        lendable: await countOf(resources().where('lendable', '=', 1)),
        upcomingBookings: await countOf(booked().where('ends_at', '>', ms)),
        pastBookings: await countOf(booked().where('ends_at', '<=', ms)),
        loansOut: await countOf(lent()),
        overdue: await countOf(lent().where('due_at', '<', ms)),
        asks: await countOf(asks()),
        asksFound: await countOf(asks().where('status', '=', 'found')),
      };
    },
    async forgetMember(community, userId) {
      const del = async (table: 'resource_bookings' | 'resource_trainings' | 'resource_ask_replies') =>
        changed(await db.deleteFrom(table).where('community', '=', community).where('user_id', '=', userId).execute());
      const bookings = await del('resource_bookings');
      const loans = changed(
        await db
          .deleteFrom('resource_loans')
          .where('community', '=', community)
          .where('borrower', '=', userId)
          .execute(),
      );
      const trainings = await del('resource_trainings');
      await db
        .updateTable('resource_trainings')
        .set({ trained_by: null })
        .where('community', '=', community)
        .where('trained_by', '=', userId)
        .execute();
      const answers = await del('resource_ask_replies');
      // Their asks go with the answers to them (ON DELETE CASCADE); asks they helped with forget the helper.
      const asks = changed(
        await db.deleteFrom('resource_asks').where('community', '=', community).where('asker', '=', userId).execute(),
      );
      await db
        .updateTable('resource_asks')
        .set({ helper: null })
        .where('community', '=', community)
        .where('helper', '=', userId)
        .execute();
      const added = changed(
        await db
          .updateTable('resources')
          .set({ created_by: null })
          .where('community', '=', community)
          .where('created_by', '=', userId)
          .execute(),
      );
      return { bookings, loans, trainings, asks, answers, added };
    },
    async exportRows(community) {
      // SECURITY.md, "Private answers": what cards and /resource show (things, bookings, who has a lent thing, who
      // was trained) and asks; never a keeper's "Not now" (declined loans), nor who said no or stayed silent on an ask
      // (only the yes that connected two members), nor reminder bookkeeping.
      const rows = (query: { execute(): Promise<object[]> }) => query.execute() as Promise<Record<string, unknown>[]>;
      return {
        resources: await rows(
          db
            .selectFrom('resources')
            .select(['id', 'name', 'kind', 'location', 'description', 'bookable', 'lendable', 'owner_user_id'])
            .select(['training_required', 'created_by', 'created_at'])
            .where('community', '=', community)
            .orderBy('id'),
        ),
        resource_bookings: await rows(
          db
            .selectFrom('resource_bookings')
            .select(['id', 'resource_id', 'user_id', 'starts_at', 'ends_at', 'status', 'created_at'])
            .where('community', '=', community)
            .orderBy('id'),
        ),
        resource_loans: await rows(
          db
            .selectFrom('resource_loans')
            .select(['id', 'resource_id', 'borrower', 'status', 'requested_at', 'lent_at', 'due_at', 'closed_at'])
            .where('community', '=', community)
            .where('status', '!=', 'declined')
            .orderBy('id'),
        ),
        resource_trainings: await rows(
          db
            .selectFrom('resource_trainings')
            .select(['resource_id', 'user_id', 'trained_by', 'trained_at'])
            .where('community', '=', community)
            .orderBy('resource_id')
            .orderBy('user_id'),
        ),
        resource_asks: await rows(
          db
            .selectFrom('resource_asks')
            .select(['id', 'asker', 'what', 'status', 'helper', 'created_at', 'closed_at'])
            .where('community', '=', community)
            .orderBy('id'),
        ),
        resource_ask_replies: await rows(
          db
            .selectFrom('resource_ask_replies')
            .select(['ask_id', 'user_id', 'status', 'answered_at'])
            .where('community', '=', community)
            .where('status', '=', 'yes')
            .orderBy('ask_id')
            .orderBy('user_id'),
        ),
      };
    },
  };
}
