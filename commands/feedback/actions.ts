/**
 * The feedback buttons and forms. Values and form metas carry ids only; who the actor is decides whose ask,
 * request or rating it is (see answers.ts and rating.ts). Every entry point first runs the timeout scan, so what
 * a member sees and taps reflects asks that have already moved on.
 */
import { z } from 'zod';
import { type ActionDef, type Context, defineAction, type FormDef } from './kit.ts';
import { UserError } from '#core/errors.ts';
import type { Reply } from '#core/reply.ts';
import { accept, decline, markGiven, volunteer } from './answers.ts';
import { noteForm, rate, sendNote, sendThanks, thanksForm } from './rating.ts';
import { requestForm, submitRequest } from './request.ts';
import { handOffExpiredAsks } from './timeouts.ts';

const ID = /^\d{1,12}$/;
const ID_AND_MEMBER = /^(\d{1,12}):([^:\s]{1,64})$/;
const requestId = z.string().regex(ID).transform(Number);
const idAndMember = z
  .string()
  .regex(ID_AND_MEMBER)
  .transform((v) => {
    const [, id, reviewer] = ID_AND_MEMBER.exec(v)!;
    return { requestId: Number(id), reviewer: reviewer! };
  });
const rating = z
  .string()
  .regex(/^\d{1,12}:[^:\s]{1,64}:[1-5]$/)
  .transform((v) => {
    const [id, reviewer, score] = v.split(':');
    return { requestId: Number(id), reviewer: reviewer!, score: Number(score) };
  });

/** Runs the lazy timeout scan, then the handler. */
function fresh<T>(
  handler: (ctx: Context, value: T) => Promise<Reply> | Reply,
): (value: T, ctx: Context) => Promise<Reply> {
  return async (value, ctx) => {
    await handOffExpiredAsks(ctx);
    return handler(ctx, value);
  };
}

export const feedbackActions: ActionDef[] = [
  defineAction({
    id: 'feedback.open',
    value: z.string().max(40),
    run: fresh(() => ({ text: 'Tell me what you are working on and what would help.', form: requestForm() })),
  }),
  defineAction({ id: 'feedback.accept', value: requestId, run: fresh(accept) }),
  defineAction({ id: 'feedback.decline', value: requestId, run: fresh(decline) }),
  defineAction({ id: 'feedback.volunteer', value: requestId, run: fresh(volunteer) }),
  defineAction({ id: 'feedback.given', value: requestId, run: fresh(markGiven) }),
  defineAction({ id: 'feedback.note', value: requestId, run: fresh(noteForm) }),
  defineAction({ id: 'feedback.rate', value: rating, run: fresh(rate) }),
  defineAction({
    id: 'feedback.thank',
    value: idAndMember,
    run: fresh((ctx, v: { requestId: number; reviewer: string }) => thanksForm(ctx, v.requestId, v.reviewer)),
  }),
];

function parseMeta<T>(schema: z.ZodType<T, string>, meta: string | undefined): T {
  const parsed = schema.safeParse(meta ?? '');
  if (!parsed.success) throw new UserError('invalid_input', 'That form is no longer valid. Open it again.');
  return parsed.data;
}

export const feedbackForms: FormDef[] = [
  {
    id: 'feedback.request',
    submit: async (values, _meta, ctx) => {
      await handOffExpiredAsks(ctx);
      return submitRequest({ about: values.about, link: values.link, skills: values.skills, by: values.by }, ctx);
    },
  },
  {
    id: 'feedback.note',
    submit: async (values, meta, ctx) => sendNote(ctx, parseMeta(requestId, meta), values.note ?? ''),
  },
  {
    id: 'feedback.thanks',
    submit: async (values, meta, ctx) => {
      const { requestId: id, reviewer } = parseMeta(idAndMember, meta);
      return sendThanks(ctx, id, reviewer, values.thanks ?? '');
    },
  },
];
