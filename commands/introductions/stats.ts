import type { Context } from './kit.ts';

/** `/hallway stats`: how far introductions have got. */
export async function introStats(ctx: Context) {
  const s = await ctx.store.stats(ctx.community.id);
  return [
    { label: 'Introduced', value: String(s.introduced) },
    { label: 'Intros awaiting approval', value: String(s.awaitingApproval) },
    { label: 'Skills offered / needed', value: `${s.skillsOffered} / ${s.skillsNeeded}` },
  ];
}
