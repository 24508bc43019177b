/**
 * Removing a resource (a manager, or the owner of their own thing; forget-me removes a member's things the same
 * way): members with a booking still to come and everyone in its queue are told, the card says it is gone, then
 * the resource goes with its bookings, loans and trainings. Messages name the resource, never who removed it, so
 * they survive the owner's forget-me.
 */
import { plural } from '#core/text.ts';
import type { Context } from './kit.ts';
import type { Reply } from '#core/reply.ts';
import { label, type ResourceEnv, slotText, when } from './format.ts';
import { assertCanManage } from './lookup.ts';
import { retireCard } from './card.ts';
import type { ResourceRecord } from './store.ts';

/** Far enough ahead to reach every booking still to come (bookings are never more than a year ahead). */
const HORIZON_MS = 2 * 366 * 86_400_000;

/** Tells who needs telling, retires the card and deletes the resource. Returns how many members were told. */
export async function retireResource(env: ResourceEnv, resource: ResourceRecord, actor?: string): Promise<number> {
  const { id: community, timezone: zone } = env.community;
  const told = new Set<string>();
  const until = new Date(env.now.getTime() + HORIZON_MS);
  for (const b of await env.store.listBookings(community, resource.id, env.now, until)) {
    if (b.userId === actor) continue;
    env.notify.dm(community, b.userId, {
      text: `Your booking #${b.id} of ${label(resource)} for ${slotText(b.startsAt, b.endsAt, zone)} is cancelled: it was removed from the library.`,
    });
    told.add(b.userId);
  }
  for (const loan of await env.store.listQueue(community, resource.id)) {
    if (loan.borrower === actor) continue;
    const text =
      loan.status === 'lent'
        ? `${label(resource)} was removed from the library. You still have it: please give it back as agreed (it was due ${when(loan.dueAt!, zone, 'date')}).`
        : `${label(resource)} was removed from the library, so your request to borrow it is closed.`;
    env.notify.dm(community, loan.borrower, { text });
    told.add(loan.borrower);
  }
  await retireCard(env, resource);
  await env.store.removeResource(community, resource.id);
  return told.size;
}

export async function removeReply(ctx: Context, resource: ResourceRecord): Promise<Reply> {
  assertCanManage(ctx, resource, 'remove');
  const told = await retireResource(ctx, resource, ctx.actor.userId);
  const who = told > 0 ? ` I told the ${plural(told, 'member')} with a booking or a request.` : '';
  return { text: `Removed ${label(resource)} from the library.${who}` };
}
