/**
 * The core's `Reply` as a Discord message (content, one embed, button rows) and its `Form` as a modal. Pure: no
 * client, no I/O. Every limit Discord enforces is met by cutting, so a long reply never becomes an API error.
 */
import {
  type APIActionRowComponent,
  type APIButtonComponentWithCustomId,
  type APIEmbed,
  type APIEmbedField,
  type APIModalInteractionResponseCallbackData,
  ButtonStyle,
  ComponentType,
  MessageFlags,
  TextInputStyle,
} from 'discord.js';
import type { Button, Form, Reply, Section } from '#core/reply.ts';
import { buttonCustomId, formCustomId } from './custom-id.ts';
import { markdown, plain } from './markdown.ts';

/** Discord's message limits (discord-api-docs, Message and Embed resources). */
export const LIMITS = {
  content: 2000,
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  embedTotal: 6000,
  rows: 5,
  buttonsPerRow: 5,
  buttonLabel: 80,
  modalTitle: 45,
  modalInputs: 5,
  inputLabel: 45,
  placeholder: 100,
  inputValue: 4000,
  mentionUsers: 100,
  attachments: 10,
} as const;

/** A message ready for discord.js (`reply`, `send`, `edit`, `followUp` all take this shape). */
export interface DiscordMessage {
  readonly content?: string;
  readonly embeds: APIEmbed[];
  readonly components: APIActionRowComponent<APIButtonComponentWithCustomId>[];
  /** Only `reply.mentions` may ping: never @everyone, @here, roles or anyone named in member text. */
  readonly allowedMentions: { parse: []; users: string[] };
  /** `MessageFlags.Ephemeral` for ephemeral interaction answers, else 0. */
  readonly flags: number;
  /**
   * Discord infers the type from the name (`.ics`), so the core's mime type is not sent. At most 10 a message:
   * `moreFiles` holds the rest, for follow-up messages.
   */
  readonly files?: { attachment: Buffer; name: string }[];
  readonly moreFiles?: { attachment: Buffer; name: string }[][];
}

export interface RenderContext {
  /** Set when the message goes to a DM: custom ids then carry the guild (see custom-id.ts). */
  readonly dmGuildId?: string;
  /** Interaction answers may be ephemeral; channel posts and DMs may not. */
  readonly allowEphemeral?: boolean;
}

const BLANK = '\u200B';

/** Renders a reply. Plain replies become `content`; a title, sections or context make one embed. */
export function renderMessage(reply: Reply, ctx: RenderContext = {}): DiscordMessage {
  const users = [...new Set(reply.mentions ?? [])].slice(0, LIMITS.mentionUsers);
  const rich = Boolean(reply.title || reply.sections?.length);
  const context = reply.context ? `\n-# ${markdown(reply.context, 300).replace(/\n/g, '\n-# ')}` : '';
  const ephemeral = ctx.allowEphemeral && (reply.visibility ?? 'ephemeral') === 'ephemeral';
  const files = (reply.files ?? []).map((f) => ({ attachment: Buffer.from(f.content, 'utf8'), name: f.name }));
  const [first, ...more] = chunks(files, LIMITS.attachments);
  return {
    // Mentions inside an embed never ping, so the people we mean to ping are named in the content.
    content: rich
      ? users.length > 0
        ? users.map((u) => `<@${u}>`).join(' ')
        : undefined
      : fitContext(markdown(reply.text, LIMITS.content - context.length), context),
    embeds: rich ? [renderEmbed(reply, context)] : [],
    components: renderButtons(reply.buttons ?? [], ctx.dmGuildId),
    allowedMentions: { parse: [], users },
    flags: ephemeral ? MessageFlags.Ephemeral : 0,
    ...(first && { files: first }),
    ...(more.length > 0 && { moreFiles: more }),
  };
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function fitContext(body: string, context: string): string {
  return (body + context).trim() || BLANK;
}

function renderEmbed(reply: Reply, context: string): APIEmbed {
  const title = reply.title ? plain(reply.title, LIMITS.title, { escape: true }) : undefined;
  const fields = (reply.sections ?? []).flatMap(sectionFields).slice(0, LIMITS.fields);
  const size = (f: APIEmbedField) => f.name.length + f.value.length;
  // The 6000-character budget: fields keep their place (they carry the facts) as long as the description keeps
  // a few hundred characters; the description then takes what is left.
  let used = (title?.length ?? 0) + fields.reduce((n, f) => n + size(f), 0);
  while (fields.length > 0 && used > LIMITS.embedTotal - 300) used -= size(fields.pop()!);
  const room = Math.min(LIMITS.description, LIMITS.embedTotal - used) - context.length;
  const description = fitContext(markdown(reply.text, Math.max(1, room)), context);
  return { ...(title && { title }), description, ...(fields.length > 0 && { fields }) };
}

function sectionFields(section: Section): APIEmbedField[] {
  const out: APIEmbedField[] = [];
  if (section.text) out.push({ name: BLANK, value: markdown(section.text, LIMITS.fieldValue) || BLANK });
  for (const f of section.fields ?? []) {
    out.push({
      name: plain(f.label, LIMITS.fieldName, { escape: true }) || BLANK,
      value: markdown(f.value, LIMITS.fieldValue) || BLANK,
      inline: true,
    });
  }
  return out;
}

const STYLE = { primary: ButtonStyle.Primary, danger: ButtonStyle.Danger } as const;

/** Buttons in rows of five, at most five rows; a button whose id cannot fit, or repeats one, is left out. */
export function renderButtons(
  buttons: readonly Button[],
  dmGuildId?: string,
): APIActionRowComponent<APIButtonComponentWithCustomId>[] {
  const seen = new Set<string>();
  const made: APIButtonComponentWithCustomId[] = [];
  for (const b of buttons) {
    const customId = buttonCustomId(b.action, b.value, dmGuildId);
    if (!customId || seen.has(customId)) continue;
    seen.add(customId);
    made.push({
      type: ComponentType.Button,
      custom_id: customId,
      label: plain(b.label, LIMITS.buttonLabel) || BLANK,
      style: b.style ? STYLE[b.style] : ButtonStyle.Secondary,
    });
  }
  const rows: APIActionRowComponent<APIButtonComponentWithCustomId>[] = [];
  for (let i = 0; i < made.length && rows.length < LIMITS.rows; i += LIMITS.buttonsPerRow) {
    rows.push({ type: ComponentType.ActionRow, components: made.slice(i, i + LIMITS.buttonsPerRow) });
  }
  return rows;
}

/** A form as a modal (≤ 5 text inputs), or undefined when its custom id cannot fit. */
export function renderModal(form: Form, dmGuildId?: string): APIModalInteractionResponseCallbackData | undefined {
  const customId = formCustomId(form.formId, form.meta, dmGuildId);
  if (!customId) return undefined;
  return {
    custom_id: customId,
    title: plain(form.title, LIMITS.modalTitle) || 'Form',
    components: form.fields.slice(0, LIMITS.modalInputs).map((f) => ({
      type: ComponentType.ActionRow,
      components: [
        {
          type: ComponentType.TextInput,
          custom_id: f.id.slice(0, 100),
          label: plain(f.label, LIMITS.inputLabel) || f.id.slice(0, LIMITS.inputLabel),
          style: f.kind === 'long' ? TextInputStyle.Paragraph : TextInputStyle.Short,
          required: f.required,
          max_length: inputMax(f.maxLength),
          ...(f.placeholder && { placeholder: plain(f.placeholder, LIMITS.placeholder) }),
          ...(f.initial && { value: Array.from(f.initial).slice(0, inputMax(f.maxLength)).join('') }),
        },
      ],
    })),
  };
}

function inputMax(maxLength: number | undefined): number {
  return Math.min(Math.max(1, maxLength ?? LIMITS.inputValue), LIMITS.inputValue);
}
