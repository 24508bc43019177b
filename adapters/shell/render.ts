/** Reply → terminal lines. Pure: names for user tokens come from `nameOf`. */
import type { Button, Reply } from '#core/reply.ts';
import { fmt, renderRich } from '#core/text.ts';

export interface ShellStyle {
  /** ANSI bold/dim when writing to a terminal; plain when piped. */
  readonly color: boolean;
  readonly nameOf: (userId: string) => string;
}

export function richToShell(rich: string, style: ShellStyle): string {
  // Piped (no colour): plain words, no formatting marks for the reader to skip.
  const bold = (t: string) => (style.color ? `\u001b[1m${t}\u001b[22m` : t);
  return renderRich(rich, (s) => {
    switch (s.kind) {
      case 'text':
        // Member text cannot move the cursor or clear the screen: escape sequences were stripped at the door,
        // and ESC is dropped here again for text that predates sanitising.
        return s.text.replace(/\u001b/g, '');
      case 'bold':
        return bold(s.text);
      case 'italic':
        return style.color ? `\u001b[3m${s.text}\u001b[23m` : s.text;
      case 'code':
        return `\`${s.text}\``;
      case 'user':
        return `@${style.nameOf(s.userId)}`;
      case 'channel':
        return `#${s.channelId}`;
      case 'link':
        return s.label === s.url ? s.url : `${s.label} <${s.url}>`;
      case 'date':
        return s.fallback;
    }
  });
}

/** Renders a reply; buttons are numbered from `firstButton` so `:click N` can press them. */
export function renderShell(reply: Reply, style: ShellStyle, firstButton: number): string {
  const r = (t: string) => richToShell(t, style);
  const lines: string[] = [];
  if (reply.title) lines.push(r(fmt.bold(reply.title)));
  lines.push(r(reply.text));
  for (const section of reply.sections ?? []) {
    if (section.text) lines.push(r(section.text));
    for (const field of section.fields ?? []) lines.push(`  ${r(field.label)}: ${r(field.value)}`);
  }
  if (reply.context) lines.push(style.color ? `\u001b[2m${r(reply.context)}\u001b[22m` : r(reply.context));
  const buttons = (reply.buttons ?? []).map((b: Button, i) => `[${firstButton + i}] ${r(b.label)}`);
  if (buttons.length) lines.push(`${buttons.join('  ')}   (press with :click N)`);
  return lines.join('\n');
}
