/** `/hallway config`: shows the community's settings, or sets those given as options (managers only). */
import { z } from 'zod';
import { defineSubcommand } from '#core/command.ts';
import { UserError } from '#core/errors.ts';
import { opt } from '#core/options.ts';
import type { Field } from '#core/reply.ts';
import { parseSettings, type Settings, settingsSchema, WEEKDAYS } from '#core/settings.ts';
import { fmt } from '#core/text.ts';

const time = (what: string) => opt.string(`Time of the ${what}, HH:mm in the community's zone`, { max: 5 });
const question = (n: number) => opt.string(`Custom intro question ${n} ("none" removes it)`, { max: 100 });

const args = z.object({
  'intro-channel': opt.channel('Channel where intro cards are posted').optional(),
  'meetup-channel': opt.channel('Channel where meetup cards and the digest go').optional(),
  'feedback-channel': opt.channel('Channel for work-in-progress prompts').optional(),
  timezone: opt.string('Community time zone (IANA), e.g. Europe/Paris', { max: 64 }).optional(),
  'match-day': opt.choice('Day of the weekly match round', WEEKDAYS).optional(),
  'match-time': time('weekly match round').optional(),
  'digest-day': opt.choice('Day of the weekly digest', WEEKDAYS).optional(),
  'digest-time': time('weekly digest').optional(),
  'prompt-day': opt.choice('Day of the work-in-progress prompt', WEEKDAYS).optional(),
  'prompt-time': time('work-in-progress prompt').optional(),
  approval: opt.boolean('Managers approve intro cards before they are posted').optional(),
  'intro-reminder-days': opt.integer('Days before the one intro reminder', { min: 1, max: 30 }).optional(),
  'intro-question-1': question(1).optional(),
  'intro-question-2': question(2).optional(),
  'intro-question-3': question(3).optional(),
  'match-window-weeks': opt.integer('Weeks before a pair may meet again', { min: 0, max: 52 }).optional(),
  'match-follow-up-days': opt.integer('Days after a pairing before "Did you meet?"', { min: 1, max: 14 }).optional(),
  'feedback-timeout-hours': opt.integer('Hours a reviewer has to answer', { min: 1, max: 336 }).optional(),
  matching: opt.boolean('Weekly match rounds on or off').optional(),
  digest: opt.boolean('Weekly digest on or off').optional(),
  prompts: opt.boolean('Work-in-progress prompts on or off').optional(),
});

function fieldsOf(settings: Settings, timezone: string): Field[] {
  const channel = (id?: string) => (id ? fmt.channel(id) : 'not set');
  return Object.keys(settingsSchema.shape).map((key) => {
    const value = settings[key as keyof Settings];
    if (key.endsWith('-channel')) return { label: key, value: channel(value as string | undefined) };
    if (key === 'timezone') return { label: key, value: (value as string | undefined) ?? `${timezone} (default)` };
    return { label: key, value: value === undefined ? 'not set' : String(value) };
  });
}

export const configSubcommand = defineSubcommand({
  description: "Show or change the community's settings (managers)",
  examples: ['', 'intro-channel:#intros timezone:Europe/Paris', 'match-day:tuesday match-time:10:00 approval:on'],
  admin: true,
  args,
  run(values, ctx) {
    const given = Object.entries(values).filter(([, v]) => v !== undefined);
    if (given.length === 0) {
      return {
        title: 'Community settings',
        text: 'Change any of these with `/hallway config name:value`.',
        sections: [{ fields: fieldsOf(ctx.community.settings, ctx.community.timezone) }],
      };
    }
    const stored = { ...ctx.repos.communities.get(ctx.community.id)?.settings };
    for (const [key, value] of given) {
      const cleared = typeof value === 'string' && value.toLowerCase() === 'none';
      const field = settingsSchema.shape[key as keyof Settings];
      if (!cleared && !field.safeParse(value).success) {
        const issue = field.safeParse(value).error?.issues[0]?.message ?? 'is not valid';
        throw new UserError('invalid_input', `\`${key}\` ${issue}.`);
      }
      if (cleared) delete stored[key];
      else stored[key] = value;
    }
    ctx.repos.communities.saveSettings(ctx.community.id, stored);
    const saved = parseSettings(stored);
    return {
      text: `Saved: ${given.map(([k]) => fmt.bold(k)).join(', ')}.`,
      sections: [
        {
          fields: fieldsOf(saved, saved.timezone ?? ctx.community.timezone).filter((f) =>
            given.some(([k]) => k === f.label),
          ),
        },
      ],
    };
  },
});
