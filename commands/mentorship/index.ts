/**
 * The mentorship feature: `/mentor` (offer, pause, resume, stop, find, request, status, end), Accept / Not now,
 * timeouts that pass a request on kindly, check-ins every `mentor-check-in-weeks`, the closing question, and the
 * weekly `mentor-round` that matches waiting mentees to mentors with room in one optimal assignment.
 */
import { mentorshipActions, mentorshipForms } from './actions.ts';
import { exportMentorship, forgetMentorship, mentorshipMemberLeft, mentorshipStats } from './hooks.ts';
import { defineFeature } from './kit.ts';
import { sendDueCheckIns } from './lifecycle.ts';
import { mentorCommand } from './mentor.command.ts';
import { mentorRoundJob } from './round.job.ts';
import { MENTORSHIP_SETTINGS } from './settings.ts';
import { mentorshipHome } from './status.ts';
import { handOnSilentAsks } from './timeouts.ts';

export { assignMentors } from './assign.ts';

export const mentorshipFeature = defineFeature({
  name: 'mentorship',
  settings: MENTORSHIP_SETTINGS,
  commands: [mentorCommand],
  actions: mentorshipActions,
  forms: mentorshipForms,
  jobs: [mentorRoundJob],
  // Each minute: silent mentors are not waited on past `mentor-timeout-days`; check-ins and closes go out on time.
  async sweep(scope) {
    await handOnSilentAsks(scope);
    await sendDueCheckIns(scope);
  },
  onMemberLeft: mentorshipMemberLeft,
  home: mentorshipHome,
  forget: forgetMentorship,
  exportData: exportMentorship,
  stats: mentorshipStats,
});
