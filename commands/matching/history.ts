/** How far back a round or a `/match` reads who met whom. */

const WEEK_MS = 7 * 86_400_000;

/** Long enough for the repeat window (`match-window-weeks`) and for "met long ago" discounts. */
const HISTORY_WEEKS = 52;

/** Start of the history window read for a round or a suggestion. */
export function historySince(now: Date): Date {
  return new Date(now.getTime() - HISTORY_WEEKS * WEEK_MS);
}
