/**
 * What a `Tx` is, on the data side: a Kysely executor (a transaction, or the database itself). Only the stores in
 * `data/` open it; the core and the features pass it along unopened.
 */
import type { Kysely } from 'kysely';
import type { Tx } from '#core/ports/storage.ts';
import type { DB } from './schema.ts';

export type Db = Kysely<DB>;

/** The executor behind a `Tx`. */
export function dbOf(tx: Tx): Db {
  return tx as unknown as Db;
}

/** A Kysely executor as a `Tx` (the storage hands these to the core). */
export function asTx(db: Db): Tx {
  return db as unknown as Tx;
}

/** Rows changed by an insert, update or delete result, as a number on both dialects. */
export function changed(
  result:
    | { numInsertedOrUpdatedRows?: bigint; numUpdatedRows?: bigint; numDeletedRows?: bigint }[]
    | { numInsertedOrUpdatedRows?: bigint; numUpdatedRows?: bigint; numDeletedRows?: bigint },
): number {
  const results = Array.isArray(result) ? result : [result];
  let total = 0;
  for (const r of results) total += Number(r.numInsertedOrUpdatedRows ?? r.numUpdatedRows ?? r.numDeletedRows ?? 0n);
  return total;
}
