/** A typed shell line → an inbound event or a shell directive. Pure. */
import type { CommunityId } from '#core/ids.ts';
import type { Actor, InboundEvent } from '#core/inbound.ts';

export type ShellLine =
  | { readonly kind: 'event'; readonly event: InboundEvent }
  | { readonly kind: 'as'; readonly userId: string }
  | { readonly kind: 'click'; readonly index: number }
  | { readonly kind: 'join' | 'leave'; readonly userId: string }
  | { readonly kind: 'wait'; readonly ms: number }
  | { readonly kind: 'directive'; readonly name: Directive }
  | { readonly kind: 'empty' }
  | { readonly kind: 'error'; readonly message: string };

const DIRECTIVES = ['help', 'quit', 'who', 'demo', 'tick', 'time'] as const;
type Directive = (typeof DIRECTIVES)[number];

const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 } as const;

/** `:wait` lengths: `30m`, `2h`, `3d`, `1w` (at most eight weeks at once). */
export function parseWait(raw: string | undefined): number | undefined {
  const m = /^(\d{1,3})\s*(m|h|d|w)$/i.exec(raw?.trim() ?? '');
  if (!m) return undefined;
  const ms = Number(m[1]) * UNIT_MS[m[2]!.toLowerCase() as keyof typeof UNIT_MS];
  return ms > 0 && ms <= 8 * UNIT_MS.w ? ms : undefined;
}

/** Shell user ids are lower-case names; the display name capitalises them. */
export function shellActor(community: CommunityId, userId: string, isAdmin: boolean): Actor {
  const displayName = userId.charAt(0).toUpperCase() + userId.slice(1);
  return { community, userId, displayName, isPlatformAdmin: isAdmin };
}

/** Any letters (José, Zoë, 李), then letters, digits, - and _. */
const NAME = /^\p{L}[\p{L}\p{N}_-]{0,31}$/u;

function nameArg(raw: string | undefined): string | undefined {
  const name = raw?.replace(/^@/, '').toLowerCase();
  return name && NAME.test(name) ? name : undefined;
}

export function parseShellLine(line: string, actor: Actor, channelId: string): ShellLine {
  const text = line.trim();
  if (text === '' || text.startsWith('#')) return { kind: 'empty' };
  const [head = '', ...rest] = text.split(/\s+/);
  if (head === '/as' || head === ':join' || head === ':leave') {
    const userId = nameArg(rest[0]);
    if (!userId) return { kind: 'error', message: `Usage: ${head} <name> (a name: letters, then digits, - or _)` };
    return { kind: head === '/as' ? 'as' : head === ':join' ? 'join' : 'leave', userId };
  }
  if (head === ':click') {
    const index = Number(rest[0]);
    return Number.isInteger(index) && index > 0
      ? { kind: 'click', index }
      : { kind: 'error', message: 'Usage: :click N (the number shown next to a button)' };
  }
  if (head === ':wait') {
    const ms = parseWait(rest.join(''));
    return ms
      ? { kind: 'wait', ms }
      : { kind: 'error', message: 'Usage: :wait 3d (minutes m, hours h, days d or weeks w; up to 8w)' };
  }
  if (head.startsWith(':')) {
    const name = head.slice(1);
    if ((DIRECTIVES as readonly string[]).includes(name)) return { kind: 'directive', name: name as Directive };
    return { kind: 'error', message: `Unknown shell command ${head}. Type :help.` };
  }
  if (!head.startsWith('/') || head.length < 2) {
    return {
      kind: 'error',
      message: 'Type a slash command like /hallway help, or :help for the shell’s own commands.',
    };
  }
  const command = head.slice(1).toLowerCase();
  const commandText = text.slice(head.length).trim();
  return {
    kind: 'event',
    event: { kind: 'command', actor, channelId, command, input: { kind: 'text', text: commandText } },
  };
}
