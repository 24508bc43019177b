import { describe, expect, it } from 'vitest';
import { startScheduler } from '../../../src/app/scheduler.ts';

/** A cron stand-in the test fires by hand. */
function manualCron() {
  const state = { expression: '', fire: () => {}, stopped: false };
  return {
    state,
    schedule: (expression: string, fire: () => void) => {
      state.expression = expression;
      state.fire = fire;
      return {
        stop: () => {
          state.stopped = true;
        },
      };
    },
  };
}

/** A tick the test finishes by hand. */
function heldTick() {
  const runs: (() => void)[] = [];
  return {
    runs,
    tick: () => new Promise<void>((resolve) => runs.push(resolve)),
  };
}

describe('startScheduler', () => {
  it('ticks once at start, then every minute', async () => {
    const cron = manualCron();
    const { runs, tick } = heldTick();
    const scheduler = startScheduler({ tick, schedule: cron.schedule });
    await Promise.resolve();
    expect(cron.state.expression).toBe('* * * * *');
    expect(runs).toHaveLength(1);
    runs[0]!();
    await new Promise((resolve) => setImmediate(resolve));
    cron.state.fire();
    await Promise.resolve();
    expect(runs).toHaveLength(2);
    scheduler.stop();
    expect(cron.state.stopped).toBe(true);
  });

  it('skips a minute while the previous tick still runs', async () => {
    const cron = manualCron();
    const { runs, tick } = heldTick();
    const scheduler = startScheduler({ tick, schedule: cron.schedule });
    await Promise.resolve();
    cron.state.fire();
    cron.state.fire();
    await Promise.resolve();
    expect(runs).toHaveLength(1);
    runs[0]!();
    await new Promise((resolve) => setImmediate(resolve));
    cron.state.fire();
    await Promise.resolve();
    expect(runs).toHaveLength(2);
    scheduler.stop();
  });

  it('reports a failing tick and keeps going', async () => {
    const cron = manualCron();
    const errors: unknown[] = [];
    let calls = 0;
    const tick = async () => {
      calls++;
      throw new Error('db locked');
    };
    startScheduler({ tick, schedule: cron.schedule, onError: (e) => errors.push(e) });
    await new Promise((resolve) => setImmediate(resolve));
    cron.state.fire();
    await new Promise((resolve) => setImmediate(resolve));
    expect(calls).toBe(2);
    expect(errors).toHaveLength(2);
  });

  it('starts no tick after stop', async () => {
    const cron = manualCron();
    let calls = 0;
    const scheduler = startScheduler({ tick: async () => void calls++, schedule: cron.schedule });
    await new Promise((resolve) => setImmediate(resolve));
    scheduler.stop();
    cron.state.fire();
    await new Promise((resolve) => setImmediate(resolve));
    expect(calls).toBe(1);
  });

  it('works with the real node-cron: accepts the expression, ticks at start, stops', async () => {
    let calls = 0;
    const scheduler = startScheduler({ tick: async () => void calls++ });
    await new Promise((resolve) => setImmediate(resolve));
    scheduler.stop();
    expect(calls).toBe(1);
  });
});
