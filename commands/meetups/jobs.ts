/** The meetups jobs: `meetup-reminders` every 5 minutes, `digest` weekly at the configured day and time. */
import { meetupSettings } from './settings.ts';
import { defineJob } from './kit.ts';
import { slotPeriod, weeklyJobPeriod } from '#core/schedule.ts';
import { buildDigest } from './digest.ts';
import { sendRatingPrompts, sendReminders } from './reminders.ts';
import { extendAllSeries } from './series.ts';

export const meetupRemindersJob = defineJob({
  name: 'meetup-reminders',
  description: 'Next dates of recurring meetups, reminders 24 h and 1 h before, ratings after',
  period: (now) => slotPeriod(now, 5),
  async run(ctx) {
    const created = await extendAllSeries(ctx);
    const reminders = await sendReminders(ctx);
    const ratings = await sendRatingPrompts(ctx);
    if (created.length || reminders || ratings) ctx.log.info({ created, reminders, ratings }, 'meetup reminders');
  },
});

export const digestJob = defineJob({
  name: 'digest',
  description: "Weekly post: this week's meetups, new members, a skill-share idea",
  period(now, community, { manual } = {}) {
    const s = meetupSettings(community);
    if (!s.digest) return undefined;
    const keys = ['digest', 'meetup-channel', 'digest-day', 'digest-time'];
    return weeklyJobPeriod(now, community, { day: s['digest-day'], time: s['digest-time'], keys }, manual);
  },
  async run(ctx) {
    const channel = meetupSettings(ctx.community)['meetup-channel'];
    if (!channel) {
      ctx.log.info({}, 'digest skipped: no meetup channel configured');
      return;
    }
    ctx.notify.post(ctx.community.id, channel, await buildDigest(ctx), { key: `digest:${ctx.period}` });
  },
});
