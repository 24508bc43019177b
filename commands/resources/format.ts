/** How resources, slots and loans read in messages: dates as viewer-local tokens, names as bold text. Pure. */
import type { Context } from './kit.ts';
import type { ResourceRecord } from './store.ts';
import { type DateStyle, fmt } from '#core/text.ts';
import { formatInZone } from '#core/time.ts';

/** What the resources helpers need from a command or job context. */
export type ResourceEnv = Pick<Context, 'community' | 'now' | 'store' | 'core' | 'notify'>;

/** A date every platform can localise for the viewer; the text fallback is in the community's zone. */
export function when(at: Date, zone: string, style: Exclude<DateStyle, 'relative'> = 'full'): string {
  return fmt.date(at, style, formatInZone(at, zone, style));
}

/**
 * "Fri 20 Nov 2026, 14:00–16:00 (Europe/Paris)": two date tokens; the end is a time alone when it falls on the same
 * day. The zone is written once, at the end, in the fallback text (platforms show each viewer their own zone).
 */
export function slotText(startsAt: Date, endsAt: Date, zone: string): string {
  const sameDay = formatInZone(startsAt, zone, 'date') === formatInZone(endsAt, zone, 'date');
  const start = fmt.date(startsAt, 'full', formatInZone(startsAt, zone).replace(` (${zone})`, ''));
  const end = sameDay
    ? fmt.date(endsAt, 'time', `${formatInZone(endsAt, zone, 'time')} (${zone})`)
    : when(endsAt, zone);
  return `${start}–${end}`;
}

/** A slot as plain words (button labels take no tokens): "Fri 20 Nov 14:00–16:00". */
export function slotLabel(startsAt: Date, endsAt: Date, zone: string): string {
  const day = formatInZone(startsAt, zone, 'date').replace(/ \d{4}$/, '');
  return `${day} ${formatInZone(startsAt, zone, 'time')}–${formatInZone(endsAt, zone, 'time')}`;
}

/** The resource's name, bold: member text, shown as data. */
export function label(resource: Pick<ResourceRecord, 'name'>): string {
  return fmt.bold(resource.name);
}

/** Who looks after it and answers borrow requests: its owner, else whoever added it for the community. */
export function keeperOf(resource: ResourceRecord): string | undefined {
  return resource.ownerUserId ?? resource.createdBy;
}

/** "@lucas" or "the community". */
export function ownerText(resource: ResourceRecord): string {
  return resource.ownerUserId ? fmt.user(resource.ownerUserId) : 'the community';
}

/** "book a slot", "borrow", or "book or borrow". */
export function usesText(resource: ResourceRecord): string {
  if (resource.bookable && resource.lendable) return 'book a slot or borrow';
  return resource.bookable ? 'book a slot' : 'borrow';
}
