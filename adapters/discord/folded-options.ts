/**
 * Discord allows at most 25 options per subcommand; a subcommand with more (`/hallway config`, one option per
 * setting of every feature) is registered as an `option` / `value` pair instead: `/hallway config option:match-day
 * value:tuesday`. Registration, the inbound translation back to `{ "match-day": "tuesday" }`, and the autocomplete of
 * the option's name (and of its value, when the option has fixed choices) all live here, generic over the catalog.
 */
import { type APIApplicationCommandBasicOption, ApplicationCommandOptionType as T } from 'discord.js';
import type { CommandCatalog, SubcommandSpec } from '#core/catalog.ts';
import type { CommandEvent } from '#core/inbound.ts';
import { coerceOption } from '#core/options.ts';

/** Discord's limit of options per subcommand. */
export const MAX_OPTIONS = 25;
const OPTION = 'option';
const VALUE = 'value';

export function isFolded(sub: SubcommandSpec): boolean {
  return sub.options.length > MAX_OPTIONS;
}

/** The two options a folded subcommand is registered with. */
export function foldedOptionsJSON(): APIApplicationCommandBasicOption[] {
  return [
    { type: T.String, name: OPTION, description: 'Which one (start typing to see them all)', autocomplete: true },
    { type: T.String, name: VALUE, description: 'Its new value ("none" clears it)', max_length: 200 },
  ] as APIApplicationCommandBasicOption[];
}

function subOf(catalog: CommandCatalog, event: CommandEvent): SubcommandSpec | undefined {
  if (event.input.kind !== 'options') return undefined;
  const spec = catalog.find((c) => c.name === event.command);
  const name = event.input.subcommand ?? spec?.defaultSubcommand ?? '';
  return spec?.subcommands.find((s) => s.name === name);
}

/**
 * A folded command as the core expects it: `{ option: "match-day", value: "tuesday" }` → `{ "match-day": "tuesday" }`
 * (coerced like typed text: `4` → 4, `on` → true). An option name that does not exist is passed on as given, for
 * the core to refuse with its "unknown option" answer; without a value the command shows instead of changing.
 */
export function unfold(catalog: CommandCatalog, event: CommandEvent): CommandEvent {
  const sub = subOf(catalog, event);
  if (!sub || !isFolded(sub) || event.input.kind !== 'options') return event;
  const { [OPTION]: name, [VALUE]: value } = event.input.options;
  const options: Record<string, unknown> = {};
  if (typeof name === 'string' && typeof value === 'string') {
    const spec = sub.options.find((o) => o.name === name.trim().toLowerCase());
    options[spec?.name ?? name.trim()] = spec ? coerceOption(spec, value) : value;
  }
  return { ...event, input: { ...event.input, options } };
}

/** Suggestions for a folded subcommand's `option` (names) or `value` (the chosen option's choices); else undefined. */
export function foldedSuggestions(
  catalog: CommandCatalog,
  event: CommandEvent,
  focused: string,
  prefix: string,
): { name: string; value: string }[] | undefined {
  const sub = subOf(catalog, event);
  const { input } = event;
  if (!sub || !isFolded(sub) || input.kind !== 'options') return undefined;
  const typed = prefix.trim().toLowerCase();
  if (focused === OPTION) {
    return sub.options
      .filter((o) => o.name.includes(typed))
      .slice(0, MAX_OPTIONS)
      .map((o) => ({ name: `${o.name} — ${o.description}`.slice(0, 100), value: o.name }));
  }
  const chosen = sub.options.find((o) => o.name === String(input.options[OPTION] ?? '').toLowerCase());
  return (chosen?.choices ?? [])
    .filter((c) => c.toLowerCase().includes(typed))
    .slice(0, MAX_OPTIONS)
    .map((c) => ({ name: c, value: c }));
}
