/** The settings the meetups feature owns (`/hallway config` names). */
import type { Community } from '#core/command.ts';
import { opt } from '#core/options.ts';
import { type SettingDefs, settingsOf, settingTypes, WEEKDAYS } from '#core/settings.ts';
import { z } from 'zod';

export const MEETUP_SETTINGS = {
  'meetup-channel': {
    schema: settingTypes.channel.optional(),
    option: opt.channel('Channel where meetup cards and the digest go'),
  },
  /** The weekly digest on or off. */
  digest: { schema: z.boolean().default(true), option: opt.boolean('Weekly digest on or off') },
  'digest-day': {
    schema: settingTypes.day.default('monday'),
    option: opt.choice('Day of the weekly digest', WEEKDAYS),
  },
  'digest-time': {
    schema: settingTypes.time.default('08:30'),
    option: opt.string("Time of the weekly digest, HH:mm in the community's zone", { max: 5 }),
  },
} satisfies SettingDefs;

export const meetupSettings = (community: Community) => settingsOf(community, MEETUP_SETTINGS);
