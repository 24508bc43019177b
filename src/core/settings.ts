/**
 * Per-community settings: one zod schema, the names `/hallway config` takes as options. Stored as JSON on the
 * community; read through `parseSettings`, which fills defaults and drops anything no longer valid.
 */
import { z } from 'zod';
import { isValidTimezone } from './time.ts';

export const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'must be a time like 09:00' });
const day = z.enum(WEEKDAYS);
const timezone = z.string().refine(isValidTimezone, { message: 'must be an IANA time zone like Europe/Paris' });

/** Every setting with its default. Channel ids are platform channel ids; empty means "not set yet". */
export const settingsSchema = z.object({
  'intro-channel': z.string().optional(),
  'meetup-channel': z.string().optional(),
  'feedback-channel': z.string().optional(),
  /** Falls back to HALLWAY_TIMEZONE when unset. */
  timezone: timezone.optional(),
  'match-day': day.default('monday'),
  'match-time': time.default('09:00'),
  'digest-day': day.default('monday'),
  'digest-time': time.default('08:30'),
  'prompt-day': day.default('wednesday'),
  'prompt-time': time.default('10:00'),
  /** Intro cards wait for a manager's approval before they are posted. */
  approval: z.boolean().default(false),
  /** Days after joining before the one gentle intro reminder. */
  'intro-reminder-days': z.number().int().min(1).max(30).default(3),
  /** Up to three custom intro questions asked by this community. */
  'intro-question-1': z.string().max(100).optional(),
  'intro-question-2': z.string().max(100).optional(),
  'intro-question-3': z.string().max(100).optional(),
  /** Weeks during which a pair is not repeated in weekly rounds. */
  'match-window-weeks': z.number().int().min(0).max(52).default(12),
  /** Days after a pairing before "Did you meet?". */
  'match-follow-up-days': z.number().int().min(1).max(14).default(3),
  /** Hours a reviewer has to answer a feedback request before it moves on. */
  'feedback-timeout-hours': z.number().int().min(1).max(336).default(48),
  /** Feature switches for the whole community. */
  matching: z.boolean().default(true),
  digest: z.boolean().default(true),
  prompts: z.boolean().default(true),
});

export type Settings = z.infer<typeof settingsSchema>;
export type SettingKey = keyof Settings;

/** Reads stored settings, keeping each valid value and defaulting the rest. */
export function parseSettings(stored: Readonly<Record<string, unknown>>): Settings {
  const clean: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(settingsSchema.shape)) {
    const value = stored[key];
    if (value !== undefined && (schema as z.ZodType).safeParse(value).success) clean[key] = value;
  }
  return settingsSchema.parse(clean);
}

/** The community's zone: its own setting, else the deployment default. */
export function communityTimezone(settings: Settings, fallback: string): string {
  return settings.timezone ?? fallback;
}
