/** A typed shell line → an inbound event or a shell directive. Pure. */
import type { CommunityId } from '#core/ids.ts';
import type { Actor, InboundEvent } from '#core/inbound.ts';

export type ShellLine =
  | { readonly kind: 'event'; readonly event: InboundEvent }
  | { readonly kind: 'as'; readonly userId: string }
  | { readonly kind: 'click'; readonly index: number }
  | { readonly kind: 'join' | 'leave'; readonly userId: string }
  | { readonly kind: 'directive'; readonly name: 'help' | 'quit' | 'who' | 'demo' | 'tick' }
  | { readonly kind: 'empty' }
  | { readonly kind: 'error'; readonly message: string };

/** Shell user ids are lower-case names; the display name capitalises them. */
export function shellActor(community: CommunityId, userId: string, isAdmin: boolean): Actor {
  const displayName = userId.charAt(0).toUpperCase() + userId.slice(1);
  return { community, userId, displayName, isPlatformAdmin: isAdmin };
}

const NAME = /^[a-z][a-z0-9_-]{0,31}$/;

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
    if (!userId) return { kind: 'error', message: `Usage: ${head} <name> (letters, digits, - and _)` };
    return { kind: head === '/as' ? 'as' : head === ':join' ? 'join' : 'leave', userId };
  }
  if (head === ':click') {
    const index = Number(rest[0]);
    return Number.isInteger(index) && index > 0
      ? { kind: 'click', index }
      : { kind: 'error', message: 'Usage: :click N (the number shown next to a button)' };
  }
  if (head.startsWith(':')) {
    const name = head.slice(1);
    if (name === 'help' || name === 'quit' || name === 'who' || name === 'demo' || name === 'tick') {
      return { kind: 'directive', name };
    }
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
