/**
 * The outbox: outgoing DMs and posts are rows first (written in the transaction of the change that caused them),
 * and a drainer delivers them at each platform's rate, retrying 429s and 5xx with backoff, recording permanent
 * failures, and picking up after a crash. Nothing is lost; nothing is sent twice (except the one message a crash
 * interrupted mid-send, which may have landed: it is sent at most once more).
 *
 * Talks to `Storage` and `ChatPlatform` only; the pieces live in `./outbox/`.
 */
export { OutboxNotifier, type Priority } from './outbox/notifier.ts';
export { OutboxDrainer, type OutboxDrainerOptions } from './outbox/drainer.ts';
export { TokenBucket } from './outbox/token-bucket.ts';
export { backoffMs, MAX_ATTEMPTS } from './outbox/retry.ts';
export type { Wait } from './outbox/sleep.ts';
