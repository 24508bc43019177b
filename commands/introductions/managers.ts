/**
 * Who the managers are, as far as introductions can tell. Admin rights are decided by the core (platform roles and
 * HALLWAY_MANAGERS, `ctx.actor.isAdmin`) but not stored; approval requests need someone to go to, so every
 * introductions handler notes the actor: seen with rights → remembered, seen without → forgotten.
 */
import type { Context } from './kit.ts';
import { notAdmin } from '#core/errors.ts';

/** Remembers the actor as a manager if they have admin rights, forgets them if they lost them. */
export async function noteManager(ctx: Context): Promise<void> {
  await ctx.store.noteManager(ctx.community.id, ctx.actor.userId, ctx.actor.isAdmin, ctx.now);
}

/** Notes the actor, then refuses non-admins. */
export async function requireManager(ctx: Context, what: string): Promise<void> {
  await noteManager(ctx);
  if (!ctx.actor.isAdmin) throw notAdmin(what);
}
