import type { Context } from './kit.ts';

/** `/hallway stats`: feedback asked for, given, and how helpful it was (aggregate only). */
export async function feedbackStats(ctx: Context) {
  const s = await ctx.store.stats(ctx.community.id);
  const helpful =
    s.averageHelpfulness === undefined ? 'no ratings yet' : `${s.averageHelpfulness.toFixed(1)} / 5 (${s.ratings})`;
  return [
    { label: 'Feedback requests (open)', value: `${s.requests} (${s.open})` },
    { label: 'Feedback given', value: String(s.given) },
    { label: 'Helpfulness', value: helpful },
  ];
}
