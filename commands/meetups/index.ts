/**
 * The meetups feature: `/meetup` (create, list, rsvp, edit, cancel, calendar, reminders, stats), the RSVP, rating
 * and draft buttons, the create/edit/comment forms, the `meetup-reminders` and `digest` jobs, and its hooks.
 */
import { MEETUP_SETTINGS } from './settings.ts';
import { defineFeature } from './kit.ts';
import { meetupStats } from './stats.ts';
import { meetupActions } from './actions.ts';
import { commentFormDef, createFormDef, editFormDef } from './forms.ts';
import { autocompleteMeetups, exportMeetups, forgetMeetups, meetupsHome, meetupsMemberLeft } from './hooks.ts';
import { digestJob, meetupRemindersJob } from './jobs.ts';
import { meetupCommand } from './meetup.command.ts';

/** Dates in words, read in the community's zone, for other features until the shared date parser lands. */
export { parseWhen } from './parse-when.ts';

export const meetupsFeature = defineFeature({
  name: 'meetups',
  settings: MEETUP_SETTINGS,
  commands: [meetupCommand],
  actions: meetupActions,
  forms: [createFormDef, editFormDef, commentFormDef],
  jobs: [meetupRemindersJob, digestJob],
  home: meetupsHome,
  onMemberLeft: meetupsMemberLeft,
  forget: forgetMeetups,
  exportData: exportMeetups,
  autocomplete: autocompleteMeetups,
  stats: meetupStats,
});
