/**
 * The meetup forms (Slack and Discord modals, shell prompts): create, edit, and the rating comment. Five fields at
 * most (Discord's limit), so the repeat rides in the `when` field ("fri 19:00 weekly").
 */
import type { Context, FormDef } from '../../src/core/command.ts';
import { UserError } from '../../src/core/errors.ts';
import type { MeetupRecord } from '../../src/core/ports/repos/meetups.ts';
import type { Form, FormField, Reply } from '../../src/core/reply.ts';
import { createMeetup, LIMITS } from './create.ts';
import { editMeetup } from './edit.ts';
import { findMeetup } from './lookup.ts';
import { commentOnRating } from './rating.ts';

export const CREATE_FORM = 'meetup.create';
export const EDIT_FORM = 'meetup.edit';
export const COMMENT_FORM = 'meetup.comment';

export interface MeetupFormValues {
  readonly title?: string;
  readonly when?: string;
  readonly where?: string;
  readonly capacity?: string;
  readonly description?: string;
}

function fields(initial: MeetupFormValues): FormField[] {
  return [
    { id: 'title', label: 'Title', kind: 'short', required: true, maxLength: LIMITS.title, initial: initial.title },
    {
      id: 'when',
      label: 'When',
      kind: 'short',
      required: true,
      maxLength: 100,
      placeholder: 'fri 19:00 · next tuesday 6pm weekly · 2026-12-04 19:00',
      initial: initial.when,
    },
    { id: 'where', label: 'Where', kind: 'short', required: false, maxLength: LIMITS.where, initial: initial.where },
    {
      id: 'capacity',
      label: 'Seats (empty: no limit)',
      kind: 'short',
      required: false,
      maxLength: 5,
      initial: initial.capacity,
    },
    {
      id: 'description',
      label: 'Description',
      kind: 'long',
      required: false,
      maxLength: LIMITS.description,
      initial: initial.description,
    },
  ];
}

/** The create form; `host` (a draft for someone else) travels in `meta`. */
export function createForm(initial: MeetupFormValues = {}, host?: string): Form {
  return {
    formId: CREATE_FORM,
    title: 'New meetup',
    submitLabel: 'Create',
    fields: fields(initial),
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
  };
  return {
    formId: EDIT_FORM,
    title: `Edit meetup #${meetup.id}`,
    submitLabel: 'Save',
    fields: fields(initial),
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
      'invalid_capacity',
      `Seats must be a whole number from 1 to ${LIMITS.capacity}, or empty for no limit.`,
    );
  }
  return n;
}

const text = (values: Readonly<Record<string, string>>, id: string) => values[id]?.trim() ?? '';

function required(values: Readonly<Record<string, string>>, id: string, name: string): string {
  const value = text(values, id);
  if (!value) throw new UserError('invalid_args', `The ${name} cannot be empty.`);
  return value;
}

export const createFormDef: FormDef = {
  id: CREATE_FORM,
  submit(values, meta, ctx: Context): Reply {
    const host = meta?.startsWith('host=') ? meta.slice('host='.length) : undefined;
    return createMeetup(ctx, {
      title: required(values, 'title', 'title'),
      when: required(values, 'when', 'date and time'),
      where: text(values, 'where') || undefined,
      capacity: parseCapacity(values.capacity),
      description: text(values, 'description') || undefined,
      host: host || undefined,
    });
  },
};

export const editFormDef: FormDef = {
  id: EDIT_FORM,
  submit(values, meta, ctx: Context): Reply {
    const meetup = findMeetup(ctx, meta ?? '');
    // In the form an emptied optional field means "remove it".
    return editMeetup(ctx, meetup, {
      title: required(values, 'title', 'title'),
      when: required(values, 'when', 'date and time'),
      where: text(values, 'where') || null,
      capacity: parseCapacity(values.capacity) ?? null,
      description: text(values, 'description') || null,
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
  submit: (values, meta, ctx) =>
    commentOnRating(ctx, findMeetup(ctx, meta ?? ''), required(values, 'comment', 'comment')),
};
