/**
 * The mentor round's assignment: waiting mentees to mentors with room, optimal rather than first-come. Pure.
 *
 * Objective: as many mentees matched as possible, then the highest total fit. Each mentor has `room` places; a
 * pair with no weight (no skill fit, an avoid list, asked before) cannot be matched. Solved exactly as an
 * assignment problem (Hungarian algorithm, O(n²·m)): rows are mentees, columns are the mentors' places plus one
 * "unmatched" column per mentee; a place costs −(BIG + weight), so any extra match outweighs every difference in
 * fit. Weights are small integers, so the sums are exact in doubles.
 */

/** Worth more than any total of fit weights (weights stay below 1,000; rounds below 1,000 mentees). */
const BIG = 1_000_000_000;

/**
 * For each mentee (row of `weights`), the index of their mentor, or -1. `weights[i][j]` is the fit of mentee i
 * with mentor j (undefined: not allowed); `room[j]` is how many mentees mentor j can take.
 */
export function assignMentors(
  weights: readonly (readonly (number | undefined)[])[],
  room: readonly number[],
): number[] {
  const n = weights.length;
  if (n === 0) return [];
  // Each mentor offers at most as many places as mentees who could take one.
  const places: number[] = [];
  room.forEach((r, j) => {
    const wanted = weights.filter((row) => row[j] !== undefined).length;
    for (let k = 0; k < Math.min(r, wanted); k++) places.push(j);
  });
  const columns = places.length + n;
  const cost = (i: number, c: number) => {
    if (c >= places.length) return 0;
    const w = weights[i]![places[c]!];
    return w === undefined ? 0 : -(BIG + w);
  };
  const column = hungarian(n, columns, cost);
  return column.map((c, i) => (c < places.length && weights[i]![places[c]!] !== undefined ? places[c]! : -1));
}

/** Min-cost assignment of `n` rows to distinct columns (`n ≤ m`); returns each row's column. */
function hungarian(n: number, m: number, cost: (row: number, col: number) => number): number[] {
  const u = new Float64Array(n + 1);
  const v = new Float64Array(m + 1);
  const p = new Int32Array(m + 1);
  const way = new Int32Array(m + 1);
  const minv = new Float64Array(m + 1);
  const used = new Uint8Array(m + 1);
  for (let i = 1; i <= n; i++) {
    p[0] = i;
    let j0 = 0;
    minv.fill(Number.POSITIVE_INFINITY);
    used.fill(0);
    do {
      used[j0] = 1;
      const i0 = p[j0]!;
      let delta = Number.POSITIVE_INFINITY;
      let j1 = 0;
      for (let j = 1; j <= m; j++) {
        if (used[j]) continue;
        const cur = cost(i0 - 1, j - 1) - u[i0]! - v[j]!;
        if (cur < minv[j]!) {
          minv[j] = cur;
          way[j] = j0;
        }
        if (minv[j]! < delta) {
          delta = minv[j]!;
          j1 = j;
        }
      }
      for (let j = 0; j <= m; j++) {
        if (used[j]) {
          u[p[j]!] = u[p[j]!]! + delta;
          v[j] = v[j]! - delta;
        } else minv[j] = minv[j]! - delta;
      }
      j0 = j1;
    } while (p[j0] !== 0);
    do {
      const j1 = way[j0]!;
      p[j0] = p[j1]!;
      j0 = j1;
    } while (j0 !== 0);
  }
  const column = new Array<number>(n).fill(-1);
  for (let j = 1; j <= m; j++) if (p[j]! > 0) column[p[j]! - 1] = j - 1;
  return column;
}
