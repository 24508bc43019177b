/**
 * Views: a `Form` as a modal (`views.open`), a reply as the App Home tab (`views.publish`), and the outcome of a
 * submitted form shown in place of the modal (`response_action: update`). Pure; Block Kit limits kept by cutting.
 */
import type { types } from '@slack/bolt';
import type { Form, FormField, Reply } from '#core/reply.ts';
import { cutPlain, toPlainText } from './mrkdwn.ts';
import { LIMITS, renderBlocks } from './render.ts';

/** Modal limits (Slack: title, submit and close ≤ 24; input label ≤ 2000; placeholder ≤ 150). */
export const VIEW_LIMITS = {
  title: 24,
  label: 2000,
  placeholder: 150,
  inputMaxLength: 3000,
  blockId: 255,
  callbackId: 255,
  privateMetadata: 3000,
} as const;

/** A form as a modal: one `plain_text_input` per field, `block_id` and `action_id` both the field id. */
export function renderModal(form: Form): types.ModalView {
  const seen = new Set<string>();
  const fields = form.fields.filter((f) => {
    const id = f.id.slice(0, VIEW_LIMITS.blockId);
    if (!id || seen.has(id)) return false; // block_id must be unique and non-empty
    seen.add(id);
    return true;
  });
  return {
    type: 'modal',
    callback_id: form.formId.slice(0, VIEW_LIMITS.callbackId),
    title: plain(form.title, VIEW_LIMITS.title, 'Hallway'),
    submit: plain(form.submitLabel, VIEW_LIMITS.title, 'Submit'),
    close: plain('Cancel', VIEW_LIMITS.title),
    // Meta is opaque state (an id); cutting it would change its meaning, and the core keeps it ≤ 100 anyway.
    private_metadata: (form.meta ?? '').slice(0, VIEW_LIMITS.privateMetadata),
    blocks: fields.slice(0, LIMITS.viewBlocks).map(inputBlock),
  };
}

function inputBlock(field: FormField): types.InputBlock {
  const id = field.id.slice(0, VIEW_LIMITS.blockId);
  if (field.kind === 'datetime') return datetimeBlock(field, id);
  const maxLength = Math.min(Math.max(1, field.maxLength ?? VIEW_LIMITS.inputMaxLength), VIEW_LIMITS.inputMaxLength);
  const initial = field.initial ? cutPlain(field.initial, maxLength) : undefined;
  return {
    type: 'input',
    block_id: id,
    optional: !field.required,
    label: plain(field.label, VIEW_LIMITS.label, field.id),
    element: {
      type: 'plain_text_input',
      action_id: id,
      multiline: field.kind === 'long',
      max_length: maxLength,
      ...(initial ? { initial_value: initial } : {}),
      ...(field.placeholder?.trim() ? { placeholder: plain(field.placeholder, VIEW_LIMITS.placeholder) } : {}),
    },
  };
}

/** Slack shows the picker in each member's own time zone and submits an instant: no zone guessing. */
function datetimeBlock(field: FormField, id: string): types.InputBlock {
  return {
    type: 'input',
    block_id: id,
    optional: !field.required,
    label: plain(field.label, VIEW_LIMITS.label, field.id),
    element: {
      type: 'datetimepicker',
      action_id: id,
      ...(field.initialAt !== undefined ? { initial_date_time: Math.floor(field.initialAt) } : {}),
    },
  };
}

/** The App Home tab: the reply's blocks (≤ 100). A Home view has no fallback text. */
export function renderHome(reply: Reply): types.HomeView {
  return { type: 'home', blocks: renderBlocks(reply, LIMITS.viewBlocks) };
}

/**
 * What a modal turns into after its form was submitted: the core's answer, with a Close button. Chosen over a DM
 * because the member is looking at the modal and a view_submission has no channel to answer in.
 */
export function renderOutcomeModal(reply: Reply, title: string): types.ModalView {
  const blocks = renderBlocks(reply, LIMITS.viewBlocks);
  return {
    type: 'modal',
    title: plain(title, VIEW_LIMITS.title, 'Hallway'),
    close: plain('Close', VIEW_LIMITS.title),
    blocks: blocks.length ? blocks : [{ type: 'section', text: { type: 'plain_text', text: 'Done.' } }],
  };
}

function plain(rich: string, max: number, fallback?: string): types.PlainTextElement {
  return { type: 'plain_text', text: toPlainText(rich, max, fallback), emoji: true };
}
