/**
 * Per-community settings. Each feature declares the settings it owns (`Feature.settings`): the stored schema with
 * its default, and the option `/hallway config` takes for it. The core merges them into one schema (a name owned
 * twice is refused at start-up), stores them as one JSON object on the community, and parses them with every
 * default filled before any handler runs; a feature reads its own with `settingsOf`.
 */
import { z } from 'zod';
import { opt } from './options.ts';
import { isValidTimezone } from './time.ts';

export const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** Stored schemas for the kinds of value settings hold. */
export const settingTypes = {
  time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'must be a time like 09:00' }),
  day: z.enum(WEEKDAYS),
  timezone: z.string().refine(isValidTimezone, { message: 'must be an IANA time zone like Europe/Paris' }),
  channel: z.string(),
};

/** One setting: how it is stored (with its default) and the `/hallway config` option that sets it. */
export interface SettingDef {
  readonly schema: z.ZodType;
  readonly option: z.ZodType;
}

export type SettingDefs = Readonly<Record<string, SettingDef>>;

/** Parsed settings of every feature, defaults filled. Features read theirs through `settingsOf`. */
export type Settings = Readonly<Record<string, unknown>>;

/** The settings the core itself owns. */
export const coreSettings: SettingDefs = {
  /** Falls back to HALLWAY_TIMEZONE when unset. */
  timezone: {
    schema: settingTypes.timezone.optional(),
    option: opt.string('Community time zone (IANA), e.g. Europe/Paris', { max: 64 }),
  },
  /** New messages one member's actions may make Hallway send per minute (src/core/send-budget.ts). */
  'member-sends': {
    schema: z.number().int().min(0).max(1000).default(30),
    option: opt.integer('New messages one member may make Hallway send per minute (0: no limit)', {
      min: 0,
      max: 1000,
    }),
  },
};

/** Merges the core's and the features' settings; a name declared twice is a bug and throws. */
export function mergeSettings(sources: readonly SettingDefs[]): SettingDefs {
  const merged: Record<string, SettingDef> = {};
  for (const defs of sources) {
    for (const [name, def] of Object.entries(defs)) {
      if (merged[name]) throw new Error(`the setting ${name} is declared twice`);
      merged[name] = def;
    }
  }
  return merged;
}

/** Reads stored settings, keeping each valid value and defaulting the rest. */
export function parseSettings(defs: SettingDefs, stored: Readonly<Record<string, unknown>>): Settings {
  const clean: Record<string, unknown> = {};
  for (const [key, def] of Object.entries(defs)) {
    const value = stored[key];
    const parsed = def.schema.safeParse(value);
    const fallback = def.schema.safeParse(undefined);
    if (value !== undefined && parsed.success) clean[key] = parsed.data;
    else if (fallback.success && fallback.data !== undefined) clean[key] = fallback.data;
  }
  return clean;
}

/** A feature's own settings, typed by the shape it declared (values were parsed and defaulted by the core). */
export function settingsOf<T extends Readonly<Record<string, { readonly schema: z.ZodType }>>>(
  community: { readonly settings: Settings },
  _defs: T,
): { readonly [K in keyof T]: z.output<T[K]['schema']> } {
  return community.settings as { readonly [K in keyof T]: z.output<T[K]['schema']> };
}

/** The community's zone: its own setting, else the deployment default. */
export function communityTimezone(settings: Settings, fallback: string): string {
  return (settings.timezone as string | undefined) ?? fallback;
}
