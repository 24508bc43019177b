/** `/resource show` and the Details button: what it is, who has it, whether it is free now, and the week ahead. */
import type { Context } from './kit.ts';
import type { Reply, Section } from '#core/reply.ts';
import { fmt } from '#core/text.ts';
import { resourceButtons, resourceFields } from './card.ts';
import { label, type ResourceEnv, slotText, usesText, when } from './format.ts';
import type { ResourceRecord } from './store.ts';

const WEEK = 7 * 86_400_000;
/** Bookings listed for the week ahead. */
const WEEK_LINES = 15;

/** "free", "booked until 16:00", "out with @ana until Mon 23 Nov", "2 in line". */
export async function availability(env: ResourceEnv, resource: ResourceRecord): Promise<string> {
  const zone = env.community.timezone;
  const parts: string[] = [];
  if (resource.bookable) {
    const soon = new Date(env.now.getTime() + 1);
    const [current] = await env.store.listBookings(env.community.id, resource.id, env.now, soon);
    parts.push(current ? `booked until ${when(current.endsAt, zone, 'time')}` : 'free');
  }
  if (resource.lendable) {
    const queue = await env.store.listQueue(env.community.id, resource.id);
    const out = queue.find((l) => l.status === 'lent');
    const waiting = queue.filter((l) => l.status !== 'lent').length;
    parts.push(out ? `out with ${fmt.user(out.borrower)} until ${when(out.dueAt!, zone, 'date')}` : 'on the shelf');
    if (waiting > 0) parts.push(`${waiting} in line`);
  }
  return parts.join(' · ');
}

async function weekAhead(ctx: Context, resource: ResourceRecord): Promise<Section> {
  const zone = ctx.community.timezone;
  const until = new Date(ctx.now.getTime() + WEEK);
  const bookings = await ctx.store.listBookings(ctx.community.id, resource.id, ctx.now, until);
  if (bookings.length === 0) return { text: `${fmt.bold('Next seven days')}\nNo bookings yet: it's all free.` };
  const lines = bookings
    .slice(0, WEEK_LINES)
    .map((b) => `• ${slotText(b.startsAt, b.endsAt, zone)} · ${fmt.user(b.userId)} (#${b.id})`);
  const more = bookings.length > WEEK_LINES ? `\n… and ${bookings.length - WEEK_LINES} more` : '';
  return { text: `${fmt.bold('Next seven days')}\n${lines.join('\n')}${more}` };
}

export async function detailsReply(ctx: Context, resource: ResourceRecord): Promise<Reply> {
  const sections: Section[] = [];
  if (resource.description) sections.push({ text: resource.description });
  sections.push({
    fields: [...resourceFields(resource), { label: 'Right now', value: await availability(ctx, resource) }],
  });
  if (resource.bookable) sections.push(await weekAhead(ctx, resource));
  return {
    title: resource.name,
    text: `${label(resource)}: ${usesText(resource)}.`,
    sections,
    buttons: resourceButtons(resource),
    mentions: [],
  };
}
