/**
 * The crash tests' machinery: a recorder on 127.0.0.1 that the child processes (crash/child.ts) deliver every
 * message to, with a policy the test sets (answer, hold, or kill the sender), and a way to start a child on a
 * database at an instant and wait for what it prints or for its end.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { CrashDatabase } from './seed.ts';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const CHILD = join(import.meta.dirname, 'child.ts');

export interface Delivery {
  readonly key: string;
  readonly community: string;
  readonly kind: string;
  readonly pid: number;
}

/** What the recorder does with a delivery: answer it (default), or hold the answer (the test decides). */
export type Policy = (delivery: Delivery, respond: () => void) => void;

export class DeliveryRecorder {
  readonly deliveries: Delivery[] = [];
  policy: Policy = (_d, respond) => respond();
  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(): Promise<DeliveryRecorder> {
    let recorder: DeliveryRecorder | undefined;
    const server = createServer((req: IncomingMessage, res: ServerResponse) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        const delivery = JSON.parse(body) as Delivery;
        recorder!.deliveries.push(delivery);
        recorder!.policy(delivery, () => res.writeHead(200).end('{}'));
      });
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    recorder = new DeliveryRecorder(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    return recorder;
  }

  close(): void {
    this.server.closeAllConnections();
    this.server.close();
  }
}

export interface Run {
  readonly child: ChildProcess;
  readonly exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Resolves when the child prints `line` on stdout. */
  printed(line: string): Promise<void>;
}

/** Starts crash/child.ts on `database`, its clock starting at `now`, delivering to `recorderUrl`. */
export function startChild(database: CrashDatabase, now: string, recorderUrl: string): Run {
  const child = spawn(process.execPath, ['--conditions=hallway-source', '--import', 'tsx', CHILD], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      ...(database.url ? { DATABASE_URL: database.url } : { DATABASE_PATH: database.path }),
      RECORDER_URL: recorderUrl,
      NOW: now,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const seen = new Set<string>();
  const waiting = new Map<string, () => void>();
  createInterface({ input: child.stdout! }).on('line', (line) => {
    seen.add(line);
    waiting.get(line)?.();
  });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  const exit = once(child, 'exit').then(([code, signal]) => {
    if (code !== 0 && signal === null) throw new Error(`child failed (${code}): ${stderr}`);
    return { code: code as number | null, signal: signal as NodeJS.Signals | null };
  });
  return {
    child,
    exit,
    printed: (line) => (seen.has(line) ? Promise.resolve() : new Promise((resolve) => waiting.set(line, resolve))),
  };
}
