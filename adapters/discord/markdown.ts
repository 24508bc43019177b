/**
 * Rich text (see `src/core/text.ts`) to Discord markdown. Tokens become markup; literal text is member data and is
 * escaped so it renders as typed: no markdown, no masked links, no `<@…>`/`<#…>`/`<t:…>` syntax, and `@everyone` /
 * `@here` broken with a zero-width space (allowed_mentions is the second lock: it pings nobody unintended).
 */
import { type Segment, segments, toPlain } from '#core/text.ts';

const ZWSP = '\u200B';
const SNOWFLAKE = /^\d{5,25}$/;
const URL_IN_TEXT = /(https?:\/\/[^\s<>]+)/g;

/** Escapes literal text for Discord markdown, leaving bare URLs intact so they still autolink. */
export function escapeText(text: string): string {
  return text
    .split(URL_IN_TEXT)
    .map((part, i) => (i % 2 === 1 ? part.replace(/[()@]/g, encodeURIComponent) : escapePlain(part)))
    .join('');
}

function escapePlain(text: string): string {
  return (
    text
      // Inline markup anywhere: emphasis, code, spoilers, masked links, mentions and timestamps.
      .replace(/[\\*_~`|[\]<>]/g, '\\$&')
      // Block markup only matters at the start of a line: headings, subtext, lists, quotes.
      .replace(/^([ \t]*)(#|-|\d+\.)/gm, '$1\\$2')
      .replace(/@(everyone|here)/gi, `@${ZWSP}$1`)
  );
}

function safeUrl(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return undefined;
    return parsed.href.replace(/[()<> @]/g, encodeURIComponent);
  } catch {
    return undefined;
  }
}

const DATE_STYLE = { full: 'F', date: 'd', time: 't', relative: 'R' } as const;

/** Renders one segment as Discord markdown. */
export function renderSegment(s: Segment): string {
  switch (s.kind) {
    case 'text':
      return escapeText(s.text);
    case 'bold':
      return `**${escapeText(s.text)}**`;
    case 'italic':
      return `*${escapeText(s.text)}*`;
    case 'code':
      // Nothing renders inside inline code; a backtick would close it early.
      return `\`${s.text.replace(/`/g, 'ˋ') || ' '}\``;
    case 'user':
      return SNOWFLAKE.test(s.userId) ? `<@${s.userId}>` : escapeText(`@${s.userId}`);
    case 'channel':
      return SNOWFLAKE.test(s.channelId) ? `<#${s.channelId}>` : escapeText(`#${s.channelId}`);
    case 'link': {
      const url = safeUrl(s.url);
      if (!url) return escapeText(s.label);
      // In angle brackets a link shows no preview: a member's link must not unfurl someone else's page in a channel.
      return s.label === s.url ? `<${url}>` : `[${escapeText(s.label)}](<${url}>)`;
    }
    case 'date':
      return Number.isFinite(s.epochSeconds)
        ? `<t:${Math.trunc(s.epochSeconds)}:${DATE_STYLE[s.style] ?? 'F'}>`
        : escapeText(s.fallback);
  }
}

/**
 * Rich text as Discord markdown in at most `max` characters. Cuts only between tokens or inside literal text (never
 * through `<t:…>` or `**…**`), ending with `…` when something was cut.
 */
export function markdown(rich: string, max: number): string {
  let out = '';
  const parts = segments(rich);
  for (const [i, seg] of parts.entries()) {
    const rendered = renderSegment(seg);
    const room = i === parts.length - 1 ? max : max - 1;
    if (out.length + rendered.length <= room) {
      out += rendered;
      continue;
    }
    if (seg.kind === 'text') out += fitText(seg.text, max - 1 - out.length);
    return out.trimEnd() + '…';
  }
  return out;
}

function fitText(text: string, room: number): string {
  const chars = Array.from(text);
  const escaped = (n: number) => escapeText(chars.slice(0, n).join(''));
  // Escaping can lengthen text, and grows with the prefix: binary-search the longest prefix that fits.
  let lo = 0;
  let hi = Math.min(chars.length, Math.max(0, room));
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (escaped(mid).length <= room) lo = mid;
    else hi = mid - 1;
  }
  return escaped(lo);
}

/**
 * Rich text for places that show no mentions or timestamps (button labels, modal titles: raw text; embed and field
 * titles: markdown, so `escape` them): tokens become words, dates their written fallback.
 */
export function plain(rich: string, max: number, options: { escape?: boolean } = {}): string {
  const text = toPlain(rich).replace(/@(everyone|here)/gi, `@${ZWSP}$1`);
  const chars = Array.from(text);
  const cut = chars.length <= max ? text : chars.slice(0, max - 1).join('') + '…';
  if (!options.escape) return cut;
  const escaped = escapeText(cut);
  return escaped.length <= max ? escaped : fitText(cut, max - 1) + '…';
}
