/** `/resource list` (what exists, free now or at a time) and `/resource mine` (your bookings, loans and things). */
import type { Context } from './kit.ts';
import type { Button, Reply, Section } from '#core/reply.ts';
import { fmt, plural } from '#core/text.ts';
import { label, type ResourceEnv, slotText, when } from './format.ts';
import type { ResourceKind, ResourceRecord } from './store.ts';
import { readStart } from './when.ts';

/** Resources one list shows. */
const LIST_LIMIT = 40;

/** "in use now" / "out" / "free now", from two community-wide reads. */
function stateAt(resource: ResourceRecord, busy: ReadonlySet<number>, lent: ReadonlySet<number>): string {
  if (resource.bookable && busy.has(resource.id)) return 'booked';
  if (!resource.bookable && lent.has(resource.id)) return 'out';
  return 'free';
}

export async function listReply(ctx: Context, kind?: ResourceKind, free?: string): Promise<Reply> {
  const zone = ctx.community.timezone;
  const at = free === undefined ? ctx.now : readStart(free, ctx.now, zone);
  const soon = new Date(at.getTime() + 1);
  const busy = new Set(await ctx.store.busyResources(ctx.community.id, at, soon));
  const lent = new Set(await ctx.store.lentResources(ctx.community.id));
  let resources = await ctx.store.listResources(ctx.community.id, { kind }, LIST_LIMIT);
  if (free !== undefined) resources = resources.filter((r) => stateAt(r, busy, lent) === 'free');
  const moment = free === undefined ? 'now' : `on ${when(at, zone)}`;
  if (resources.length === 0) {
    return {
      text:
        free === undefined
          ? `Nothing in the library${kind ? ` of kind ${kind}` : ''} yet. Add something with \`/resource add\`.`
          : `Nothing${kind ? ` of kind ${kind}` : ''} is free ${moment}.`,
    };
  }
  const lines = resources.map((r) => {
    const where = r.location ? ` · ${r.location}` : '';
    const owner = r.ownerUserId ? ` · ${fmt.user(r.ownerUserId)}'s` : '';
    return `• ${label(r)} (${r.kind}${where}${owner}) — ${stateAt(r, busy, lent)} ${moment}`;
  });
  return {
    title: free === undefined ? 'The library' : `Free ${moment}`,
    text: `${plural(resources.length, 'resource')}${kind ? ` of kind ${kind}` : ''}.`,
    sections: [{ text: lines.join('\n') }],
    context: 'Details with `/resource show <name>` · book with `/resource book <name> when:"fri 14:00" for:2h`',
    mentions: [],
  };
}

/** Your bookings still to come, loans and things you lend out: for `/resource mine` and the home. */
export async function mySections(
  env: ResourceEnv,
  userId: string,
): Promise<{ sections: Section[]; bookingIds: number[] }> {
  const { id: community, timezone: zone } = env.community;
  const name = async (resourceId: number) => {
    const r = await env.store.getResource(community, resourceId);
    return r ? label(r) : 'a removed resource';
  };
  const sections: Section[] = [];
  const bookings = await env.store.listMemberBookings(community, userId, env.now);
  if (bookings.length > 0) {
    const lines = [];
    for (const b of bookings)
      lines.push(`• #${b.id} ${await name(b.resourceId)} — ${slotText(b.startsAt, b.endsAt, zone)}`);
    sections.push({ text: `${fmt.bold('Your bookings')}\n${lines.join('\n')}` });
  }
  const loans = await env.store.listMemberLoans(community, userId);
  if (loans.length > 0) {
    const lines = [];
    for (const l of loans) {
      const state =
        l.status === 'lent'
          ? `yours until ${when(l.dueAt!, zone, 'date')}`
          : l.status === 'requested'
            ? 'asked for'
            : 'in line';
      lines.push(`• ${await name(l.resourceId)} — ${state}`);
    }
    sections.push({ text: `${fmt.bold('Borrowing')}\n${lines.join('\n')}` });
  }
  const owned = await env.store.listResources(community, { ownerUserId: userId }, LIST_LIMIT);
  if (owned.length > 0) {
    const lines = [];
    for (const r of owned) {
      const out = (await env.store.listQueue(community, r.id)).find((l) => l.status === 'lent');
      const state = out ? `out with ${fmt.user(out.borrower)} until ${when(out.dueAt!, zone, 'date')}` : 'with you';
      lines.push(`• ${label(r)} — ${state}`);
    }
    sections.push({ text: `${fmt.bold('Your things')}\n${lines.join('\n')}` });
  }
  return { sections, bookingIds: bookings.map((b) => b.id) };
}

export async function mineReply(ctx: Context): Promise<Reply> {
  const { sections, bookingIds } = await mySections(ctx, ctx.actor.userId);
  if (sections.length === 0) {
    return { text: 'No bookings, loans or things of yours yet. See what there is with `/resource list`.' };
  }
  const buttons: Button[] = bookingIds
    .slice(0, 5)
    .map((id) => ({ label: `Calendar #${id}`, action: 'resource.calendar', value: String(id) }));
  return {
    title: 'Your resources',
    text: 'Your bookings, loans and things.',
    sections,
    buttons,
    context: 'Cancel a booking with `/resource cancel <number>` · give something back with `/resource return <name>`',
    mentions: [],
  };
}
