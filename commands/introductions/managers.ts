/**
 * Who the managers are, as far as introductions can tell. Admin rights are decided by the core (platform roles and
 * HALLWAY_MANAGERS, `ctx.actor.isAdmin`) but not stored; approval requests need someone to go to, so every
 * introductions handler notes the actor: seen with rights → remembered, seen without → forgotten.
 *
 * A pending intro is never announced in a channel. Submitted while no manager was known, it waits in `/intro review`
 * (and `/hallway stats`); the first manager Hallway then sees is told by DM that it waits.
 */
import type { Context } from './kit.ts';
import { notAdmin } from '#core/errors.ts';
import { formatInZone } from '#core/time.ts';
import { plural } from '#core/text.ts';

/**
 * Remembers the actor as a manager if they have admin rights, forgets them if they lost them. A manager seen for the
 * first time hears about the intros waiting, unless they are opening the review list right now (`tellPending`).
 */
export async function noteManager(ctx: Context, tellPending = true): Promise<void> {
  const { id } = ctx.community;
  const userId = ctx.actor.userId;
  const known = ctx.actor.isAdmin && (await ctx.store.managers(id)).includes(userId);
  await ctx.store.noteManager(id, userId, ctx.actor.isAdmin, ctx.now);
  if (!ctx.actor.isAdmin || known || !tellPending) return;
  const waiting = await ctx.store.countPending(id);
  if (waiting === 0) return;
  const day = formatInZone(ctx.now, ctx.community.timezone, 'date');
  ctx.notify.dm(
    id,
    userId,
    {
      text: `${plural(waiting, 'introduction')} ${waiting === 1 ? 'waits' : 'wait'} for a manager's approval, sent while no manager was known here. Run /intro review to see ${waiting === 1 ? 'it' : 'them'}.`,
    },
    { key: `intro-pending:${day}:${userId}` },
  );
}

/** Notes the actor, then refuses non-admins (the review list itself: nothing to tell them about it). */
export async function requireManager(ctx: Context, what: string): Promise<void> {
  await noteManager(ctx, false);
  if (!ctx.actor.isAdmin) throw notAdmin(what);
}
