/**
 * The resources feature: the community's rooms, machines, tools and books, booked by the slot and lent with a
 * waitlist, through `/resource` (add, list, show, book, cancel, mine, borrow, return, ask, train, remove), the card
 * and owner buttons, the booking form, the `resource-reminders` job, and its hooks.
 */
import { resourceActions } from './actions.ts';
import { memberBookingEvents } from './calendar.ts';
import { bookFormDef } from './forms.ts';
import {
  autocompleteResources,
  exportResources,
  forgetResources,
  resourcesHome,
  resourcesMemberLeft,
  resourceStats,
} from './hooks.ts';
import { resourceRemindersJob } from './jobs.ts';
import { defineFeature } from './kit.ts';
import { resourceCommand } from './resource.command.ts';
import { RESOURCE_SETTINGS } from './settings.ts';

export const resourcesFeature = defineFeature({
  name: 'resources',
  settings: RESOURCE_SETTINGS,
  commands: [resourceCommand],
  actions: resourceActions,
  forms: [bookFormDef],
  jobs: [resourceRemindersJob],
  home: resourcesHome,
  onMemberLeft: resourcesMemberLeft,
  forget: forgetResources,
  exportData: exportResources,
  stats: resourceStats,
  autocomplete: autocompleteResources,
  calendarEvents: memberBookingEvents,
});
