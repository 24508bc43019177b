import type { Context } from '#core/command.ts';

/** `/hallway stats`: how far introductions have got. */
export function introStats(ctx: Context) {
  const s = ctx.repos.profiles.stats(ctx.community.id);
  return [
    { label: 'Introduced', value: String(s.introduced) },
    { label: 'Intros awaiting approval', value: String(s.awaitingApproval) },
    { label: 'Skills offered / needed', value: `${s.skillsOffered} / ${s.skillsNeeded}` },
  ];
}
