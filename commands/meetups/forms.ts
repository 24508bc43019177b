/**
 * The meetup forms (Slack and Discord modals, shell prompts): create, edit, and the rating comment. Five fields at
 * most are shown on Discord (its limit): the length comes sixth, since leaving it out means "as it was" (or two hours), and
 * on Discord `duration:` sets it. `when` is a date-time picker on Slack and words elsewhere; the create form asks for
 * the repeat in its own field (words may still carry it: "fri 19:00 weekly"), the edit form for the description.
 */
import type { Context, FormDef } from './kit.ts';
import { inField, UserError } from '#core/errors.ts';
import type { MeetupRecord, Repeat } from './store.ts';
import type { Form, FormField, Reply } from '#core/reply.ts';
import { createMeetup, DEFAULT_DURATION_MINUTES, LIMITS } from './create.ts';
import { editMeetup } from './edit.ts';
import { findMeetup } from './lookup.ts';
import { commentOnRating } from './rating.ts';
import { parseRepeat } from './recurrence.ts';
import { DURATION_EXAMPLES, DURATION_MAX_CHARS, durationWords } from '../when/index.ts';

export const CREATE_FORM = 'meetup.create';
export const EDIT_FORM = 'meetup.edit';
export const COMMENT_FORM = 'meetup.comment';

export interface MeetupFormValues {
  readonly title?: string;
  readonly when?: string;
  readonly where?: string;
  readonly capacity?: string;
  readonly description?: string;
  /** The length in words ("2h"), for the edit form. */
  readonly duration?: string;
  /** The current start, for the picker of the edit form. */
  readonly startsAt?: Date;
}

function whenField(initial: MeetupFormValues): FormField {
  return {
    id: 'when',
    label: 'When',
    kind: 'datetime',
    required: true,
    maxLength: 100,
    placeholder: 'fri 19:00 · tomorrow 6pm · in 2 weeks 19:00',
    initial: initial.when,
    initialAt: initial.startsAt ? Math.floor(initial.startsAt.getTime() / 1000) : undefined,
  };
}

/** Sixth: Discord shows five fields, and a length left out keeps its default (create) or current value (edit). */
function lengthField(initial: MeetupFormValues): FormField {
  return {
    id: 'duration',
    label: 'How long?',
    kind: 'short',
    required: false,
    maxLength: DURATION_MAX_CHARS,
    placeholder: `e.g. ${DURATION_EXAMPLES.join(', ')} (empty: ${initial.duration ? 'unchanged' : durationWords(DEFAULT_DURATION_MINUTES)})`,
    initial: initial.duration,
  };
}

function fields(initial: MeetupFormValues, last: 'repeat' | 'description'): FormField[] {
  return [
    { id: 'title', label: 'Title', kind: 'short', required: true, maxLength: LIMITS.title, initial: initial.title },
    whenField(initial),
    { id: 'where', label: 'Where', kind: 'short', required: false, maxLength: LIMITS.where, initial: initial.where },
    {
      id: 'capacity',
      label: 'Seats (empty: no limit)',
      kind: 'short',
      required: false,
      maxLength: 5,
      initial: initial.capacity,
    },
    last === 'repeat'
      ? { id: 'repeat', label: 'Repeat (weekly, biweekly or monthly)', kind: 'short', required: false, maxLength: 20 }
      : {
          id: 'description',
          label: 'Description',
          kind: 'long',
          required: false,
          maxLength: LIMITS.description,
          initial: initial.description,
        },
    lengthField(initial),
  ];
}

/** The create form; `host` (a draft for someone else) travels in `meta`. */
export function createForm(initial: MeetupFormValues = {}, host?: string): Form {
  return {
    formId: CREATE_FORM,
    title: 'New meetup',
    submitLabel: 'Create',
    fields: fields(initial, 'repeat'),
    meta: host ? `host=${host}` : undefined,
  };
}

export function editForm(meetup: MeetupRecord, whenText: string): Form {
  const initial = {
    title: meetup.title,
    when: whenText,
    where: meetup.location,
    capacity: meetup.capacity?.toString(),
    description: meetup.description,
    duration: durationWords((meetup.endsAt.getTime() - meetup.startsAt.getTime()) / 60_000),
    startsAt: meetup.startsAt,
  };
  return {
    formId: EDIT_FORM,
    title: `Edit meetup #${meetup.id}`,
    submitLabel: 'Save',
    fields: fields(initial, 'description'),
    meta: String(meetup.id),
  };
}

/** Empty means "no limit"; anything else must be a whole number of seats. */
export function parseCapacity(raw: string | undefined): number | undefined {
  const text = raw?.trim() ?? '';
  if (text === '') return undefined;
  const n = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!(n >= 1 && n <= LIMITS.capacity)) {
    throw new UserError(
      'invalid_input',
      `Seats must be a whole number from 1 to ${LIMITS.capacity}, or empty for no limit.`,
    );
  }
  return n;
}

/** Empty (or "none") is a one-off; anything else must be a repeat we understand. */
function formRepeat(raw: string): Repeat | undefined {
  if (raw === '' || /^(none|no|once)$/i.test(raw)) return undefined;
  const repeat = parseRepeat(raw);
  if (!repeat)
    throw new UserError('invalid_input', `Repeat must be weekly, biweekly or monthly (or empty), not "${raw}".`);
  return repeat;
}

const text = (values: Readonly<Record<string, string>>, id: string) => values[id]?.trim() ?? '';

function required(values: Readonly<Record<string, string>>, id: string, name: string): string {
  const value = text(values, id);
  if (!value) throw new UserError('invalid_input', `The ${name} cannot be empty.`).at(id);
  return value;
}

export const createFormDef: FormDef = {
  id: CREATE_FORM,
  async submit(values, meta, ctx: Context): Promise<Reply> {
    const host = meta?.startsWith('host=') ? meta.slice('host='.length) : undefined;
    return createMeetup(ctx, {
      title: required(values, 'title', 'title'),
      when: required(values, 'when', 'date and time'),
      repeat: inField('repeat', () => formRepeat(text(values, 'repeat'))),
      where: text(values, 'where') || undefined,
      capacity: inField('capacity', () => parseCapacity(values.capacity)),
      description: text(values, 'description') || undefined,
      host: host || undefined,
      duration: values.duration,
    });
  },
};

export const editFormDef: FormDef = {
  id: EDIT_FORM,
  async submit(values, meta, ctx: Context): Promise<Reply> {
    const meetup = await findMeetup(ctx, meta ?? '');
    // In the form an emptied optional field means "remove it".
    return editMeetup(ctx, meetup, {
      title: required(values, 'title', 'title'),
      when: required(values, 'when', 'date and time'),
      where: text(values, 'where') || null,
      capacity: inField('capacity', () => parseCapacity(values.capacity)) ?? null,
      description: text(values, 'description') || null,
      duration: values.duration,
    });
  },
};

export function commentForm(meetupId: number): Form {
  return {
    formId: COMMENT_FORM,
    title: 'A word for the host',
    submitLabel: 'Send',
    meta: String(meetupId),
    fields: [
      { id: 'comment', label: 'Comment (shared without your name)', kind: 'long', required: true, maxLength: 500 },
    ],
  };
}

export const commentFormDef: FormDef = {
  id: COMMENT_FORM,
  submit: async (values, meta, ctx) =>
    commentOnRating(ctx, await findMeetup(ctx, meta ?? ''), required(values, 'comment', 'comment')),
};
