/** Inside the round worker: gather the chunks of input, plan the round, send the plan back chunk by chunk. */
import { parentPort } from 'node:worker_threads';
import { planRound, type RoundPlan } from '../../commands/matching/round-plan.ts';
import { CHUNK, type FromWorker, type ToWorker, type WorkerRoundInput } from './round-worker.ts';

const port = parentPort!;
const members: WorkerRoundInput['members'][number][] = [];
const met: WorkerRoundInput['met'][number][] = [];

/** The plan's groups still to send, and the rest of the plan, once planned. */
let pending: { groups: RoundPlan['groups']; next: number; summary: Omit<RoundPlan, 'groups'> } | undefined;

port.on('message', (message: ToWorker) => {
  if (message.kind === 'members') members.push(...message.members);
  else if (message.kind === 'met') met.push(...message.met);
  else if (message.kind === 'plan') void plan(message.input);
  else sendNext();
});

async function plan(rest: Omit<WorkerRoundInput, 'members' | 'met'>): Promise<void> {
  const { groups, ...summary } = await planRound({ ...rest, members, met });
  pending = { groups, next: 0, summary };
  sendNext();
}

/** The next chunk of groups, or the summary once all were sent (the main thread asks for each chunk). */
function sendNext(): void {
  if (!pending) return;
  const { groups, next, summary } = pending;
  if (next >= groups.length) {
    port.postMessage({ kind: 'done', plan: summary } satisfies FromWorker);
    pending = undefined;
    return;
  }
  port.postMessage({ kind: 'groups', groups: groups.slice(next, next + CHUNK) } satisfies FromWorker);
  pending.next = next + CHUNK;
}
