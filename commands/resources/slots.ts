/**
 * The nearest free slots when a booking clashes. Pure. The free slot closest to the one asked for always touches a
 * busy slot (it starts as one ends, or ends as one starts) or sits at the earliest allowed start: slid towards the
 * wanted time, a free slot stays free until it meets one of those. So those edges, and the same time on the days
 * around, are the only candidates worth trying.
 */

export interface Span {
  readonly startsAt: Date;
  readonly endsAt: Date;
}

export interface SlotSearch {
  /** The slot asked for. */
  readonly wanted: Span;
  /** Booked slots around it (at least those within a day and a slot's length of it). */
  readonly busy: readonly Span[];
  /** No slot starts before this (now, rounded up). */
  readonly earliest: Date;
  /** No slot starts after this (the booking horizon). */
  readonly latest: Date;
  readonly count: number;
}

const DAY = 86_400_000;
/** Candidates are kept within this distance of the wanted start (the busy list must cover it). */
export const SEARCH_RADIUS_MS = DAY;

const overlaps = (start: number, end: number, span: Span) =>
  start < span.endsAt.getTime() && end > span.startsAt.getTime();

/** Up to `count` free slots as long as the wanted one, nearest to it first (the earlier of two equally near). */
export function nearestFreeSlots(search: SlotSearch): Span[] {
  const { wanted, busy } = search;
  const start = wanted.startsAt.getTime();
  const length = wanted.endsAt.getTime() - start;
  const candidates = new Set<number>([start - DAY, start + DAY, search.earliest.getTime()]);
  for (const b of busy) {
    candidates.add(b.endsAt.getTime());
    candidates.add(b.startsAt.getTime() - length);
  }
  return [...candidates]
    .filter((s) => s !== start && Math.abs(s - start) <= SEARCH_RADIUS_MS)
    .filter((s) => s >= search.earliest.getTime() && s <= search.latest.getTime())
    .filter((s) => !busy.some((b) => overlaps(s, s + length, b)))
    .sort((a, b) => Math.abs(a - start) - Math.abs(b - start) || a - b)
    .slice(0, search.count)
    .map((s) => ({ startsAt: new Date(s), endsAt: new Date(s + length) }));
}

/** The earliest start worth offering: `now` rounded up to the next five minutes. */
export function earliestStart(now: Date): Date {
  const step = 5 * 60_000;
  return new Date(Math.ceil(now.getTime() / step) * step);
}
