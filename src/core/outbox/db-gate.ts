/**
 * The drainer's share of the database. On a Monday morning a process may drive a thousand workspaces' lanes at once,
 * each claiming and recording through its own short transaction; let loose on a pool of ten connections they queue
 * in the pool, where a wait longer than its connection timeout fails the lane's pass, and where the commands members
 * are typing wait behind them. Through the gate at most `limit` of the drainer's transactions use the database at
 * once; the rest wait here, in order, without a timeout, and the pool keeps connections free for everything else.
 */
import type { Storage } from '../ports/storage.ts';

/** `storage` whose transactions run at most `limit` at a time (the others queue, first come first served). */
export function gated(storage: Storage, limit: number): Storage {
  if (!Number.isInteger(limit) || limit < 1) throw new Error(`a database gate needs a positive limit: ${limit}`);
  let running = 0;
  const waiting: (() => void)[] = [];
  const enter = (): Promise<void> | undefined => {
    if (running < limit) {
      running++;
      return undefined;
    }
    // The slot is handed over by `leave`, so `running` stays counted for the waiter.
    return new Promise((resolve) => waiting.push(resolve));
  };
  const leave = () => {
    const next = waiting.shift();
    if (next) next();
    else running--;
  };
  return {
    dialect: storage.dialect,
    core: (tx) => storage.core(tx),
    close: () => storage.close(),
    async transaction(fn, options) {
      await enter();
      try {
        return await storage.transaction(fn, options);
      } finally {
        leave();
      }
    },
  };
}
