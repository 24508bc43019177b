/**
 * The clock that drives jobs: `tick` once at start-up (catching up a period missed while the bot was down), then
 * at the top of every minute. The only file that imports node-cron.
 */
import cron from 'node-cron';

export interface SchedulerOptions {
  /** Runs due jobs. A rejection is reported to `onError`; the next minute's tick runs regardless. */
  readonly tick: () => Promise<void>;
  /** Default: console.error (main.ts passes its logger). */
  readonly onError?: (error: unknown) => void;
  /** Test seam: calls `fire` on the cron schedule. Default: node-cron. */
  readonly schedule?: (expression: string, fire: () => void) => { stop(): void };
}

export interface Scheduler {
  /** No further ticks start; one already running finishes on its own. */
  stop(): void;
}

const EVERY_MINUTE = '* * * * *';

function cronSchedule(expression: string, fire: () => void): { stop(): void } {
  const task = cron.schedule(expression, fire);
  return { stop: () => void task.destroy() };
}

/** Starts ticking now and every minute. A tick that starts while the previous one runs is skipped, not queued. */
export function startScheduler(options: SchedulerOptions): Scheduler {
  const onError = options.onError ?? ((error: unknown) => console.error('scheduler tick failed', error));
  let running = false;
  let stopped = false;
  const fire = (): void => {
    if (running || stopped) return;
    running = true;
    Promise.resolve()
      .then(options.tick)
      .catch(onError)
      .finally(() => {
        running = false;
      });
  };
  const task = (options.schedule ?? cronSchedule)(EVERY_MINUTE, fire);
  fire();
  return {
    stop() {
      stopped = true;
      task.stop();
    },
  };
}
