/**
 * Measures how responsive the process stays while a task runs: `/profile` commands arrive on a fixed grid whether or
 * not the event loop is free (when it frees up, every command that arrived meanwhile is served, each timed from its
 * arrival), and `monitorEventLoopDelay` records the loop's delay at 1 ms resolution.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { Core } from '#core/dispatch.ts';
import type { MatchMember } from '../../commands/matching/store.ts';
import { actorOf } from './core-harness.ts';

export interface Responsiveness<T> {
  readonly result: T;
  /** `performance.now()` when the task started. */
  readonly startedAt: number;
  readonly elapsedMs: number;
  /** Each command's latency from arrival, with when it arrived (ms since the task started). */
  readonly commands: readonly { readonly ms: number; readonly arrivedAt: number }[];
  readonly loopDelay: { readonly count: number; readonly p50: number; readonly p99: number; readonly max: number };
}

export async function whileProbing<T>(
  core: Core,
  members: readonly MatchMember[],
  everyMs: number,
  task: () => Promise<T>,
): Promise<Responsiveness<T>> {
  const commands: { ms: number; arrivedAt: number }[] = [];
  const inFlight: Promise<void>[] = [];
  let start = performance.now();
  let nextDue = start + everyMs;
  let k = 0;
  const serveArrived = () => {
    const now = performance.now();
    for (; nextDue <= now; nextDue += everyMs) {
      const arrived = nextDue;
      const member = members[(k++ * 7919) % members.length]!;
      const event = {
        kind: 'command',
        actor: actorOf(member),
        command: 'profile',
        input: { kind: 'text', text: '' },
      } as const;
      inFlight.push(
        core
          .dispatch(event)
          .then(() => void commands.push({ ms: performance.now() - arrived, arrivedAt: arrived - start })),
      );
    }
  };
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  histogram.enable();
  // The histogram measures between its own ticks: let it tick before the task, or a block at once goes unseen.
  await new Promise((resolve) => setTimeout(resolve, 20));
  start = performance.now();
  nextDue = start + everyMs;
  const ticker = setInterval(serveArrived, 1);
  const result = await task();
  const elapsedMs = performance.now() - start;
  serveArrived();
  clearInterval(ticker);
  histogram.disable();
  await Promise.all(inFlight);
  const toMs = (ns: number) => ns / 1e6;
  const loopDelay = {
    count: histogram.count,
    p50: toMs(histogram.percentile(50)),
    p99: toMs(histogram.percentile(99)),
    max: toMs(histogram.max),
  };
  return { result, startedAt: start, elapsedMs, commands, loopDelay };
}
