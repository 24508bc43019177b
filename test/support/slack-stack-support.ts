/**
 * Small readers for the full-stack Slack tests: the buttons and visible text of a recorded Block Kit message, Slack
 * mrkdwn back to plain text (to compare with the shell's rendering of the same Reply), and a logger that keeps the
 * app's error lines so a test can assert that nothing went wrong behind the scenes.
 */
import type { Logger } from '#core/ports/logger.ts';
import type { Reply } from '#core/reply.ts';
import { toPlain } from '#core/text.ts';
import type { ApiCall } from './fake-slack.ts';

/** A button as Slack shows it; `action` is the core's action id (the `:index` suffix removed). */
export interface SlackButton {
  readonly label: string;
  readonly actionId: string;
  readonly action: string;
  readonly value: string;
}

type Json = Record<string, unknown>;
const list = (v: unknown): Json[] => (Array.isArray(v) ? (v as Json[]) : []);
const textOf = (t: unknown): string => String((t as Json | undefined)?.text ?? '');

/** The blocks of a recorded message (postMessage, update) or of a response_url body. */
function blocksOf(source: ApiCall | Json): Json[] {
  const args = 'method' in source && 'args' in source ? (source as ApiCall).args : (source as Json);
  return list(args.blocks);
}

/** Every button of a message, in order. */
export function buttonsOf(source: ApiCall | Json): SlackButton[] {
  return blocksOf(source)
    .filter((b) => b.type === 'actions')
    .flatMap((b) => list(b.elements))
    .filter((e) => e.type === 'button')
    .map((e) => ({
      label: textOf(e.text),
      actionId: String(e.action_id),
      action: String(e.action_id).replace(/:\d+$/, ''),
      value: String(e.value ?? ''),
    }));
}

/** Slack mrkdwn as the plain words a member reads: mentions as `@U…`, dates as their fallback, markup dropped. */
export function mrkdwnToPlain(mrkdwn: string): string {
  return mrkdwn
    .replace(/<!date\^\d+\^[^|>]*\|([^>]*)>/g, '$1')
    .replace(/<@([UW][A-Z0-9]+)(?:\|[^>]*)?>/g, '@$1')
    .replace(/<#([CGD][A-Z0-9]+)(?:\|[^>]*)?>/g, '#$1')
    .replace(/<((?:https?|mailto):[^|>]+)\|([^>]+)>/g, '$2 ($1)')
    .replace(/<((?:https?|mailto):[^>]+)>/g, '$1')
    .replace(/\*([^*\n]+)\*/g, '$1')
    .replace(/(^|\W)_([^_\n]+)_(?=\W|$)/g, '$1$2')
    .replace(/`([^`\n]*)`/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** The visible text of a message's blocks (header, sections and their fields, context), one piece a line. */
export function blocksText(source: ApiCall | Json): string {
  const parts: string[] = [];
  for (const block of blocksOf(source)) {
    const plain = (t: unknown) => ((t as Json)?.type === 'mrkdwn' ? mrkdwnToPlain(textOf(t)) : textOf(t));
    if (block.type === 'header') parts.push(textOf(block.text));
    if (block.type === 'section') parts.push(plain(block.text), ...list(block.fields).map(plain));
    if (block.type === 'context') parts.push(...list(block.elements).map(plain));
  }
  return parts.filter((p) => p.trim()).join('\n');
}

/** The same pieces of a core Reply as plain text, in Block Kit's reading order (the shell's view of it). */
export function replyText(reply: Reply): string {
  const parts = [
    toPlain(reply.title ?? '')
      .replace(/\s+/g, ' ')
      .trim(),
    toPlain(reply.text),
  ];
  for (const s of reply.sections ?? []) {
    parts.push(toPlain(s.text ?? ''), ...(s.fields ?? []).map((f) => `${toPlain(f.label)}\n${toPlain(f.value)}`));
  }
  parts.push(toPlain(reply.context ?? ''));
  return parts.filter((p) => p.trim()).join('\n');
}

/**
 * A Logger that keeps error lines (never their fields' secrets: the app logs none), the messages of warnings (fault
 * tests check which ones appear), and drops the rest.
 */
export class ErrorLog implements Logger {
  /** Children share their parent's lists, so one list holds every component's errors. */
  constructor(
    private readonly fields: object = {},
    readonly lines: string[] = [],
    readonly warnings: string[] = [],
  ) {}

  debug(): void {}
  info(): void {}
  warn(_fields: object, message?: string): void {
    this.warnings.push(message ?? 'warning');
  }
  error(fields: object, message?: string): void {
    this.lines.push(`${message ?? 'error'} ${JSON.stringify({ ...this.fields, ...fields }, errorFields)}`);
  }

  child(fields: object): Logger {
    return new ErrorLog({ ...this.fields, ...fields }, this.lines, this.warnings);
  }

  /** Records Block Kit problems found in a payload Slack would check (a view in an ack). */
  check(where: string, problems: readonly string[]): void {
    for (const p of problems) this.lines.push(`${where}: ${p}`);
  }
}

function errorFields(_key: string, value: unknown): unknown {
  return value instanceof Error ? `${value.name}: ${value.message}` : value;
}
