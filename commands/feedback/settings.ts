/** The settings the feedback feature owns (`/hallway config` names). */
import type { Community } from '#core/command.ts';
import { opt } from '#core/options.ts';
import { type SettingDefs, settingsOf, settingTypes, WEEKDAYS } from '#core/settings.ts';
import { z } from 'zod';

export const FEEDBACK_SETTINGS = {
  'feedback-channel': {
    schema: settingTypes.channel.optional(),
    option: opt.channel('Channel for work-in-progress prompts'),
  },
  /** Work-in-progress prompts and "was it helpful?" questions on or off. */
  prompts: { schema: z.boolean().default(true), option: opt.boolean('Work-in-progress prompts on or off') },
  'prompt-day': {
    schema: settingTypes.day.default('wednesday'),
    option: opt.choice('Day of the work-in-progress prompt', WEEKDAYS),
  },
  'prompt-time': {
    schema: settingTypes.time.default('10:00'),
    option: opt.string("Time of the work-in-progress prompt, HH:mm in the community's zone", { max: 5 }),
  },
  /** Hours a reviewer has to answer a feedback request before it moves on. */
  'feedback-timeout-hours': {
    schema: z.number().int().min(1).max(336).default(48),
    option: opt.integer('Hours a reviewer has to answer', { min: 1, max: 336 }),
  },
} satisfies SettingDefs;

export const feedbackSettings = (community: Community) => settingsOf(community, FEEDBACK_SETTINGS);
