/**
 * The dashboard feature's store on Kysely (SQLite and PostgreSQL): sign-in links and sessions in
 * `dashboard-access.store.ts`; figures read as aggregates over the other features' tables in
 * `dashboard-people.store.ts` (members, activity, intros, who could use a hand), `dashboard-matching.store.ts`
 * and `dashboard-activity.store.ts` (meetups, feedback, skills), `dashboard-sharing.store.ts` (resources, mentorship).
 */
import type { DashboardStore } from '../../commands/dashboard/store.ts';
import type { Tx } from '#core/ports/storage.ts';
import { dbOf } from '../db/executor.ts';
import { dashboardAccessPart } from './dashboard-access.store.ts';
import { dashboardActivityPart } from './dashboard-activity.store.ts';
import { dashboardMatchingPart } from './dashboard-matching.store.ts';
import { dashboardPeoplePart } from './dashboard-people.store.ts';
import { dashboardSharingPart } from './dashboard-sharing.store.ts';

export function dashboardStore(tx: Tx): DashboardStore {
  const db = dbOf(tx);
  return {
    ...dashboardAccessPart(db),
    ...dashboardPeoplePart(db),
    ...dashboardMatchingPart(db),
    ...dashboardActivityPart(db),
    ...dashboardSharingPart(db),
  };
}
