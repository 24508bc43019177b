/**
 * Discord `custom_id`s for buttons and modals (≤ 100 characters, unique within a message).
 *
 * A button is `<action>|<value>`, a modal `form|<formId>|<meta>`. Interactions from a DM carry no guild, so a
 * component sent in a DM is prefixed with its guild, `<guildId>/…`, when room allows: the click then maps back to
 * the right community even when the bot serves several servers. Action ids start with a letter, so the prefix
 * (digits then `/`) can never be mistaken for one.
 */

/** Discord's limit for every `custom_id`. */
export const CUSTOM_ID_MAX = 100;

const GUILD_PREFIX = /^(\d{5,25})\/(.*)$/s;

function withGuild(id: string, guildId: string | undefined): string | undefined {
  if (guildId) {
    const prefixed = `${guildId}/${id}`;
    if (prefixed.length <= CUSTOM_ID_MAX) return prefixed;
  }
  // Without the prefix a DM click falls back to the configured (or only) guild.
  return id.length <= CUSTOM_ID_MAX ? id : undefined;
}

function splitGuild(customId: string): { guildId?: string; rest: string } {
  const m = GUILD_PREFIX.exec(customId);
  return m ? { guildId: m[1], rest: m[2] ?? '' } : { rest: customId };
}

/** `custom_id` of a button, or undefined when it cannot fit in 100 characters. */
export function buttonCustomId(action: string, value: string, guildId?: string): string | undefined {
  if (action.length === 0 || action.includes('|') || /^\d/.test(action)) return undefined;
  return withGuild(`${action}|${value}`, guildId);
}

/** `custom_id` of a modal, or undefined when it cannot fit in 100 characters. */
export function formCustomId(formId: string, meta: string | undefined, guildId?: string): string | undefined {
  if (formId.length === 0 || formId.includes('|')) return undefined;
  return withGuild(`form|${formId}|${meta ?? ''}`, guildId);
}

export interface ParsedButtonId {
  readonly guildId?: string;
  readonly action: string;
  readonly value: string;
}

export interface ParsedFormId {
  readonly guildId?: string;
  readonly formId: string;
  /** Undefined when the form carried no meta. */
  readonly meta?: string;
}

/** Reads a button's `custom_id`; undefined for ids Hallway did not make. */
export function parseButtonId(customId: string): ParsedButtonId | undefined {
  const { guildId, rest } = splitGuild(customId);
  const bar = rest.indexOf('|');
  if (bar <= 0) return undefined;
  return { guildId, action: rest.slice(0, bar), value: rest.slice(bar + 1) };
}

/** Reads a modal's `custom_id`; undefined for ids Hallway did not make. */
export function parseFormId(customId: string): ParsedFormId | undefined {
  const { guildId, rest } = splitGuild(customId);
  const m = /^form\|([^|]+)\|(.*)$/s.exec(rest);
  if (!m) return undefined;
  const meta = m[2] ?? '';
  return { guildId, formId: m[1] ?? '', meta: meta === '' ? undefined : meta };
}
