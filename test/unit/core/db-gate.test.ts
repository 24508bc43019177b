/** The drainer's database gate: at most `limit` transactions at once, the rest in order, a failure frees its slot. */
import { describe, expect, it } from 'vitest';
import { gated } from '#core/outbox/db-gate.ts';
import type { Storage, Tx } from '#core/ports/storage.ts';

/** A storage whose transactions wait for the test to end them, counting how many run at once. */
function heldStorage() {
  const pending: { end: (error?: Error) => void }[] = [];
  let running = 0;
  let most = 0;
  const storage = {
    dialect: 'postgres',
    core: () => {
      throw new Error('not used');
    },
    close: async () => {},
    transaction: <T>(fn: (tx: Tx) => Promise<T>) => {
      running++;
      most = Math.max(most, running);
      return new Promise<T>((resolve, reject) => {
        pending.push({
          end: (error) => {
            running--;
            if (error) reject(error);
            else fn({} as Tx).then(resolve, reject);
          },
        });
      });
    },
  } as unknown as Storage;
  return { storage, pending, most: () => most };
}

const flush = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('gated storage', () => {
  it('runs at most `limit` transactions at once and the waiting ones in the order they came', async () => {
    const held = heldStorage();
    const gate = gated(held.storage, 2);
    const order: number[] = [];
    const all = [0, 1, 2, 3, 4].map((n) => gate.transaction(async () => order.push(n)));
    await flush();
    expect(held.pending).toHaveLength(2);
    while (held.pending.length > 0) {
      held.pending.shift()!.end();
      await flush();
    }
    await Promise.all(all);
    expect(order).toEqual([0, 1, 2, 3, 4]);
    expect(held.most()).toBe(2);
  });

  it('a transaction that fails gives its slot to the next one and rejects as it would have', async () => {
    const held = heldStorage();
    const gate = gated(held.storage, 1);
    const failing = gate.transaction(async () => 'never');
    const next = gate.transaction(async () => 'next');
    await flush();
    held.pending.shift()!.end(new Error('database went away'));
    await expect(failing).rejects.toThrow('database went away');
    await flush();
    held.pending.shift()!.end();
    await expect(next).resolves.toBe('next');
  });

  it('refuses a limit that is not a positive integer', () => {
    expect(() => gated(heldStorage().storage, 0)).toThrow(/positive limit/);
  });
});
