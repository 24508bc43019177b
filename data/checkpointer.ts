/**
 * WAL checkpoints off the request path. SQLite's automatic checkpoint runs inside whichever commit grows the WAL
 * past 1000 pages, so one member's command pays for copying everyone's writes back into the database file
 * (30-50 ms measured at p99). Instead the main connection turns automatic checkpoints off
 * (`openDatabase(path, { autoCheckpoint: false })`) and this worker thread, with its own connection, runs a PASSIVE
 * checkpoint every few seconds: PASSIVE never waits for readers or the writer, and its copying and fsync happen on
 * another thread, so the event loop never waits for it.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

export interface CheckpointerOptions {
  /** How often to checkpoint. Default 2 s. */
  readonly intervalMs?: number;
}

export interface Checkpointer {
  /** Stops the worker (after a last checkpoint). Safe to call twice. */
  stop(): Promise<void>;
}

/**
 * Plain CommonJS run with `eval`, so the worker needs no TypeScript loader; it gets the path of better-sqlite3
 * resolved here, since an eval'd worker resolves modules from the working directory.
 */
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path);
const checkpoint = () => {
  try { db.pragma('wal_checkpoint(PASSIVE)'); } catch (error) { parentPort.postMessage({ error: String(error) }); }
};
const timer = setInterval(checkpoint, workerData.intervalMs);
parentPort.on('message', () => {
  clearInterval(timer);
  checkpoint();
  db.close();
  parentPort.close();
});
`;

/** Starts checkpointing the database file at `path` (a WAL database; not `:memory:`). */
export function startCheckpointer(path: string, options: CheckpointerOptions = {}): Checkpointer {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER, {
    eval: true,
    workerData: { path, driver, intervalMs: options.intervalMs ?? 2_000 },
  });
  // A failed checkpoint is retried at the next interval; the WAL only grows meanwhile.
  worker.on('message', () => {});
  worker.unref();
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  let stopping: Promise<void> | undefined;
  return {
    stop() {
      stopping ??= (async () => {
        // Unref'd while it runs (it must not keep a finished process alive), but a stop waits for its last
        // checkpoint: with nothing else left to do, the process would otherwise exit before the database is closed.
        worker.ref();
        worker.postMessage('stop');
        await exited;
      })();
      return stopping;
    },
  };
}
