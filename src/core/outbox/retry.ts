/** How the drainer treats failures: classification, the retry budget and the backoff between attempts. */
import { DeliveryError } from '../ports/chat-platform.ts';

/** Sends tried per item before it is recorded as failed (transient errors; 429s are waited out instead). */
export const MAX_ATTEMPTS = 8;
/** 429s in a row on one item before it goes back to the queue with backoff, freeing the platform's lane. */
export const MAX_RATE_LIMITED = 10;
/** When a 429 carries no Retry-After. */
export const DEFAULT_RETRY_AFTER_MS = 1_000;
const BASE_BACKOFF_MS = 5_000;
const MAX_BACKOFF_MS = 10 * 60_000;

/** Anything that is not a DeliveryError is taken as transient (network, a bug in an adapter): retried, capped. */
export function toDeliveryError(error: unknown): DeliveryError {
  if (error instanceof DeliveryError) return error;
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return new DeliveryError('transient', message.slice(0, 300));
}

/**
 * Delay before attempt `attempt + 1`: exponential from 5 s, capped at 10 min, with "equal jitter" (between half
 * and all of it) so many items failing together do not come back together. Eight attempts span about 10 minutes.
 */
export function backoffMs(attempt: number, random: () => number = Math.random): number {
  const full = Math.min(BASE_BACKOFF_MS * 2 ** Math.max(0, attempt - 1), MAX_BACKOFF_MS);
  return Math.round(full / 2 + (random() * full) / 2);
}
