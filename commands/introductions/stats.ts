import type { Context } from './kit.ts';

/** `/hallway stats`: how far introductions have got. */
export async function introStats(ctx: Context) {
  const s = await ctx.store.stats(ctx.community.id);
  return [
    { label: 'Introduced', value: String(s.introduced) },
    // Where a manager looks: a pending intro is never announced in a channel.
    {
      label: 'Intros awaiting approval',
      value: s.awaitingApproval > 0 ? `${s.awaitingApproval} (/intro review)` : '0',
    },
    { label: 'Skills offered / needed', value: `${s.skillsOffered} / ${s.skillsNeeded}` },
  ];
}
