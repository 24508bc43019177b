/**
 * Another Hallway "process" on the same database and the same fake Discord, as a hosted deployment runs several:
 * its own app (core, drainer, discord.js client and gateway sessions) over the first app's storage, so that tests can
 * show that an event two processes both receive has one effect. Each app's dispatch is recorded, so a test can wait
 * until both have handled an event instead of sleeping.
 */
import { PassThrough, Readable } from 'node:stream';
import type { App } from '../../src/app/create-app.ts';
import { createApp } from '../../src/app/create-app.ts';
import type { Config } from '../../src/app/config.ts';
import type { Core } from '#core/dispatch.ts';
import { silentLogger } from '#core/ports/logger.ts';
import type { Storage } from '#core/ports/storage.ts';
import type { FakeClock } from './fake-clock.ts';
import { Recorder } from './recorder.ts';

/** One dispatched event: its platform id, and whether this process answered it (a duplicate gets no answer). */
export interface Dispatched {
  readonly eventId?: string;
  readonly answered: boolean;
}

/** Records every event the app dispatches; call before `app.start()`, which hands `core.dispatch` to the adapters. */
export function recordDispatch(app: App): Recorder<Dispatched> {
  const core = app.core as { -readonly [K in keyof Core]: Core[K] };
  const dispatch = core.dispatch;
  const record = new Recorder<Dispatched>();
  core.dispatch = async (event, hooks) => {
    const reply = await dispatch(event, hooks);
    record.push({ eventId: event.eventId, answered: reply !== undefined });
    return reply;
  };
  return record;
}

/** A second app on `storage` (closed by its owner, not by this app) with the same configuration; started. */
export async function startSecondProcess(
  config: Config,
  storage: Storage,
  clock: FakeClock,
): Promise<{ app: App; dispatched: Recorder<Dispatched> }> {
  const borrowed: Storage = Object.create(storage, { close: { value: async () => {} } });
  const io = { input: Readable.from([]), output: new PassThrough(), color: false };
  const app = await createApp(config, silentLogger, io, { clock, scheduler: false, storage: borrowed });
  const dispatched = recordDispatch(app);
  await app.start();
  return { app, dispatched };
}
