/** The settings the resources feature owns (`/hallway config` names). */
import type { Community } from '#core/command.ts';
import { opt } from '#core/options.ts';
import { type SettingDefs, settingsOf, settingTypes } from '#core/settings.ts';
import { z } from 'zod';

/** The longest booking a community may allow: two weeks (the store bounds its overlap search by it). */
export const MAX_BOOKING_HOURS = 14 * 24;

export const RESOURCE_SETTINGS = {
  'resources-channel': {
    schema: settingTypes.channel.optional(),
    option: opt.channel('Channel for resource cards (default: where a resource is added)'),
  },
  'booking-max-hours': {
    schema: z.number().int().min(1).max(MAX_BOOKING_HOURS).default(8),
    option: opt.integer('Longest booking, in hours', { min: 1, max: MAX_BOOKING_HOURS }),
  },
  'booking-max-days-ahead': {
    schema: z.number().int().min(1).max(365).default(60),
    option: opt.integer('How many days ahead members may book', { min: 1, max: 365 }),
  },
  'booking-max-per-member': {
    schema: z.number().int().min(1).max(100).default(5),
    option: opt.integer('Upcoming bookings one member may hold at once', { min: 1, max: 100 }),
  },
} satisfies SettingDefs;

export const resourceSettings = (community: Community) => settingsOf(community, RESOURCE_SETTINGS);
