/** The settings the introductions feature owns (`/hallway config` names). */
import type { Community } from '#core/command.ts';
import { opt } from '#core/options.ts';
import { type SettingDefs, settingsOf, settingTypes } from '#core/settings.ts';
import { z } from 'zod';

const question = (n: number) => ({
  schema: z.string().max(100).optional(),
  option: opt.string(`Custom intro question ${n} ("none" removes it)`, { max: 100 }),
});

export const INTRO_SETTINGS = {
  'intro-channel': {
    schema: settingTypes.channel.optional(),
    option: opt.channel('Channel where intro cards are posted'),
  },
  /** Intro cards wait for a manager's approval before they are posted. */
  approval: {
    schema: z.boolean().default(false),
    option: opt.boolean('Managers approve intro cards before they are posted'),
  },
  /** Days after joining before the one gentle intro reminder. */
  'intro-reminder-days': {
    schema: z.number().int().min(1).max(30).default(3),
    option: opt.integer('Days before the one intro reminder', { min: 1, max: 30 }),
  },
  /** Up to three custom intro questions asked by this community. */
  'intro-question-1': question(1),
  'intro-question-2': question(2),
  'intro-question-3': question(3),
} satisfies SettingDefs;

export const introSettings = (community: Community) => settingsOf(community, INTRO_SETTINGS);

export type IntroSettings = ReturnType<typeof introSettings>;
