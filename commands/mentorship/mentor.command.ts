/** `/mentor`: offer to mentor, pause, resume, stop; find a mentor, ask one; see and end your mentorships. */
import { z } from 'zod';
import { opt } from '#core/options.ts';
import { defineCommand, defineSubcommand } from './kit.ts';
import { endMentorship } from './end.ts';
import { findMentors } from './find.ts';
import { NOTE_MAX, saveOffer, setPaused, stopMentoring } from './offer.ts';
import { ABOUT_MAX, GOAL_MAX, requestForm, submitRequest } from './request.ts';
import { MAX_CAPACITY } from './settings.ts';
import { mentorStatus } from './status.ts';

const offer = defineSubcommand({
  description: 'Mentor members in these skills',
  examples: [
    'skills:"typography, pricing your work" capacity:2',
    'skills:"video editing" note:"Happy to look at reels"',
  ],
  args: z.object({
    skills: opt.string('Skills you would mentor, comma-separated', { max: 300, autocomplete: 'skills' }),
    capacity: opt.integer(`Mentees at once (1-${MAX_CAPACITY}, default 1)`, { min: 1, max: MAX_CAPACITY }).optional(),
    note: opt.string('A short note for mentees', { max: NOTE_MAX }).optional(),
  }),
  run: (args, ctx) => saveOffer(ctx, args),
});

const noArgs = z.object({});

const pause = defineSubcommand({
  description: 'Take no new mentees for now (current ones carry on)',
  examples: [''],
  args: noArgs,
  run: (_args, ctx) => setPaused(ctx, true),
});

const resume = defineSubcommand({
  description: 'Take mentorship requests again',
  examples: [''],
  args: noArgs,
  run: (_args, ctx) => setPaused(ctx, false),
});

const stop = defineSubcommand({
  description: 'Stop mentoring (your mentees are told kindly)',
  examples: [''],
  args: noArgs,
  run: (_args, ctx) => stopMentoring(ctx),
});

const find = defineSubcommand({
  description: 'Mentors with room for a skill, best fit first',
  examples: ['skill:pricing', 'skill:"video editing"'],
  args: z.object({ skill: opt.string('The skill you want to grow in', { max: 80, autocomplete: 'skills' }) }),
  run: ({ skill }, ctx) => findMentors(ctx, skill),
});

const request = defineSubcommand({
  description: 'Ask a member to mentor you (or, with no member, wait for the mentor round)',
  examples: ['@raj about:"pricing my first commission"', 'about:"getting started with typography" skill:typography'],
  args: z.object({
    member: opt.user('The mentor you would like (none: the weekly mentor round finds one)').optional(),
    about: opt.string('What you would like help with', { max: ABOUT_MAX }).optional(),
    goal: opt.string('A goal for the mentorship', { max: GOAL_MAX }).optional(),
    skill: opt.string('The skill (default: from what you wrote)', { max: 80, autocomplete: 'skills' }).optional(),
  }),
  async run(args, ctx) {
    const member = args.member as string | undefined;
    if (member && member !== ctx.actor.userId && !args.about?.trim()) {
      return { text: 'Tell them what you would like help with.', form: requestForm(member, args.skill) };
    }
    return await submitRequest({ ...args, member }, ctx);
  },
});

const status = defineSubcommand({
  description: 'Your mentoring, mentorships and requests',
  examples: [''],
  args: noArgs,
  run: (_args, ctx) => mentorStatus(ctx),
});

const end = defineSubcommand({
  description: 'End a mentorship (both are asked what they took away), or withdraw your request',
  examples: ['', '@lucas'],
  args: z.object({ member: opt.user('The other member, if you have several mentorships').optional() }),
  run: (args, ctx) => endMentorship(ctx, args.member as string | undefined),
});

export const mentorCommand = defineCommand({
  name: 'mentor',
  description: 'Mentorship: mentor others in your skills, or find a mentor',
  subcommands: { offer, pause, resume, stop, find, request, status, end },
  default: 'status',
});
