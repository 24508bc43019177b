/** `/hallway config`: shows the community's settings, or sets those given as options (managers only). */
import { z } from 'zod';
import { UserError } from '#core/errors.ts';
import type { Field } from '#core/reply.ts';
import { parseSettings, type SettingDefs, type Settings } from '#core/settings.ts';
import { fmt } from '#core/text.ts';
import { defineSubcommand } from './kit.ts';

function fieldsOf(defs: SettingDefs, settings: Settings, timezone: string): Field[] {
  const channel = (id?: string) => (id ? fmt.channel(id) : 'not set');
  return Object.keys(defs).map((key) => {
    const value = settings[key];
    if (key.endsWith('-channel')) return { label: key, value: channel(value as string | undefined) };
    if (key === 'timezone') return { label: key, value: (value as string | undefined) ?? `${timezone} (default)` };
    return { label: key, value: value === undefined ? 'not set' : String(value) };
  });
}

/** `defs`: every setting of every feature, with the option that sets it. */
export function configSubcommand(defs: SettingDefs) {
  const args = z.object(Object.fromEntries(Object.entries(defs).map(([name, def]) => [name, def.option.optional()])));
  return defineSubcommand({
    description: "Show or change the community's settings (managers)",
    examples: ['', 'intro-channel:#intros timezone:Europe/Paris', 'match-day:tuesday match-time:10:00 approval:on'],
    admin: true,
    args,
    async run(values, ctx) {
      const given = Object.entries(values).filter(([, v]) => v !== undefined);
      if (given.length === 0) {
        return {
          title: 'Community settings',
          text: 'Change any of these with `/hallway config name:value`.',
          sections: [{ fields: fieldsOf(defs, ctx.community.settings, ctx.community.timezone) }],
        };
      }
      const stored = { ...(await ctx.core.communities.get(ctx.community.id))?.settings };
      for (const [key, value] of given) {
        const cleared = typeof value === 'string' && value.toLowerCase() === 'none';
        const field = defs[key]!.schema;
        const checked = field.safeParse(value);
        if (!cleared && !checked.success) {
          const issue = checked.error.issues[0]?.message ?? 'is not valid';
          throw new UserError('invalid_input', `\`${key}\` ${issue}.`);
        }
        if (cleared) delete stored[key];
        else stored[key] = value;
      }
      await ctx.core.communities.saveSettings(ctx.community.id, stored, {
        keys: given.map(([key]) => key),
        now: ctx.now,
      });
      const saved = parseSettings(defs, stored);
      const zone = (saved.timezone as string | undefined) ?? ctx.community.timezone;
      return {
        text: `Saved: ${given.map(([k]) => fmt.bold(k)).join(', ')}.`,
        sections: [{ fields: fieldsOf(defs, saved, zone).filter((f) => given.some(([k]) => k === f.label)) }],
      };
    },
  });
}
