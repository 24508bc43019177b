/**
 * Slack Web API failures in the outbox drainer's terms (`DeliveryError`). The client is built with
 * `rejectRateLimitedCalls: true`, so a 429 reaches us at once instead of pausing the client's whole queue: the
 * drainer owns the wait and paces every other send meanwhile.
 */
import { webApi } from '@slack/bolt';
import { DeliveryError } from '#core/ports/chat-platform.ts';

/**
 * Platform errors that a retry cannot fix. Unknown codes count as permanent too: Slack answered, and the answer
 * would be the same next time; only the codes in `TRANSIENT` mean "try again".
 */
const TRANSIENT = new Set(['internal_error', 'fatal_error', 'service_unavailable', 'request_timeout', 'timeout']);

/** The member cannot receive our DMs (deactivated, or a bot or user that cannot be messaged). */
const DM_CLOSED = new Set(['cannot_dm', 'cannot_dm_bot', 'user_disabled', 'messages_tab_disabled']);
/** The channel, message or member is gone. */
const NOT_FOUND = new Set(['channel_not_found', 'message_not_found', 'user_not_found']);

/** Codes Slack uses for rate limits inside a 200 answer (rare, but documented for some methods). */
const RATE_LIMITED = new Set(['ratelimited', 'rate_limited']);

/** Used when Slack says "rate limited" without saying for how long. */
const DEFAULT_RETRY_AFTER_MS = 1_000;

/** Translates any error from a Web API call; a `DeliveryError` passes through unchanged. */
export function toDeliveryError(error: unknown): DeliveryError {
  if (error instanceof DeliveryError) return error;
  if (error instanceof webApi.WebAPIRateLimitedError) {
    return new DeliveryError('rate_limited', 'ratelimited', Math.max(0, error.retryAfter) * 1000);
  }
  if (error instanceof webApi.WebAPIPlatformError) {
    const code = String(error.data.error);
    if (RATE_LIMITED.has(code)) return new DeliveryError('rate_limited', code, DEFAULT_RETRY_AFTER_MS);
    if (DM_CLOSED.has(code)) return new DeliveryError('dm_closed', code);
    if (NOT_FOUND.has(code)) return new DeliveryError('not_found', code);
    return new DeliveryError(TRANSIENT.has(code) ? 'transient' : 'permanent', code);
  }
  if (error instanceof webApi.WebAPIHTTPError) {
    const status = error.statusCode;
    // 5xx and 408 are the platform's trouble; any other status will not change by retrying.
    return new DeliveryError(status >= 500 || status === 408 ? 'transient' : 'permanent', `http_${status}`);
  }
  if (error instanceof webApi.WebAPIRequestError) return new DeliveryError('transient', 'request_error');
  // A 429 without a usable Retry-After comes out of the client as a plain Error.
  if (error instanceof Error && /Retry header did not contain a valid timeout/.test(error.message)) {
    return new DeliveryError('rate_limited', 'ratelimited', DEFAULT_RETRY_AFTER_MS);
  }
  return new DeliveryError('transient', error instanceof Error ? error.name : 'unknown');
}

/** Runs a Web API call and rethrows its failure as a `DeliveryError`. */
export async function delivering<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw toDeliveryError(error);
  }
}
