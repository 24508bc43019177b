/**
 * The core's `Reply` as a Slack message: Block Kit blocks plus the fallback `text` Slack shows in notifications.
 * Pure. Every Block Kit limit is kept by cutting (see ../../../shared TESTING-PLATFORMS.md, "Limits"): a long reply
 * loses its tail, never the whole message to an `invalid_blocks` error. Forms and the App Home are in `render-view.ts`.
 */
import type { types } from '@slack/bolt';
import type { Button, Reply, ReplyFile, Section } from '#core/reply.ts';
import { cutPlain, escapeMrkdwn, toMrkdwn, toPlainText } from './mrkdwn.ts';

type KnownBlock = types.KnownBlock;
type ActionsBlockElement = types.ActionsBlockElement;

/** Block Kit limits we cut to (Slack's documented maxima). */
export const LIMITS = {
  messageBlocks: 50,
  viewBlocks: 100,
  text: 3000,
  header: 150,
  fields: 10,
  field: 2000,
  actionsElements: 25,
  buttonText: 75,
  buttonValue: 2000,
  actionId: 255,
  overflowOptions: 5,
  optionValue: 150,
} as const;

/** Buttons shown as buttons before the rest fold into overflow ("more") menus. */
const VISIBLE_BUTTONS = 5;

/** What `chat.postMessage`, `chat.update` and `respond()` take from a reply. */
export interface SlackMessage {
  readonly text: string;
  readonly blocks: KnownBlock[];
}

/**
 * A new message: never unfurled, so a member's link in a card cannot show a preview of someone else's page in a
 * channel (Slack unfurls links in bot messages unless told not to).
 */
export function renderPost(reply: Reply): SlackMessage & { unfurl_links: false; unfurl_media: false } {
  return { ...renderMessage(reply), unfurl_links: false, unfurl_media: false };
}

/** Renders a reply as a message. `maxBlocks` is 50 for messages, 100 for modals and the Home tab. */
export function renderMessage(reply: Reply, maxBlocks: number = LIMITS.messageBlocks): SlackMessage {
  return { text: fallbackText(reply), blocks: renderBlocks(reply, maxBlocks) };
}

/** The notification / accessibility text: the reply's text as mrkdwn, never empty. */
export function fallbackText(reply: Reply): string {
  return toMrkdwn(reply.text, LIMITS.text) || toPlainText(reply.title ?? '', LIMITS.text, 'Hallway');
}

/** The blocks of a reply, in reading order, at most `maxBlocks`; sections give way first when space runs out. */
export function renderBlocks(reply: Reply, maxBlocks: number): KnownBlock[] {
  const head: KnownBlock[] = [];
  if (reply.title && toPlainText(reply.title, LIMITS.header, '').trim()) {
    head.push({ type: 'header', text: { type: 'plain_text', text: toPlainText(reply.title, LIMITS.header) } });
  }
  const text = toMrkdwn(reply.text, LIMITS.text);
  if (text.trim()) head.push({ type: 'section', text: { type: 'mrkdwn', text } });
  const tail: KnownBlock[] = [];
  if (reply.files?.length) tail.push(filesBlock(reply.files));
  const context = toMrkdwn(reply.context ?? '', LIMITS.text);
  if (context.trim()) tail.push({ type: 'context', elements: [{ type: 'mrkdwn', text: context }] });
  tail.push(...actionsBlocks(reply.buttons ?? []));
  const body = (reply.sections ?? []).flatMap(sectionBlocks);
  const room = Math.max(0, maxBlocks - head.length - tail.length);
  return [...head, ...body.slice(0, room), ...tail].slice(0, maxBlocks);
}

/**
 * A section as one block, or several when it has more fields than Slack allows in one (10): the rest follow in
 * further sections instead of being dropped (`/hallway stats` has more than ten figures, the last ones the outbox's).
 */
function sectionBlocks(section: Section): KnownBlock[] {
  const text = toMrkdwn(section.text ?? '', LIMITS.text);
  const fields = (section.fields ?? [])
    .map((f) => {
      const label = toMrkdwn(f.label, LIMITS.field / 2);
      const value = toMrkdwn(f.value, LIMITS.field - label.length - 3);
      return label.trim() ? `*${label}*\n${value}` : value;
    })
    .filter((f) => f.trim())
    .map((f) => ({ type: 'mrkdwn' as const, text: f }));
  if (!text.trim() && fields.length === 0) return [];
  const chunks: (typeof fields)[] = [];
  for (let i = 0; i < fields.length; i += LIMITS.fields) chunks.push(fields.slice(i, i + LIMITS.fields));
  const first: KnownBlock = {
    type: 'section',
    ...(text.trim() ? { text: { type: 'mrkdwn' as const, text } } : {}),
    ...(chunks[0] ? { fields: chunks[0] } : {}),
  };
  return [first, ...chunks.slice(1).map((more): KnownBlock => ({ type: 'section', fields: more }))];
}

/**
 * The files a reply hands over, by name. Their contents go as uploads to the member's DM with the app (see
 * `uploads.ts`): a message cannot hold a file, and an inlined export would be cut at 3,000 characters.
 */
function filesBlock(files: readonly ReplyFile[]): KnownBlock {
  const names = files.slice(0, 20).map((f) => `:paperclip: ${escapeMrkdwn(cutPlain(f.name, 200))}`);
  const more = files.length > names.length ? [`and ${files.length - names.length} more`] : [];
  const where = files.length === 1 ? 'The file is in' : 'The files are in';
  return {
    type: 'context',
    elements: [{ type: 'mrkdwn', text: [...names, ...more, `${where} your messages with Hallway.`].join('\n') }],
  };
}

/** `action_id` for the i-th button: `meetup.rsvp:2`. The index keeps ids unique; `to-inbound` strips it. */
export function buttonActionId(action: string, index: number): string {
  const suffix = `:${index}`;
  return action.slice(0, LIMITS.actionId - suffix.length) + suffix;
}

/** Prefix of the `action_id` of an overflow menu; its options carry `<action> <value>`. */
export const OVERFLOW_ACTION = 'hallway.more';

function button(b: Button, index: number): types.Button {
  return {
    type: 'button',
    action_id: buttonActionId(b.action, index),
    text: { type: 'plain_text', text: toPlainText(b.label, LIMITS.buttonText), emoji: true },
    // Slack refuses an empty `value`; `to-inbound` reads a missing one as ''.
    ...(b.value ? { value: b.value.slice(0, LIMITS.buttonValue) } : {}),
    ...(b.style ? { style: b.style } : {}),
  };
}

/**
 * Buttons as actions blocks. Up to five show as buttons; past that, four stay buttons and the rest fold into
 * overflow menus (Slack's "⋯" menu), like Slack's own apps do. A button whose action and value do not fit an
 * option value (150) stays a button, since a cut value would run the wrong thing.
 */
export function actionsBlocks(buttons: readonly Button[]): KnownBlock[] {
  const indexed = buttons.map((b, i) => ({ b, i }));
  const visible = buttons.length <= VISIBLE_BUTTONS ? indexed : indexed.slice(0, VISIBLE_BUTTONS - 1);
  const rest = indexed.slice(visible.length);
  const foldable = rest.filter(({ b }) => overflowValue(b).length <= LIMITS.optionValue);
  const elements: ActionsBlockElement[] = [
    ...visible.map(({ b, i }) => button(b, i)),
    ...rest.filter((r) => !foldable.includes(r)).map(({ b, i }) => button(b, i)),
  ];
  for (let k = 0; k < foldable.length; k += LIMITS.overflowOptions) {
    const chunk = foldable.slice(k, k + LIMITS.overflowOptions);
    if (chunk.length === 1 && chunk[0]) elements.push(button(chunk[0].b, chunk[0].i));
    else
      elements.push(
        overflow(
          chunk.map((c) => c.b),
          k / LIMITS.overflowOptions,
        ),
      );
  }
  const blocks: KnownBlock[] = [];
  for (let k = 0; k < elements.length; k += LIMITS.actionsElements) {
    blocks.push({ type: 'actions', elements: elements.slice(k, k + LIMITS.actionsElements) });
  }
  return blocks;
}

function overflowValue(b: Button): string {
  return `${b.action} ${b.value}`;
}

function overflow(buttons: readonly Button[], index: number): types.Overflow {
  return {
    type: 'overflow',
    action_id: `${OVERFLOW_ACTION}:${index}`,
    options: buttons.map((b) => ({
      text: { type: 'plain_text', text: toPlainText(b.label, LIMITS.buttonText), emoji: true },
      value: overflowValue(b),
    })),
  };
}
