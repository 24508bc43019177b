/**
 * The process's one HTTP server: the dashboard and calendar feeds (a Hono app), and, when Slack runs over HTTP on
 * the same port, Slack's requests, handed untouched to Bolt's own receiver (which verifies their signatures). The
 * Slack adapter mounts its receiver here (`mount('/slack/', …)`); everything else goes to the web app.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import type { Logger } from '#core/ports/logger.ts';

export type RequestListener = (req: IncomingMessage, res: ServerResponse) => void;

export interface WebServer {
  /** Requests whose path starts with `prefix` go to `listener`; one that throws (a path it does not serve) falls back. */
  mount(prefix: string, listener: RequestListener): void;
  /** Starts listening; rejects with a clear message when the port is taken. */
  listen(port: number, host?: string): Promise<void>;
  /** The port listened on, once listening (useful with port 0). */
  readonly port: number | undefined;
  /** Stops listening and closes idle and open connections. Safe to call twice. */
  close(): Promise<void>;
}

export function createWebServer(fetch: (request: Request) => Response | Promise<Response>, log: Logger): WebServer {
  // overrideGlobalObjects: false — the web app must not swap the process's global Request/Response, which the
  // Slack and Discord clients use too.
  const web = getRequestListener(fetch, { overrideGlobalObjects: false });
  const mounts: { prefix: string; listener: RequestListener }[] = [];
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    const mounted = mounts.find((m) => path.startsWith(m.prefix));
    if (mounted) {
      try {
        mounted.listener(req, res);
        return;
      } catch (error) {
        // Bolt throws for a path it does not serve (see HTTPReceiverDeferredRequestError): the web app answers.
        log.debug({ err: error, path }, 'mounted listener passed the request on');
      }
    }
    void web(req, res);
  });
  let closed: Promise<void> | undefined;
  return {
    mount(prefix, listener) {
      mounts.push({ prefix, listener });
    },
    listen(port, host) {
      return new Promise((resolve, reject) => {
        const failed = (error: Error) =>
          reject(new Error(`the web server could not listen on port ${port}: ${error.message}`));
        server.once('error', failed);
        server.listen({ port, host }, () => {
          server.off('error', failed);
          resolve();
        });
      });
    },
    get port() {
      return (server.address() as AddressInfo | null)?.port;
    },
    close() {
      closed ??= new Promise<void>((resolve) => {
        if (!server.listening) return resolve();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closed;
    },
  };
}
