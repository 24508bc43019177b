/**
 * The feedback feature: weekly work-in-progress prompts, feedback requests routed to members whose skills fit,
 * hand-offs on declines and silence, and the loop closed with "Was this helpful?".
 */
import { FEEDBACK_SETTINGS } from './settings.ts';
import { defineFeature } from './kit.ts';
import { feedbackStats } from './stats.ts';
import { feedbackActions, feedbackForms } from './actions.ts';
import { feedbackMemberLeft } from './cancel.ts';
import { feedbackCommand } from './feedback.command.ts';
import { exportFeedback, feedbackHome, feedbackProfile, forgetFeedback } from './hooks.ts';
import { feedbackPromptJob } from './prompt.job.ts';
import { handOffExpiredAsks } from './timeouts.ts';

export { feedbackGivenCount } from './recognition.ts';
export { askForFeedbackButton } from './messages.ts';
export { handOffExpiredAsks } from './timeouts.ts';
/** The load-spreading order of reviewers, reused to route asks for things (resources). */
export { type RankedCandidate, rankReviewers } from './routing.ts';

export const feedbackFeature = defineFeature({
  name: 'feedback',
  settings: FEEDBACK_SETTINGS,
  commands: [feedbackCommand],
  actions: feedbackActions,
  forms: feedbackForms,
  jobs: [feedbackPromptJob],
  // Silent reviewers: each minute, asks past `feedback-timeout-hours` pass to the next candidate.
  sweep: async (scope) => void (await handOffExpiredAsks(scope)),
  onMemberLeft: feedbackMemberLeft,
  home: feedbackHome,
  profileFields: feedbackProfile,
  forget: forgetFeedback,
  exportData: exportFeedback,
  stats: feedbackStats,
});
