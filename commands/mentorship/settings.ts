/** The settings the mentorship feature owns (`/hallway config` names). */
import type { Community } from '#core/command.ts';
import { opt } from '#core/options.ts';
import { type SettingDefs, settingsOf, settingTypes, WEEKDAYS } from '#core/settings.ts';
import { z } from 'zod';

export const MENTORSHIP_SETTINGS = {
  /** Days a mentor has to answer a request before it moves on. */
  'mentor-timeout-days': {
    schema: z.number().int().min(1).max(14).default(3),
    option: opt.integer('Days a mentor has to answer a mentorship request', { min: 1, max: 14 }),
  },
  /** Weeks between "How is it going?" check-ins. */
  'mentor-check-in-weeks': {
    schema: z.number().int().min(1).max(6).default(2),
    option: opt.integer('Weeks between mentorship check-ins', { min: 1, max: 6 }),
  },
  'mentor-round-day': {
    schema: settingTypes.day.default('tuesday'),
    option: opt.choice('Day of the weekly mentor round (waiting mentees meet mentors)', WEEKDAYS),
  },
} satisfies SettingDefs;

export const mentorshipSettings = (community: Community) => settingsOf(community, MENTORSHIP_SETTINGS);

/** The mentor round runs at this local time on `mentor-round-day`. */
export const ROUND_TIME = '10:00';
/** A mentorship runs its course after this many weeks; then both get the closing question. */
export const MENTORSHIP_WEEKS = 12;
/** Mentees at once, as `/mentor offer capacity:` takes it. */
export const MAX_CAPACITY = 5;
