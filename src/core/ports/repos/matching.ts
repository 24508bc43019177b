/** Storage of the matching feature. The matching feature fills this in (see its issue). */
// biome-ignore lint/suspicious/noEmptyInterface: filled in by the matching feature.
export interface MatchingRepo {}
