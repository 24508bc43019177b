/** `feedback-prompt`: the weekly post inviting members to share work in progress and ask for feedback. */
import { defineJob } from '#core/command.ts';
import { weeklyPeriod } from '#core/schedule.ts';
import { formatInZone } from '#core/time.ts';
import { promptPost } from './messages.ts';
import { handOffExpiredAsks } from './timeouts.ts';

export const feedbackPromptJob = defineJob({
  name: 'feedback-prompt',
  description: 'Weekly work-in-progress post in the feedback channel, with a button to ask for feedback',
  period(now, community) {
    const { settings } = community;
    // Switched off, or nowhere to post: nothing is due, so no period is claimed and turning it on later still works.
    if (!settings.prompts || !settings['feedback-channel']) return undefined;
    return weeklyPeriod(now, community.timezone, settings['prompt-day'], settings['prompt-time']);
  },
  run(ctx) {
    // Also a chance to move on silent asks, though the frequent tick normally already has (see timeouts.ts).
    handOffExpiredAsks(ctx);
    const channelId = ctx.community.settings['feedback-channel'];
    if (!channelId || !ctx.community.settings.prompts) return;
    const weekOf = formatInZone(ctx.now, ctx.community.timezone, 'date');
    ctx.notify.post(ctx.community.id, channelId, promptPost(`week of ${weekOf}`), {
      key: `feedback-prompt:${ctx.period}`,
    });
  },
});
