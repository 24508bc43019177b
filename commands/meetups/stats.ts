import type { Context } from './kit.ts';

/** `/hallway stats`: meetups held and planned, seats taken, and how they were rated (aggregate only). */
export async function meetupStats(ctx: Context) {
  const s = await ctx.store.stats(ctx.community.id, ctx.now);
  const rating = s.averageRating === undefined ? 'no ratings yet' : `${s.averageRating.toFixed(1)} / 5 (${s.ratings})`;
  return [
    { label: 'Meetups held / upcoming', value: `${s.held} / ${s.upcoming}` },
    { label: 'Seats taken at held meetups', value: String(s.attended) },
    { label: 'Meetup rating', value: rating },
  ];
}
