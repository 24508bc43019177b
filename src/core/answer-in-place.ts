/**
 * A click that redraws the message it was on (an RSVP on a meetup card) can be answered, on a platform that allows
 * it, by replacing that message in the answer to the click: one call instead of an answer plus a separate edit
 * through the outbox (issue 17, "fewer calls"). The core decides, so every adapter gets the same rule; the
 * adapter only renders `Reply.sourceUpdate` in place.
 */
import type { CommunityId } from './ids.ts';
import type { InboundEvent } from './inbound.ts';
import type { Reply } from './reply.ts';
import type { Unit } from './unit.ts';

/**
 * Moves an update of the clicked message out of the unit's queue into the reply, when that is safe: the reply is
 * a plain private answer (no form, files, channel post or replacement of its own), and no earlier edit of the
 * message still waits in the outbox (it would land after ours with older content). Discord message ids are unique
 * across channels, so the id alone names the message.
 */
export async function answerInPlace(
  unit: Unit,
  community: CommunityId,
  event: InboundEvent,
  reply: Reply | undefined,
): Promise<Reply | undefined> {
  if (event.kind !== 'action' || !event.updatesInPlace || !event.messageId || !reply) return reply;
  if (reply.form || reply.files?.length || reply.replaceOriginal || reply.visibility === 'channel') return reply;
  const refs = new Set(unit.notify.pending.flatMap((item) => (item.target.kind === 'update' ? [item.target.ref] : [])));
  for (const ref of refs) {
    const sent = await unit.core.messageRefs.get(community, ref);
    if (sent?.messageId !== event.messageId) continue;
    if (await unit.core.outbox.updateWaiting(community, ref)) return reply;
    const update = unit.notify.withdrawUpdates(ref);
    return update ? { ...reply, sourceUpdate: update.reply } : reply;
  }
  return reply;
}
