/**
 * The mentorship buttons and forms. Values and form metas carry ids only; the actor decides whose ask, request or
 * mentorship it is (answers.ts, check-in-answers.ts).
 */
import { z } from 'zod';
import { UserError } from '#core/errors.ts';
import { skillLabel } from '../skills/index.ts';
import { type ActionDef, defineAction, type FormDef } from './kit.ts';
import { accept, askNext, decline } from './answers.ts';
import { answerCheckIn, openClosing, otherMentors, submitClosing } from './check-in-answers.ts';
import { checkMentor } from './mentor-checks.ts';
import { requestForm, submitRequest } from './request.ts';

const ID = /^\d{1,12}$/;
const MEMBER = /^[^:\s]{1,64}$/;
const id = z.string().regex(ID).transform(Number);
const member = z.string().regex(MEMBER);
const requestAndMentor = z
  .string()
  .regex(/^\d{1,12}:[^:\s]{1,64}$/)
  .transform((v) => {
    const [requestId, mentorId] = v.split(':');
    return { requestId: Number(requestId), mentorId: mentorId! };
  });
const mentorAndSkill = z
  .string()
  .regex(/^[^:\s]{1,64}(:[a-z0-9+#-]{1,80})?$/)
  .transform((v) => {
    const [mentorId, skill] = v.split(':');
    return { mentorId: mentorId!, skill };
  });
const checkIn = z
  .string()
  .regex(/^\d{1,12}:\d{1,3}:(going|stuck|wrap)$/)
  .transform((v) => {
    const [mentorship, seq, answer] = v.split(':');
    return { mentorship: Number(mentorship), seq: Number(seq), answer: answer as 'going' | 'stuck' | 'wrap' };
  });

export const mentorshipActions: ActionDef[] = [
  defineAction({ id: 'mentor.accept', value: id, run: (requestId, ctx) => accept(ctx, requestId) }),
  defineAction({ id: 'mentor.decline', value: id, run: (requestId, ctx) => decline(ctx, requestId) }),
  defineAction({
    id: 'mentor.next',
    value: requestAndMentor,
    run: ({ requestId, mentorId }, ctx) => askNext(ctx, requestId, mentorId),
  }),
  defineAction({
    id: 'mentor.ask',
    value: mentorAndSkill,
    async run({ mentorId, skill }, ctx) {
      if (mentorId === ctx.actor.userId) throw new UserError('invalid_input', "You can't be your own mentor.");
      await checkMentor(ctx, mentorId, ctx.actor.userId);
      return {
        text: 'Tell them what you would like help with.',
        form: requestForm(mentorId, skill ? skillLabel(skill) : undefined),
      };
    },
  }),
  defineAction({ id: 'mentor.checkin', value: checkIn, run: (value, ctx) => answerCheckIn(ctx, value) }),
  defineAction({ id: 'mentor.switch', value: id, run: (mentorship, ctx) => otherMentors(ctx, mentorship) }),
  defineAction({ id: 'mentor.closing', value: id, run: (mentorship, ctx) => openClosing(ctx, mentorship) }),
];

function parseMeta<T>(schema: z.ZodType<T, string>, meta: string | undefined): T {
  const parsed = schema.safeParse(meta ?? '');
  if (!parsed.success) throw new UserError('invalid_input', 'That form is no longer valid. Open it again.');
  return parsed.data;
}

export const mentorshipForms: FormDef[] = [
  {
    id: 'mentor.request',
    submit: async (values, meta, ctx) =>
      submitRequest(
        { member: parseMeta(member, meta), about: values.about, goal: values.goal, skill: values.skill },
        ctx,
      ),
  },
  {
    id: 'mentor.closing',
    submit: async (values, meta, ctx) => submitClosing(ctx, parseMeta(id, meta), values.takeaway ?? ''),
  },
];
