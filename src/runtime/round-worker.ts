/**
 * Runs a weekly round's plan (`planRound`, pure over plain data) in a worker thread, so the main thread keeps
 * answering members while a large community is paired. One short-lived worker per round: a round runs once a week,
 * and a worker that ends returns all its memory.
 *
 * Copying data between threads blocks the sending and the receiving thread (structured clone): a 100k-member round
 * copied in one message held the main thread for ~0.9 s. So members and history go over in chunks, with the event
 * loop free between them, and the plan comes back in chunks too.
 *
 * The worker is TypeScript like the rest of Hallway: an eval'd CommonJS bootstrap registers tsx's loader in the
 * worker (loader hooks are per thread in Node 20) and imports `round-worker.thread.ts`.
 */
import { Worker } from 'node:worker_threads';
import type { PlannedGroup, RoundInput, RoundPlan } from '../../commands/matching/round-plan.ts';

/** What crosses to the worker: the round's plain data (no `pause` callback: the worker has no one to yield to). */
export type WorkerRoundInput = Omit<RoundInput, 'pause'>;

/** Messages main → worker. */
export type ToWorker =
  | { readonly kind: 'members'; readonly members: WorkerRoundInput['members'] }
  | { readonly kind: 'met'; readonly met: WorkerRoundInput['met'] }
  | { readonly kind: 'plan'; readonly input: Omit<WorkerRoundInput, 'members' | 'met'> }
  /** The main thread took the last chunk of groups and had a breath: send the next. */
  | { readonly kind: 'more' };

/** Messages worker → main. */
export type FromWorker =
  | { readonly kind: 'groups'; readonly groups: readonly PlannedGroup[] }
  | { readonly kind: 'done'; readonly plan: Omit<RoundPlan, 'groups'> };

/** Items per message: small enough that copying one chunk holds a thread for a few milliseconds. */
export const CHUNK = 2_000;

const BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
import(workerData.tsx).then(({ register }) => { register(); return import(workerData.entry); });
`;

const breathe = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Plans the round in a worker thread; rejects if the worker fails or exits without a plan. */
export async function planRoundInWorker(input: WorkerRoundInput): Promise<RoundPlan> {
  const worker = new Worker(BOOTSTRAP, {
    eval: true,
    workerData: {
      // Resolved here: an eval'd worker would resolve from the working directory.
      tsx: import.meta.resolve('tsx/esm/api'),
      entry: new URL('./round-worker.thread.ts', import.meta.url).href,
    },
  });
  const planned = collect(worker);
  try {
    const { members, met, ...rest } = input;
    for (let i = 0; i < members.length; i += CHUNK) {
      worker.postMessage({ kind: 'members', members: members.slice(i, i + CHUNK) } satisfies ToWorker);
      await breathe();
    }
    for (let i = 0; i < met.length; i += CHUNK * 5) {
      worker.postMessage({ kind: 'met', met: met.slice(i, i + CHUNK * 5) } satisfies ToWorker);
      await breathe();
    }
    worker.postMessage({ kind: 'plan', input: rest } satisfies ToWorker);
    return await planned;
  } finally {
    void worker.terminate();
  }
}

function collect(worker: Worker): Promise<RoundPlan> {
  return new Promise<RoundPlan>((resolve, reject) => {
    const groups: PlannedGroup[] = [];
    let settled = false;
    worker.on('message', (message: FromWorker) => {
      if (message.kind === 'groups') {
        groups.push(...message.groups);
        // One chunk at a time: messages queued all at once are all handled before any timer or I/O gets a turn.
        void breathe().then(() => worker.postMessage({ kind: 'more' } satisfies ToWorker));
      } else {
        settled = true;
        resolve({ ...message.plan, groups });
      }
    });
    worker.once('error', (error) => {
      settled = true;
      reject(error);
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`round worker exited (${code}) without a plan`));
    });
  });
}
