/**
 * `presence-post`: each morning, in `presence-channel`, the names of members who are in and opted in to being
 * listed (`/here listed on`). Names only: no places, no times. Nothing is posted when nobody listed is in.
 */
import { dailyPeriod } from '#core/schedule.ts';
import { presenceOn } from './gate.ts';
import { defineJob } from './kit.ts';
import { morningPost } from './messages.ts';
import { POST_TIME, presenceSettings } from './settings.ts';

/** Names in one post: enough for a busy studio, short enough to read. */
const NAMES_MAX = 50;

export const presencePostJob = defineJob({
  name: 'presence-post',
  description: "Morning post in the presence channel: who's in today (members who opted in)",
  period(now, community) {
    // Off, or nowhere to post: nothing is due, so turning it on later still posts that morning.
    if (!presenceOn({ community }) || !presenceSettings(community)['presence-channel']) return undefined;
    return dailyPeriod(now, community.timezone, POST_TIME);
  },
  async run(ctx) {
    const { store, community, now } = ctx;
    const channel = presenceSettings(community)['presence-channel'];
    if (!channel) return;
    await store.purgeExpired(community.id, now);
    const present = (await store.present(community.id, now, 500)).map((p) => p.userId);
    const listed = (await store.withPref(community.id, present, 'listed')).slice(0, NAMES_MAX);
    if (listed.length === 0) return;
    const names: string[] = [];
    for (const id of listed) names.push((await ctx.core.members.get(community.id, id))?.displayName ?? id);
    ctx.notify.post(community.id, channel, morningPost(names), { key: `presence-post:${ctx.period}` });
  },
});
