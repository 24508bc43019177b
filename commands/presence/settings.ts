/** The settings the presence feature owns (`/hallway config` names). */
import type { Community } from '#core/command.ts';
import { opt } from '#core/options.ts';
import { type SettingDefs, settingsOf, settingTypes } from '#core/settings.ts';
import { z } from 'zod';

export const PRESENCE_SETTINGS = {
  /** Off until a manager turns it on: presence is personal, so a community opts in first. */
  presence: { schema: z.boolean().default(false), option: opt.boolean("Who's in today (/here) on or off") },
  'presence-channel': {
    schema: settingTypes.channel.optional(),
    option: opt.channel("Channel for the morning who's-in-today post"),
  },
} satisfies SettingDefs;

export const presenceSettings = (community: Community) => settingsOf(community, PRESENCE_SETTINGS);

/** The morning "who's in today" post goes out at this local time. */
export const POST_TIME = '10:00';
