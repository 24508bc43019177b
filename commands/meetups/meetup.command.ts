/** `/meetup`: plan, answer, change and export meetups. */
import { defineCommand } from './kit.ts';
import { createSubcommand } from './create.command.ts';
import { cancelSubcommand, editSubcommand, statsSubcommand } from './manage.command.ts';
import { calendarSubcommand, listSubcommand, remindersSubcommand, rsvpSubcommand } from './member.command.ts';

export const meetupCommand = defineCommand({
  name: 'meetup',
  description: 'Plan meetups, answer them, get reminders and calendar files',
  default: 'list',
  subcommands: {
    create: createSubcommand,
    list: listSubcommand,
    rsvp: rsvpSubcommand,
    edit: editSubcommand,
    cancel: cancelSubcommand,
    calendar: calendarSubcommand,
    reminders: remindersSubcommand,
    stats: statsSubcommand,
  },
});
