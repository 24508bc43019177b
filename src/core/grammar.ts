/**
 * The text grammar of Slack and the shell: a subcommand word, then positional words and `name:value` /
 * `name:"quoted value"` options that mirror the Discord options exactly, e.g.
 * `/meetup create title:"Zine night" when:"fri 19:00" repeat:weekly`.
 * Positional words fill the options not given by name, in declaration order; the last one takes the rest (a trailing
 * number/boolean option only takes a last word that looks like one).
 */
import type { CommandSpec, SubcommandSpec } from './catalog.ts';
import type { OptionSpec } from './options.ts';
import { editDistance } from './edit-distance.ts';
import { UserError } from './errors.ts';

export interface Word {
  /** Set for `name:value` words whose name is one of the subcommand's options. */
  readonly name?: string;
  readonly value: string;
  /** The value was quoted (keeps spaces; never taken as an option name). */
  readonly quoted: boolean;
}

// Double quotes only: apostrophes are common in member text ("it's"). Typographic ones come from autocorrect.
const QUOTES: Record<string, string> = { '"': '"', '“': '”', '”': '”', '„': '“' };

/**
 * Splits text into words, honouring quotes (straight and typographic) and backslash escapes inside them. A word
 * shaped like `name:value` whose name is not an option is refused (`aproval:on` must not become text of another
 * option), with the closest option name offered; a value that merely holds a colon (`https://…`, `mailto:…`,
 * `19:00`, `"Re: draft"`) is not shaped like that.
 */
export function splitWords(text: string, optionNames: ReadonlySet<string>): Word[] {
  const words: Word[] = [];
  let i = 0;
  while (i < text.length) {
    while (i < text.length && /\s/.test(text[i]!)) i++;
    if (i >= text.length) break;
    const named = /^([a-z][a-z0-9_-]*):(?!\/\/)(?=\S)/i.exec(text.slice(i));
    let name: string | undefined;
    if (named && optionNames.has(named[1]!.toLowerCase())) {
      name = named[1]!.toLowerCase();
      i += named[0].length;
    } else if (named && !NOT_OPTIONS.has(named[1]!.toLowerCase())) {
      throw unknownOption(named[1]!, optionNames);
    }
    const [value, quoted, next] = readValue(text, i);
    words.push({ name, value, quoted });
    i = next;
  }
  return words;
}

/** Words that are followed by a colon in ordinary values, never option names. */
const NOT_OPTIONS = new Set(['http', 'https', 'mailto', 'tel', 'ftp', 'sms', 'slack', 'discord', 'spotify', 'zoom']);

/** "unknown option `aproval` — did you mean `approval`?" */
export function unknownOption(name: string, optionNames: ReadonlySet<string>): UserError {
  const names = [...optionNames];
  const closest = closestName(name.toLowerCase(), names);
  const known = names.length ? ` It takes: ${names.map((n) => `\`${n}\``).join(', ')}.` : ' It takes no options.';
  return new UserError(
    'unknown_option',
    closest
      ? `Unknown option \`${name}\` — did you mean \`${closest}\`? Nothing was changed.`
      : `Unknown option \`${name}\`. Nothing was changed.${known}`,
  );
}

/** The option name within two edits of `name` (or starting with it), if exactly one is closest. */
export function closestName(name: string, names: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of names) {
    const distance = candidate.startsWith(name) && name.length >= 3 ? 1 : editDistance(name, candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return bestDistance <= Math.min(2, Math.max(1, Math.floor(name.length / 3))) ? best : undefined;
}

function readValue(text: string, start: number): [string, boolean, number] {
  const close = QUOTES[text[start] ?? ''];
  if (close) {
    let out = '';
    let i = start + 1;
    while (i < text.length && text[i] !== close) {
      if (text[i] === '\\' && i + 1 < text.length) i++;
      out += text[i];
      i++;
    }
    if (i < text.length) return [out, true, i + 1];
    // An unclosed quote is taken literally rather than refused: members type apostrophes.
  }
  let i = start;
  while (i < text.length && !/\s/.test(text[i]!)) i++;
  return [text.slice(start, i), false, i];
}

export interface ParsedCommand {
  readonly subcommand: SubcommandSpec;
  /** Raw string values by option name (not yet coerced or validated). */
  readonly values: Readonly<Record<string, string>>;
}

/**
 * Which subcommand the text names (its first word, else the default) and the text after that word. Throws
 * UserError for an unknown subcommand. Separate from parsing the options, so the core can check who may run the
 * subcommand before it looks at the arguments.
 */
export function findSubcommand(command: CommandSpec, text: string): { sub: SubcommandSpec; rest: string } {
  const trimmed = text.trim();
  const first = trimmed.split(/\s+/, 1)[0]?.toLowerCase() ?? '';
  const named = command.subcommands.find((s) => s.name !== '' && s.name === first);
  if (named) return { sub: named, rest: trimmed.slice(first.length) };
  const fallback = command.subcommands.find((s) => s.name === (command.defaultSubcommand ?? ''));
  const isFlat = fallback?.name === '';
  if (!fallback || (first && !isFlat && fallback.options.length === 0)) throw unknownSubcommand(command, first);
  return { sub: fallback, rest: trimmed };
}

/** Finds the subcommand and assigns words to options. Throws UserError for unknown subcommands or extra words. */
export function parseCommandText(command: CommandSpec, text: string): ParsedCommand {
  const { sub, rest } = findSubcommand(command, text);
  return { subcommand: sub, values: assignWords(sub, splitWords(rest, new Set(sub.options.map((o) => o.name)))) };
}

function assignWords(sub: SubcommandSpec, words: Word[]): Record<string, string> {
  const values: Record<string, string> = {};
  for (const w of words) {
    if (w.name === undefined) continue;
    if (w.name in values) throw new UserError('invalid_input', `\`${w.name}\` is given twice.`);
    values[w.name] = w.value;
  }
  const positional = words.filter((w) => w.name === undefined).map((w) => w.value);
  const open = sub.options.filter((o) => !(o.name in values));
  // A trailing number/boolean option takes the last word only if it looks like one, so the text before keeps its
  // spaces: `find layout design 2` → skill "layout design", page 2; `find layout design` → no page.
  while (open.length > 1 && positional.length > 1 && TYPED_WORD[open.at(-1)!.type]) {
    const option = open.pop()!;
    if (TYPED_WORD[option.type]!.test(positional.at(-1)!)) values[option.name] = positional.pop()!;
  }
  open.forEach((o, index) => {
    if (positional.length === 0) return;
    const isLast = index === open.length - 1;
    values[o.name] = isLast ? positional.splice(0).join(' ') : (positional.shift() as string);
  });
  if (positional.length > 0) {
    throw new UserError('invalid_input', `I did not understand "${positional.join(' ')}".`);
  }
  return values;
}

/** What a positional word must look like to fill a typed option (see `assignWords`). */
const TYPED_WORD: Partial<Record<OptionSpec['type'], RegExp>> = {
  integer: /^[-+]?\d+$/,
  number: /^[-+]?\d+(\.\d+)?$/,
  boolean: /^(on|off|yes|no|true|false)$/i,
};

function unknownSubcommand(command: CommandSpec, word: string): UserError {
  const names = command.subcommands.map((s) => s.name).filter(Boolean);
  return new UserError(
    'not_found',
    `\`/${command.name}\` has no \`${word}\`. Try one of: ${names.join(', ')} (or \`/${command.name} help\`).`,
  );
}

/** The inverse of parsing, for help examples and property tests: options as `name:value`, quoted when needed. */
export function renderCommandText(sub: SubcommandSpec, values: Readonly<Record<string, string>>): string {
  const parts = sub.name ? [sub.name] : [];
  for (const o of sub.options) {
    const v = values[o.name];
    if (v !== undefined) parts.push(`${o.name}:${quote(v)}`);
  }
  return parts.join(' ');
}

function quote(value: string): string {
  if (value !== '' && !/[\s"“”„\\]/.test(value)) return value;
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}
