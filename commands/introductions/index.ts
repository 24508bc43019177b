/**
 * The introductions feature: the welcome DM and its one reminder, the two-part intro form, the intro card with
 * "you might want to meet", approval mode, `/profile` and the `/skills` directory.
 */
import { INTRO_SETTINGS } from './settings.ts';
import { defineFeature } from './kit.ts';
import { introStats } from './stats.ts';
import { approveAction, editAction, rejectAction, rejectSubmit, reviewEditSubmit } from './approval.ts';
import { autocompleteSkills, exportIntroductions, forgetMember, homeSections, memberLeft } from './hooks.ts';
import { introCommand, openAction } from './intro.command.ts';
import { profileCommand } from './profile.command.ts';
import { skillsCommand } from './skills.command.ts';
import { findPageAction } from './skills-find.ts';
import { aboutSubmit, moreSubmit } from './submit.ts';
import { introRemindersJob, welcomeMember } from './welcome.ts';

/** Everything introductions adds to Hallway. */
export const introductionsFeature = defineFeature({
  name: 'introductions',
  settings: INTRO_SETTINGS,
  commands: [introCommand, profileCommand, skillsCommand],
  actions: [openAction, approveAction, editAction, rejectAction, findPageAction],
  forms: [aboutSubmit, moreSubmit, reviewEditSubmit, rejectSubmit],
  jobs: [introRemindersJob],
  onMemberJoined: welcomeMember,
  onMemberLeft: memberLeft,
  home: homeSections,
  forget: forgetMember,
  exportData: exportIntroductions,
  autocomplete: autocompleteSkills,
  stats: introStats,
});
