import type { Context } from '#core/command.ts';

/** `/hallway stats`: meetups held and planned, seats taken, and how they were rated (aggregate only). */
export function meetupStats(ctx: Context) {
  const s = ctx.repos.meetups.stats(ctx.community.id, ctx.now);
  const rating = s.averageRating === undefined ? 'no ratings yet' : `${s.averageRating.toFixed(1)} / 5 (${s.ratings})`;
  return [
    { label: 'Meetups held / upcoming', value: `${s.held} / ${s.upcoming}` },
    { label: 'Seats taken at held meetups', value: String(s.attended) },
    { label: 'Meetup rating', value: rating },
  ];
}
