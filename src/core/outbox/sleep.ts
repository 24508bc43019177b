/** Waiting that tests can fake and that `stop()` / `kick()` can cut short. */

/** Waits `ms` (as told by an injected clock-advancing fake in tests). */
export type Wait = (ms: number) => Promise<void>;

/**
 * Resolves after `ms`, or as soon as `signal` aborts, whichever comes first; `ms` undefined waits for the signal
 * only. Without an injected `wait` it uses a timer that is cleared on abort, so nothing keeps the process alive.
 */
export function sleep(ms: number | undefined, signal: AbortSignal, wait?: Wait): Promise<void> {
  if (signal.aborted || (ms !== undefined && ms <= 0)) return Promise.resolve();
  return new Promise((resolve) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const done = () => {
      if (timer !== undefined) clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    signal.addEventListener('abort', done, { once: true });
    if (ms === undefined) return;
    if (wait) wait(ms).then(done, done);
    else timer = setTimeout(done, ms);
  });
}
