/**
 * Replayed and time-shifted requests. Bolt rejects a signed request older than five minutes but accepts any number
 * of copies inside that window, and timestamps in the future. Here: a request stamped more than a minute ahead of
 * this server's clock is refused before Bolt sees it, and every signed request carries a key made of its timestamp
 * and signature, which the core records like a platform event id, so an identical copy has one effect.
 */
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** How far ahead of this server's clock a request may be stamped (clocks drift a little). */
export const MAX_FUTURE_SECONDS = 60;

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** `slack-request:<hash>`: the same for an identical copy of a signed request, different for any other. */
export function requestKey(req: IncomingMessage): string | undefined {
  const timestamp = header(req, 'x-slack-request-timestamp');
  const signature = header(req, 'x-slack-signature');
  if (!timestamp || !signature) return undefined;
  const digest = createHash('sha256').update(`${timestamp}:${signature}`).digest('hex').slice(0, 32);
  return `slack-request:${digest}`;
}

/** True when the request's timestamp is further ahead of `nowMs` than clocks drift. */
export function stampedInTheFuture(req: IncomingMessage, nowMs: number): boolean {
  const timestamp = Number(header(req, 'x-slack-request-timestamp'));
  return Number.isFinite(timestamp) && timestamp > Math.floor(nowMs / 1000) + MAX_FUTURE_SECONDS;
}

type Listener = (req: IncomingMessage, res: ServerResponse) => void;

/** Wraps Bolt's request listener: a request stamped in the future gets 401, as a stale one does from Bolt. */
export function refusingFutureRequests(listener: Listener, now: () => number = Date.now): Listener {
  return (req, res) => {
    if (stampedInTheFuture(req, now())) {
      res.writeHead(401, { 'content-type': 'text/plain' });
      res.end('request timestamp is in the future');
      return;
    }
    listener(req, res);
  };
}
