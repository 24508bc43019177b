/**
 * The meetups feature: `/meetup` (create, list, rsvp, edit, cancel, calendar, reminders, stats), the RSVP, rating
 * and draft buttons, the create/edit/comment forms, the `meetup-reminders` and `digest` jobs, and its hooks.
 */
import { MEETUP_SETTINGS } from './settings.ts';
import { defineFeature } from './kit.ts';
import { meetupStats } from './stats.ts';
import { meetupActions } from './actions.ts';
import { hostAction } from './hosts.ts';
import { commentFormDef, createFormDef, editFormDef } from './forms.ts';
import { autocompleteMeetups, exportMeetups, forgetMeetups, meetupsHome, meetupsMemberLeft } from './hooks.ts';
import { digestJob, meetupRemindersJob } from './jobs.ts';
import { meetupCommand } from './meetup.command.ts';
import { memberMeetupEvents } from './feed.ts';

export const meetupsFeature = defineFeature({
  name: 'meetups',
  settings: MEETUP_SETTINGS,
  commands: [meetupCommand],
  actions: [...meetupActions, hostAction],
  forms: [createFormDef, editFormDef, commentFormDef],
  jobs: [meetupRemindersJob, digestJob],
  home: meetupsHome,
  onMemberLeft: meetupsMemberLeft,
  forget: forgetMeetups,
  exportData: exportMeetups,
  autocomplete: autocompleteMeetups,
  stats: meetupStats,
  calendarEvents: memberMeetupEvents,
});

/** For the web surface: the community feed's events. For the dashboard: the skill-share draft button. */
export { communityMeetupEvents } from './feed.ts';
export { planSessionButton } from './digest.ts';
export type { MeetupsStore } from './store.ts';
