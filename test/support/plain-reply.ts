/**
 * A reply reduced to what a member reads, the same way whatever carried it, so the shell (a core `Reply`) and
 * Discord (a recorded message body) can be compared: mentions become `@name`, channels `#name`, timestamps
 * `<date:unix>`, markup and escapes are dropped.
 */
import type { Reply } from '#core/reply.ts';
import { renderRich, toPlain } from '#core/text.ts';

/** What a member reads: title, text, sections (a text, or `label: value`), small print, button labels. */
export interface PlainReply {
  readonly title?: string;
  readonly text: string;
  readonly sections: readonly string[];
  readonly context?: string;
  readonly buttons: readonly string[];
}

/** Names for ids: members and channels, on either side. */
export type Names = ReadonlyMap<string, string>;

const named = (names: Names, id: string) => names.get(id) ?? id;

function rich(text: string, names: Names): string {
  return renderRich(text, (s) => {
    switch (s.kind) {
      case 'user':
        return `@${named(names, s.userId)}`;
      case 'channel':
        return `#${named(names, s.channelId)}`;
      case 'date':
        return `<date:${s.epochSeconds}>`;
      case 'link':
        return s.url;
      case 'text':
      case 'bold':
      case 'italic':
      case 'code':
        return s.text;
    }
  }).trim();
}

/** A core Reply as read (titles, labels and buttons are plain text on every platform). */
export function replyPlain(reply: Reply, names: Names): PlainReply {
  const label = (text: string) => toPlain(text, (id) => `@${named(names, id)}`).trim();
  return {
    ...(reply.title && { title: label(reply.title) }),
    text: rich(reply.text, names),
    sections: (reply.sections ?? []).flatMap((s) => [
      ...(s.text ? [rich(s.text, names)] : []),
      ...(s.fields ?? []).map((f) => `${label(f.label)}: ${rich(f.value, names)}`),
    ]),
    ...(reply.context && { context: rich(reply.context, names) }),
    buttons: (reply.buttons ?? []).map((b) => label(b.label)),
  };
}

/** Discord markdown back to what it shows. */
function unmark(text: string, names: Names): string {
  return text
    .replace(/<@!?(\d+)>/g, (_, id) => `@${named(names, id)}`)
    .replace(/<#(\d+)>/g, (_, id) => `#${named(names, id)}`)
    .replace(/<t:(\d+):\w>/g, '<date:$1>')
    .replace(/(?<!\\)(\*\*|\*|`)/g, '')
    .replace(/\\(.)/g, '$1')
    .replace(/\u200B/g, '')
    .replace(/@(\d{15,21})/g, (_, id) => `@${named(names, id)}`)
    .trim();
}

/** Splits Discord text into the text and its `-#` small print. */
function withContext(text: string): { text: string; context?: string } {
  const lines = text.split('\n');
  const small = lines.filter((l) => l.startsWith('-# ')).map((l) => l.slice(3));
  const body = lines.filter((l) => !l.startsWith('-# ')).join('\n');
  return { text: body, ...(small.length > 0 && { context: small.join('\n') }) };
}

/** A recorded Discord message body (or interaction answer data) as read. */
// biome-ignore lint/suspicious/noExplicitAny: the wire format.
export function discordPlain(body: any, names: Names): PlainReply {
  const embed = body.embeds?.[0];
  const { text, context } = withContext(embed ? (embed.description ?? '') : (body.content ?? ''));
  return {
    ...(embed?.title && { title: unmark(embed.title, names) }),
    text: unmark(text, names),
    // biome-ignore lint/suspicious/noExplicitAny: the wire format.
    sections: (embed?.fields ?? []).map((f: any) =>
      f.name === '\u200B' ? unmark(f.value, names) : `${unmark(f.name, names)}: ${unmark(f.value, names)}`,
    ),
    ...(context && { context: unmark(context, names) }),
    // biome-ignore lint/suspicious/noExplicitAny: the wire format.
    buttons: (body.components ?? []).flatMap((row: any) => row.components.map((b: any) => unmark(b.label, names))),
  };
}
