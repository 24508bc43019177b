/**
 * Sends the core's answer to an interaction in the one way Discord accepts at that moment: reply, update the
 * clicked message, open a modal, or (after a deferral) edit / follow up.
 */
import { type MessageComponentInteraction, MessageFlags, type RepliableInteraction } from 'discord.js';
import type { Logger } from '#core/ports/logger.ts';
import type { Reply } from '#core/reply.ts';
import { type FormDrafts, REFILL_ACTION } from './form-drafts.ts';
import { type DiscordMessage, renderMessage, renderModal } from './render.ts';

export interface RespondState {
  /** `deferReply` (commands) or `deferUpdate` (components) was already sent. */
  readonly deferred: boolean;
  /** A button click, or a modal opened from a message: its message can be updated in place. */
  readonly componentLike: boolean;
  /** Set when the interaction came from a DM: components must carry their guild. */
  readonly dmGuildId?: string;
  readonly log: Logger;
  /** Forms opened and answers refused, so a refused modal can be reopened filled in. */
  readonly drafts?: FormDrafts;
}

/** A message without flags (edits and updates cannot change them) and without the files that follow it. */
function unflagged(msg: DiscordMessage) {
  const { flags: _flags, moreFiles: _more, ...rest } = msg;
  return rest;
}

/** Files past the ten a message may carry follow in messages of their own, as private as the answer. */
async function followWithFiles(i: RepliableInteraction, msg: DiscordMessage): Promise<void> {
  for (const files of msg.moreFiles ?? []) {
    await i.followUp({ files, flags: msg.flags & MessageFlags.Ephemeral, allowedMentions: { parse: [] } });
  }
}

/** Answers `i` with `reply` (or acknowledges it when there is nothing to say). */
export async function respond(i: RepliableInteraction, reply: Reply | undefined, s: RespondState): Promise<void> {
  if (!reply) return acknowledge(i, s);
  if (reply.sourceUpdate && i.isMessageComponent()) return updateInPlace(i, reply.sourceUpdate, s);
  if (reply.form && !s.deferred && !i.isModalSubmit()) {
    const modal = renderModal(reply.form, s.dmGuildId);
    if (modal) {
      s.drafts?.remember(i.user.id, modal.custom_id, reply.form);
      return void (await i.showModal(modal));
    }
    s.log.error({ formId: reply.form.formId }, 'discord: form id and meta exceed 100 characters; showing text');
  } else if (reply.form) {
    // Discord opens a modal only as the first answer, and never in answer to a modal.
    s.log.warn({ formId: reply.form.formId }, 'discord: a form could not be opened here; showing its text');
  }
  const msg = renderMessage(withRefill(i, reply, s), { allowEphemeral: true, dmGuildId: s.dmGuildId });
  await answer(i, reply, msg, s);
  await followWithFiles(i, msg);
}

async function answer(i: RepliableInteraction, reply: Reply, msg: DiscordMessage, s: RespondState): Promise<void> {
  const { moreFiles: _more, ...first } = msg;
  if (reply.replaceOriginal && (i.isMessageComponent() || (i.isModalSubmit() && i.isFromMessage()))) {
    await (s.deferred ? i.editReply(unflagged(msg)) : i.update(unflagged(msg)));
    return;
  }
  if (!s.deferred) return void (await i.reply(first));
  if (s.componentLike) return void (await i.followUp(first));
  if (msg.flags & MessageFlags.Ephemeral) return void (await i.editReply(unflagged(msg)));
  // The deferral was ephemeral ("thinking…" only the member sees); a public answer is a follow-up.
  await i.followUp(first);
  await i.deleteReply();
}

/**
 * The click redrew the message it was on: the answer replaces it (UPDATE_MESSAGE, one call; after a deferral, the
 * edit of the original). `content: null` clears a text the card had before, as the outbox's edit does.
 */
async function updateInPlace(i: MessageComponentInteraction, card: Reply, s: RespondState): Promise<void> {
  const { content, ...rest } = unflagged(renderMessage(card, { dmGuildId: s.dmGuildId }));
  const body = { ...rest, content: content ?? null };
  await (s.deferred ? i.editReply(body) : i.update(body));
}

async function acknowledge(i: RepliableInteraction, s: RespondState): Promise<void> {
  if (s.deferred) {
    if (!s.componentLike) await i.deleteReply();
    return;
  }
  if (i.isMessageComponent() || (i.isModalSubmit() && i.isFromMessage())) await i.deferUpdate();
  else await i.reply({ content: 'Done.', flags: MessageFlags.Ephemeral, allowedMentions: { parse: [] } });
}

/** A refused modal: the error, with a button that opens the form again filled in with what was typed. */
function withRefill(i: RepliableInteraction, reply: Reply, s: RespondState): Reply {
  if (!reply.formError || !i.isModalSubmit() || !s.drafts) return reply;
  const values: Record<string, string> = {};
  for (const [id, field] of i.fields.fields) if ('value' in field) values[id] = String(field.value ?? '');
  const key = s.drafts.keep(i.user.id, i.customId, values);
  if (!key) return reply;
  const fix = { label: 'Fix it', action: REFILL_ACTION, value: key, style: 'primary' as const };
  // The error is about this form only: it stays between the member and Hallway.
  return { ...reply, visibility: 'ephemeral', buttons: [fix, ...(reply.buttons ?? [])] };
}
