/** A member's matching status: in weekly rounds or paused, recent matches, avoid list. Used by /match status and home. */
import { matchingSettings } from './settings.ts';
import type { Context } from './kit.ts';
import type { Section } from '#core/reply.ts';
import { fmt } from '#core/text.ts';
import { formatInZone } from '#core/time.ts';
import { joinAnd } from './explain.ts';

async function weeklyLine(ctx: Context, userId: string): Promise<string> {
  const { id, timezone } = ctx.community;
  const settings = matchingSettings(ctx.community);
  if (!settings.matching) return 'Matching is turned off in this community.';
  const prefs = await ctx.store.prefs(id, userId);
  const paused = prefs.pausedAt && (!prefs.pausedUntil || prefs.pausedUntil > ctx.now);
  if (paused && prefs.pausedUntil) {
    const day = formatInZone(prefs.pausedUntil, timezone, 'date');
    return `Weekly matches paused until ${fmt.date(prefs.pausedUntil, 'date', day)}.`;
  }
  if (paused) return `Weekly matches paused. ${fmt.code('/match resume')} to start again.`;
  const member = await ctx.store.member(id, userId);
  const listed = member !== undefined && member.offers.length + member.needs.length > 0;
  if (!listed && !prefs.optedIn) {
    return `Not in weekly matches yet: list your skills with ${fmt.code('/skills offer …')} or send ${fmt.code('/match resume')}.`;
  }
  return `In weekly matches: every ${settings['match-day']} at ${settings['match-time']}.`;
}

export async function statusSections(ctx: Context, userId: string): Promise<Section[]> {
  const { id, timezone } = ctx.community;
  const recent = (await ctx.store.pairingsOf(id, userId, 3)).map((p) => {
    const others = p.members.filter((m) => m.userId !== userId).map((m) => fmt.user(m.userId));
    const day = formatInZone(p.createdAt, timezone, 'date');
    return `${fmt.date(p.createdAt, 'date', day)}: ${others.length ? joinAnd(others) : 'a member who left'}`;
  });
  const avoids = await ctx.store.avoids(id, userId);
  // An entry whose member was forgotten still protects, but has no one to name.
  const gone = avoids.forgotten
    ? [`${avoids.forgotten} member${avoids.forgotten === 1 ? '' : 's'} no longer listed`]
    : [];
  const avoided = [...avoids.members.map((u) => fmt.user(u)), ...gone];
  return [
    { text: await weeklyLine(ctx, userId) },
    {
      fields: [
        { label: 'Recent matches', value: recent.join('\n') || '—' },
        { label: 'Never matched with', value: avoided.length ? joinAnd(avoided) : '—' },
      ],
    },
  ];
}
