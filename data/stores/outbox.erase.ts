/**
 * Which outbox rows forget-me erases. A row goes when it was addressed to the member or names them (a user token
 * or intended mention in the message, their id as the last segment of the idempotency key or ref — the convention
 * every feature follows, e.g. `welcome:U1`, `feedback-ask:3:U1` — or in a button value), with one exception: a
 * post still waiting to go out under a ref of its own (a meetup card) is kept, because the forget hook has just
 * queued the update that redraws it without the member, and that update needs the post to land first.
 * In-flight rows (`sending`) are left to finish: the drainer is between the platform call and `markSent`.
 */
import type { OutboxItem } from '#core/stores/outbox.ts';

const lastSegment = (text: string | undefined) =>
  text === undefined ? undefined : text.slice(text.lastIndexOf(':') + 1);

/** The user token `fmt.user(userId)` writes (see src/core/text.ts). */
const userToken = (userId: string) => `\uE000user\uE002${userId}\uE001`;

/** True if the row was addressed to `userId` or names them. */
export function namesMember(item: OutboxItem, userId: string): boolean {
  const { target, reply } = item;
  if (target.kind === 'dm' && target.userIds.includes(userId)) return true;
  if (lastSegment(item.key) === userId || lastSegment(item.ref) === userId) return true;
  if (target.kind === 'update' && lastSegment(target.ref) === userId) return true;
  if (reply.mentions?.includes(userId)) return true;
  if (reply.buttons?.some((b) => b.value === userId || b.value.split(':').includes(userId))) return true;
  return JSON.stringify(reply).includes(userToken(userId));
}

/** True if forget-me should delete the row (see the file comment). */
export function erasable(item: OutboxItem, userId: string): boolean {
  if (item.status === 'sending' || !namesMember(item, userId)) return false;
  const cardStillToPost =
    item.status === 'pending' &&
    item.target.kind === 'post' &&
    item.ref !== undefined &&
    lastSegment(item.ref) !== userId;
  return !cardStillToPost;
}
