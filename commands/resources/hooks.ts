/** How resources plug into the shared flows: home, members leaving, forget-me, export, stats, autocomplete. */
import type { Deleted } from '#core/command.ts';
import type { Context } from './kit.ts';
import type { Section } from '#core/reply.ts';
import { truncate } from '#core/text.ts';
import { askPostRef } from './asks.ts';
import { mySections } from './browse.ts';
import { keeperOf, label } from './format.ts';
import { advanceQueue, loanAskRef } from './loans.ts';
import { retireResource } from './remove.ts';

/** Home: the member's bookings and loans, when they have any. */
export async function resourcesHome(ctx: Context): Promise<Section[]> {
  return (await mySections(ctx, ctx.actor.userId)).sections;
}

/** Steps out of every booking still to come and every line (their turn passes to the next). Loans out stay open. */
async function stepBack(ctx: Context, userId: string): Promise<void> {
  for (const b of await ctx.store.listMemberBookings(ctx.community.id, userId, ctx.now)) {
    await ctx.store.cancelBooking(ctx.community.id, b.id);
  }
  for (const loan of await ctx.store.listMemberLoans(ctx.community.id, userId)) {
    if (loan.status === 'lent') continue;
    await ctx.store.moveLoan(ctx.community.id, loan.id, ['waiting', 'requested'], 'cancelled', ctx.now);
    const resource = await ctx.store.getResource(ctx.community.id, loan.resourceId);
    if (loan.status !== 'requested' || !resource) continue;
    const keeper = keeperOf(resource);
    if (keeper) {
      const ref = loanAskRef(loan.id, keeper);
      const text = `That request for ${label(resource)} was withdrawn.`;
      ctx.notify.update(ctx.community.id, ref, { text }, { key: `${ref}:withdrawn` });
    }
    await advanceQueue(ctx, resource);
  }
}

/** A member left the workspace: their slots free up and their place in lines passes on. */
export async function resourcesMemberLeft(ctx: Context): Promise<void> {
  await stepBack(ctx, ctx.actor.userId);
}

/**
 * Forget-me: their own things are removed (whoever has one is told, without naming them), the keeper of anything
 * they had borrowed hears it is no longer tracked, then every row naming them goes.
 */
export async function forgetResources(ctx: Context, userId: string): Promise<Deleted> {
  const owned = await ctx.store.listResources(ctx.community.id, { ownerUserId: userId }, 10_000);
  for (const resource of owned) await retireResource(ctx, resource, userId);
  await stepBack(ctx, userId);
  for (const loan of await ctx.store.listMemberLoans(ctx.community.id, userId)) {
    const resource = await ctx.store.getResource(ctx.community.id, loan.resourceId);
    const keeper = resource && keeperOf(resource);
    if (!resource || !keeper || keeper === userId) continue;
    await ctx.store.moveLoan(ctx.community.id, loan.id, ['lent'], 'cancelled', ctx.now);
    ctx.notify.dm(ctx.community.id, keeper, {
      text: `The loan of ${label(resource)} is no longer tracked: the borrower asked Hallway to forget them. Mark it back when you have it.`,
    });
    await advanceQueue(ctx, resource);
  }
  // Posts asking the channel on their behalf are redrawn without them (an update never sent is dropped).
  for (const ask of await ctx.store.listAsksBy(ctx.community.id, userId)) {
    const ref = askPostRef(ask.id);
    ctx.notify.update(ctx.community.id, ref, { text: 'This ask was withdrawn.' }, { key: `${ref}:withdrawn` });
  }
  const counts = await ctx.store.forgetMember(ctx.community.id, userId);
  return {
    'resources of yours (removed)': owned.length,
    'resource bookings': counts.bookings,
    'loans and places in line': counts.loans,
    trainings: counts.trainings,
    'asks for things, and your answers': counts.asks + counts.answers,
    'resources you added (your name removed)': counts.added,
  };
}

export async function exportResources(ctx: Context) {
  return await ctx.store.exportRows(ctx.community.id);
}

/** `/hallway stats`: counts only. */
export async function resourceStats(ctx: Context) {
  const s = await ctx.store.stats(ctx.community.id, ctx.now);
  return [
    { label: 'Resources (bookable / lendable)', value: `${s.resources} (${s.bookable} / ${s.lendable})` },
    { label: 'Bookings upcoming / past', value: `${s.upcomingBookings} / ${s.pastBookings}` },
    { label: 'Loans out (overdue)', value: `${s.loansOut} (${s.overdue})` },
    { label: 'Asks for things (found)', value: `${s.asks} (${s.asksFound})` },
  ];
}

/** Names containing what the member typed, for the `resource` option on Discord. */
export async function autocompleteResources(source: string, prefix: string, ctx: Context) {
  if (source !== 'resources') return undefined;
  const typed = prefix.trim().toLowerCase();
  return (await ctx.store.listResources(ctx.community.id, {}, 500))
    .filter((r) => typed === '' || r.name.toLowerCase().includes(typed))
    .slice(0, 25)
    .map((r) => ({
      name: truncate(`${r.name} · ${r.kind}${r.location ? ` · ${r.location}` : ''}`, 100),
      value: r.name,
    }));
}
