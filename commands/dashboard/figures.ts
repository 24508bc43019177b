/** Small arithmetic the dashboard pages share: weeks, medians, shares, and the privacy rule for answers. */

export const DAY_MS = 86_400_000;
export const WEEK_MS = 7 * DAY_MS;

/**
 * Ratings and "was it helpful?" answers are shown only as aggregates over at least this many answers (SECURITY.md):
 * with fewer, an average would tell who said what.
 */
export const MIN_ANSWERS = 3;

/** Monday 00:00 UTC of the week `at` falls in (the weeks `member_active_weeks` counts in). */
export function weekStart(at: Date): Date {
  const days = Math.floor(at.getTime() / DAY_MS);
  // 1970-01-01 was a Thursday: day 0 is 3 days after a Monday.
  return new Date((days - ((days + 3) % 7)) * DAY_MS);
}

/** The `count` weeks up to and including the week of `now`, oldest first. */
export function lastWeeks(now: Date, count: number): Date[] {
  const current = weekStart(now).getTime();
  return Array.from({ length: count }, (_, i) => new Date(current - (count - 1 - i) * WEEK_MS));
}

/** `2026-11-16` */
export function isoDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/** The middle value (the mean of the two middle ones for an even count); undefined for none. */
export function median(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** A whole percentage of `part` in `whole`; null when `whole` is 0. */
export function percent(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((100 * part) / whole);
}

/** One decimal. */
export function round1(value: number): number {
  return Math.round(value * 10) / 10;
}

/** An average of answers, or null when fewer than MIN_ANSWERS would make it tell who said what. */
export function privateAverage(total: number, count: number): number | null {
  return count >= MIN_ANSWERS ? round1(total / count) : null;
}
