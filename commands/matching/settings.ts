/** The settings the matching feature owns (`/hallway config` names). */
import type { Community } from '#core/command.ts';
import { opt } from '#core/options.ts';
import { type SettingDefs, settingsOf, settingTypes, WEEKDAYS } from '#core/settings.ts';
import { z } from 'zod';

export const MATCHING_SETTINGS = {
  /** Weekly match rounds on or off for the whole community. */
  matching: { schema: z.boolean().default(true), option: opt.boolean('Weekly match rounds on or off') },
  'match-day': {
    schema: settingTypes.day.default('monday'),
    option: opt.choice('Day of the weekly match round', WEEKDAYS),
  },
  'match-time': {
    schema: settingTypes.time.default('09:00'),
    option: opt.string("Time of the weekly match round, HH:mm in the community's zone", { max: 5 }),
  },
  /** Weeks during which a pair is not repeated in weekly rounds. */
  'match-window-weeks': {
    schema: z.number().int().min(0).max(52).default(12),
    option: opt.integer('Weeks before a pair may meet again', { min: 0, max: 52 }),
  },
  /** Days after a pairing before "Did you meet?". */
  'match-follow-up-days': {
    schema: z.number().int().min(1).max(14).default(3),
    option: opt.integer('Days after a pairing before "Did you meet?"', { min: 1, max: 14 }),
  },
} satisfies SettingDefs;

export const matchingSettings = (community: Community) => settingsOf(community, MATCHING_SETTINGS);
