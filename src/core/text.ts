/**
 * Rich text that stays platform-neutral and cannot be forged by members.
 *
 * The core writes plain strings. Formatting, mentions, channels, links and dates are *tokens* wrapped in two
 * private-use characters (U+E000 … U+E001). `sanitize` removes those characters (and control characters) from every
 * string that comes in from a platform, so member text can never contain a token: a member cannot forge a mention,
 * and each renderer escapes everything outside tokens for its own platform (`&<>` on Slack, mass mentions on
 * Discord) before turning tokens into platform markup.
 */

const OPEN = '\uE000';
const CLOSE = '\uE001';
const SEP = '\uE002';

/** Every kind of token a renderer must handle. */
export type Token =
  | { kind: 'bold'; text: string }
  | { kind: 'italic'; text: string }
  | { kind: 'code'; text: string }
  | { kind: 'user'; userId: string }
  | { kind: 'channel'; channelId: string }
  | { kind: 'link'; url: string; label: string }
  /** An instant; `fallback` is the time already written in the community's zone (shell, notifications). */
  | { kind: 'date'; epochSeconds: number; style: DateStyle; fallback: string };

/** `full`: weekday, date and time; `date`: date only; `time`: time only; `relative`: "in 2 hours". */
export type DateStyle = 'full' | 'date' | 'time' | 'relative';

function token(kind: string, ...parts: (string | number)[]): string {
  return OPEN + [kind, ...parts.map((p) => stripTokenChars(String(p)))].join(SEP) + CLOSE;
}

export const fmt = {
  bold: (text: string) => token('bold', text),
  italic: (text: string) => token('italic', text),
  code: (text: string) => token('code', text),
  /** Mention (and, where the platform pings on mention, ping) one member. */
  user: (userId: string) => token('user', userId),
  channel: (channelId: string) => token('channel', channelId),
  link: (url: string, label = url) => token('link', url, label),
  date: (at: Date, style: DateStyle, fallback: string) =>
    token('date', Math.floor(at.getTime() / 1000), style, fallback),
};

/** A piece of rich text: either literal member-safe text or a token. */
export type Segment = { kind: 'text'; text: string } | Token;

/** Splits rich text into literal text and tokens, for renderers. */
export function segments(rich: string): Segment[] {
  const out: Segment[] = [];
  const re = new RegExp(`${OPEN}([^${CLOSE}]*)${CLOSE}`, 'g');
  let last = 0;
  for (const m of rich.matchAll(re)) {
    if (m.index > last) out.push({ kind: 'text', text: rich.slice(last, m.index) });
    const parsed = parseToken((m[1] ?? '').split(SEP));
    if (parsed) out.push(parsed);
    last = m.index + m[0].length;
  }
  if (last < rich.length) out.push({ kind: 'text', text: rich.slice(last) });
  return out;
}

function parseToken([kind, a = '', b = '', c = '']: string[]): Token | undefined {
  switch (kind) {
    case 'bold':
    case 'italic':
    case 'code':
      return { kind, text: a };
    case 'user':
      return { kind, userId: a };
    case 'channel':
      return { kind, channelId: a };
    case 'link':
      return { kind, url: a, label: b };
    case 'date':
      return { kind, epochSeconds: Number(a), style: b as DateStyle, fallback: c };
    default:
      return undefined;
  }
}

/** Renders rich text with a renderer per segment kind; the renderer escapes literal text for its platform. */
export function renderRich(rich: string, render: (segment: Segment) => string): string {
  return segments(rich)
    .map((s) => render(s))
    .join('');
}

/** Plain text: tokens become readable words (`@name` is left to the caller via `userName`). */
export function toPlain(rich: string, userName: (userId: string) => string = (id) => `@${id}`): string {
  return renderRich(rich, (s) => {
    switch (s.kind) {
      case 'text':
      case 'bold':
      case 'italic':
      case 'code':
        return s.text;
      case 'user':
        return userName(s.userId);
      case 'channel':
        return `#${s.channelId}`;
      case 'link':
        return s.label === s.url ? s.url : `${s.label} (${s.url})`;
      case 'date':
        return s.fallback;
    }
  });
}

function stripTokenChars(text: string): string {
  return text.replace(/[\uE000-\uE002]/g, '');
}

/**
 * Cleans a string that came from a platform: removes control characters (keeping newlines and tabs), the
 * private-use characters that delimit tokens, bidi overrides and zero-width joiners used to disguise text, and
 * normalises to NFC. Applied by `dispatch` to every inbound string, so no feature has to remember it.
 */
export function sanitize(text: string): string {
  // A lone surrogate (first replace) is no character at all, and PostgreSQL refuses it in JSON: dropped like other junk.
  return text
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '')
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .replace(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g, '')
    .replace(/[\u202A-\u202E\u2066-\u2069\u200B\u200E\u200F\uFEFF]/g, '')
    .replace(INVISIBLE, '')
    .replace(JOINER_BY_ASCII, '')
    .replace(/[\uE000-\uF8FF]/g, '');
}

/**
 * Characters that show nothing and can disguise text (`@every\u2060one` reads as a mass mention): word joiner and
 * invisible operators, the Mongolian vowel separator, the soft hyphen, Hangul fillers, the Arabic letter mark, the
 * combining grapheme joiner, the braille blank.
 */
const INVISIBLE = /[\u2060-\u2064\u180E\u00AD\u3164\u115F\u1160\uFFA0\u061C\u2800]|\u034F/g;
/**
 * Zero-width (non-)joiners next to an ASCII character: nothing in English text needs them there, and they split
 * words like `every\u200Done`. Between emoji (👩‍💻) or letters of scripts that use them (Persian, Indic) they stay.
 */
const JOINER_BY_ASCII = /(?<=[\u0000-\u007F])[\u200C\u200D]+|[\u200C\u200D]+(?=[\u0000-\u007F])/g;

/** The longest string the core takes from a platform: longer input is refused before any parser sees it. */
export const MAX_INBOUND_CHARS = 4_000;

/** The length of the longest string inside a JSON-like value (to refuse floods before parsing them). */
export function longestString(value: unknown): number {
  if (typeof value === 'string') return value.length;
  if (Array.isArray(value)) return value.reduce((max: number, v) => Math.max(max, longestString(v)), 0);
  if (value && typeof value === 'object') return longestString(Object.values(value));
  return 0;
}

/** Sanitizes every string inside a JSON-like value. */
export function sanitizeDeep<T>(value: T): T {
  if (typeof value === 'string') return sanitize(value) as T;
  if (Array.isArray(value)) return value.map((v) => sanitizeDeep(v)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, sanitizeDeep(v)])) as T;
  }
  return value;
}

/** Cuts text to `max` characters (code points), ending with an ellipsis when cut. */
export function truncate(text: string, max: number): string {
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  return chars.slice(0, Math.max(0, max - 1)).join('') + '…';
}

/** "1 member", "3 members" ("1 person" / "2 people" with `many`): no "member(s)" in what Hallway says. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en')} ${n === 1 ? one : many}`;
}
