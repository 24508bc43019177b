/**
 * The booking form (Slack and Discord modals, shell prompts): "when" is a date-time picker on Slack (each member
 * sees it in their own zone) and words elsewhere, and "for how long" is words ("2h"). The resource's id travels in
 * `meta`.
 */
import type { FormDef } from './kit.ts';
import { UserError } from '#core/errors.ts';
import type { Form } from '#core/reply.ts';
import { bookFromWords, DEFAULT_MINUTES } from './book.ts';
import { DURATION_EXAMPLES, durationText } from '../when/index.ts';
import { findResource } from './lookup.ts';
import type { ResourceRecord } from './store.ts';

export const BOOK_FORM = 'resource.book';

export function bookingForm(resource: ResourceRecord): Form {
  return {
    formId: BOOK_FORM,
    title: 'Book it',
    submitLabel: 'Book',
    meta: String(resource.id),
    fields: [
      {
        id: 'when',
        label: `When do you need ${resource.name}?`,
        kind: 'datetime',
        required: true,
        maxLength: 100,
        placeholder: 'fri 14:00 · tomorrow 10am · in 2 weeks 09:30',
      },
      {
        id: 'for',
        label: 'For how long?',
        kind: 'short',
        required: false,
        maxLength: 20,
        placeholder: `${DURATION_EXAMPLES.join(', ')} (empty: ${durationText(DEFAULT_MINUTES)})`,
      },
    ],
  };
}

export const bookFormDef: FormDef = {
  id: BOOK_FORM,
  async submit(values, meta, ctx) {
    if (!meta || !/^\d{1,9}$/.test(meta)) throw new UserError('not_found', 'That form has expired. Open it again.');
    const resource = await findResource(ctx, Number(meta));
    const when = values.when?.trim() ?? '';
    if (!when) throw new UserError('invalid_input', 'Tell me when, e.g. `fri 14:00`.');
    return bookFromWords(ctx, resource, when, values.for);
  },
};
