/**
 * Rich text (see `src/core/text.ts`) to Slack `mrkdwn` and `plain_text`, always within a length budget.
 *
 * Literal text is escaped (`&`, `<`, `>`), which is what makes member text harmless: `<!channel>`, `<!here>` and
 * forged `<@U…>` written by a member arrive as `&lt;!channel&gt;` and Slack shows them as text. Only tokens written
 * by the core become Slack markup. Cutting happens between segments (or inside literal text, never inside an
 * escape), so a cut can never leave half a `<url|label>` behind.
 */
import { type Segment, segments, toPlain } from '#core/text.ts';

const ELLIPSIS = '…';

/** Escapes the three characters Slack treats as markup in `mrkdwn` text. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Slack's own `<!date>` formats for the core's date styles; each member sees their own time zone. */
const DATE_FORMATS = {
  full: '{date_short_pretty} at {time}',
  date: '{date_short_pretty}',
  time: '{time}',
  relative: '{ago}',
} as const;

const USER_ID = /^[UW][A-Z0-9]{1,30}$/;
const CHANNEL_ID = /^[CGD][A-Z0-9]{1,30}$/;
const SAFE_URL = /^(https?:\/\/|mailto:)[^\s<>|]+$/i;

/** One segment as mrkdwn. Ids and URLs are checked, so even a bad token cannot smuggle markup in. */
function segmentToMrkdwn(s: Segment): string {
  switch (s.kind) {
    case 'text':
      return escapeMrkdwn(s.text);
    case 'bold':
      return s.text.trim() ? `*${escapeMrkdwn(s.text)}*` : escapeMrkdwn(s.text);
    case 'italic':
      return s.text.trim() ? `_${escapeMrkdwn(s.text)}_` : escapeMrkdwn(s.text);
    case 'code':
      return s.text ? '`' + escapeMrkdwn(s.text.replace(/`/g, "'")) + '`' : '';
    case 'user':
      return USER_ID.test(s.userId) ? `<@${s.userId}>` : escapeMrkdwn(`@${s.userId}`);
    case 'channel':
      return CHANNEL_ID.test(s.channelId) ? `<#${s.channelId}>` : escapeMrkdwn(`#${s.channelId}`);
    case 'link': {
      const label = s.label.replace(/\|/g, '/');
      if (!SAFE_URL.test(s.url)) return escapeMrkdwn(label === s.url ? label : `${label} (${s.url})`);
      return label && label !== s.url ? `<${s.url}|${escapeMrkdwn(label)}>` : `<${s.url}>`;
    }
    case 'date': {
      const fallback = escapeMrkdwn(s.fallback.replace(/\|/g, '/'));
      if (!Number.isInteger(s.epochSeconds)) return fallback;
      return `<!date^${s.epochSeconds}^${DATE_FORMATS[s.style] ?? DATE_FORMATS.full}|${fallback || 'a date'}>`;
    }
  }
}

/** Escaped literal text cut to `budget` characters without splitting an escape or a surrogate pair. */
function cutEscaped(text: string, budget: number): string {
  let out = '';
  for (const ch of text) {
    const piece = escapeMrkdwn(ch);
    if (out.length + piece.length > budget) break;
    out += piece;
  }
  return out;
}

/**
 * Rich text as Slack mrkdwn, at most `max` UTF-16 units (Slack's limits are per character; counting UTF-16 units
 * is the cautious reading). Ends with `…` when something was left out.
 */
export function toMrkdwn(rich: string, max: number): string {
  let out = '';
  const parts = segments(rich);
  for (const [i, s] of parts.entries()) {
    const piece = segmentToMrkdwn(s);
    const last = i === parts.length - 1;
    // Room for the ellipsis is kept unless this piece is the last one and fits exactly.
    if (out.length + piece.length <= (last ? max : max - ELLIPSIS.length)) {
      out += piece;
      continue;
    }
    if (s.kind === 'text') out += cutEscaped(s.text, max - ELLIPSIS.length - out.length);
    return out + ELLIPSIS;
  }
  return out;
}

/** Cuts plain text to `max` UTF-16 units without splitting a surrogate pair, ending with `…` when cut. */
export function cutPlain(text: string, max: number): string {
  if (text.length <= max) return text;
  let out = '';
  for (const ch of text) {
    if (out.length + ch.length > max - ELLIPSIS.length) break;
    out += ch;
  }
  return out + ELLIPSIS;
}

/**
 * Rich text as a Slack `plain_text` string (headers, button labels, modal titles): tokens become readable words,
 * nothing is parsed by Slack. Never empty: Slack refuses empty text objects, so `fallback` fills in.
 */
export function toPlainText(rich: string, max: number, fallback = ELLIPSIS): string {
  const plain = toPlain(rich).replace(/\s+/g, ' ').trim();
  return cutPlain(plain || fallback, max);
}
