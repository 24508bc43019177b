/** Types for `edmonds-blossom` (no types shipped): edges `[i, j, weight]` in, each vertex's mate (or -1) out. */
declare module 'edmonds-blossom' {
  export default function blossom(
    edges: readonly (readonly [number, number, number])[],
    maxCardinality?: boolean,
  ): number[];
}
