/** `feedback-prompt`: the weekly post inviting members to share work in progress and ask for feedback. */
import { feedbackSettings } from './settings.ts';
import { defineJob } from './kit.ts';
import { weeklyJobPeriod } from '#core/schedule.ts';
import { formatInZone } from '#core/time.ts';
import { promptPost } from './messages.ts';
import { handOffExpiredAsks } from './timeouts.ts';

export const feedbackPromptJob = defineJob({
  name: 'feedback-prompt',
  description: 'Weekly work-in-progress post in the feedback channel, with a button to ask for feedback',
  period(now, community, { manual } = {}) {
    const settings = feedbackSettings(community);
    // Switched off, or nowhere to post: nothing is due, so no period is claimed and turning it on later still works.
    if (!settings.prompts || !settings['feedback-channel']) return undefined;
    const keys = ['prompts', 'feedback-channel', 'prompt-day', 'prompt-time'];
    return weeklyJobPeriod(
      now,
      community,
      { day: settings['prompt-day'], time: settings['prompt-time'], keys },
      manual,
    );
  },
  async run(ctx) {
    // Also a chance to move on silent asks, though the frequent tick normally already has (see timeouts.ts).
    await handOffExpiredAsks(ctx);
    const channelId = feedbackSettings(ctx.community)['feedback-channel'];
    if (!channelId || !feedbackSettings(ctx.community).prompts) return;
    const weekOf = formatInZone(ctx.now, ctx.community.timezone, 'date');
    ctx.notify.post(ctx.community.id, channelId, promptPost(`week of ${weekOf}`), {
      key: `feedback-prompt:${ctx.period}`,
    });
  },
});
