/** Which database a Kysely executor talks to, for the few clauses only one dialect has. */
import { PostgresAdapter } from 'kysely';
import type { Db } from './executor.ts';

export function isPostgres(db: Db): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}
