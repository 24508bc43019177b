/**
 * Approval mode: managers Approve, Edit (then approve) or Reject a submitted intro. Buttons carry
 * `userId:revision`, so a click on an old request never approves text the manager has not seen. Only admins may
 * act (checked here, server-side, from the core's `ctx.actor.isAdmin`); the member is told what happened.
 */
import { z } from 'zod';
import type { Context, FormDef } from './kit.ts';
import { defineAction } from './kit.ts';
import { inField, UserError } from '#core/errors.ts';
import type { IntroFields, ProfileRecord } from './store.ts';
import type { Reply } from '#core/reply.ts';
import { fmt } from '#core/text.ts';
import { cleanLine, cleanParagraph, LIMITS, optional, parseLinks } from './clean.ts';
import { FORM_REJECT, FORM_REVIEW_EDIT, LABELS, rejectForm, reviewEditForm } from './forms.ts';
import { requireManager } from './managers.ts';
import { ACTION_APPROVE, ACTION_EDIT, ACTION_OPEN, ACTION_REJECT, approvalRequest, publishIntro } from './publish.ts';

/** `userId:revision`, as the buttons and forms carry it. */
const submissionRef = z.string().transform((value, ctx) => {
  const at = value.lastIndexOf(':');
  const revision = Number(value.slice(at + 1));
  if (at <= 0 || !Number.isInteger(revision)) {
    ctx.addIssue({ code: 'custom', message: 'not a submission' });
    return z.NEVER;
  }
  return { userId: value.slice(0, at), revision };
});
type SubmissionRef = z.output<typeof submissionRef>;

/** The submission still waiting at that revision, or a UserError saying why not. */
async function pendingSubmission(ctx: Context, ref: SubmissionRef): Promise<ProfileRecord & { draft: IntroFields }> {
  await requireManager(ctx, 'review introductions');
  const profile = await ctx.store.get(ctx.community.id, ref.userId);
  const member = await ctx.core.members.get(ctx.community.id, ref.userId);
  if (!profile || !member || member.leftAt) {
    throw new UserError('conflict', 'That member has left or asked to be forgotten: nothing to review.');
  }
  if (profile.status !== 'pending_approval' || profile.revision !== ref.revision || !profile.draft) {
    const by = profile.reviewedBy ? ` by ${fmt.user(profile.reviewedBy)}` : '';
    const what = profile.status === 'pending_approval' ? 'was replaced by a newer version' : `was already handled${by}`;
    throw new UserError('conflict', `This request ${what}. Run ${fmt.code('/intro review')} for what is waiting.`);
  }
  return { ...profile, draft: profile.draft };
}

async function approve(ctx: Context, userId: string, fields: IntroFields, edited: boolean): Promise<Reply> {
  const outcome = await publishIntro(ctx, userId, fields, ctx.actor.userId);
  const how = edited
    ? 'A community manager tidied up your introduction and approved it'
    : 'Your introduction was approved';
  ctx.notify.dm(ctx.community.id, userId, { text: `🎉 ${how}: ${outcome}` });
  // A click replaces the request it was on; an edit form's answer stands alone.
  const text = `Approved ${fmt.user(userId)}'s introduction: ${outcome.replace(/^your/, 'their')}`;
  return { text, replaceOriginal: !edited };
}

/** Approve: publishes the submission as it is and posts the card. */
export const approveAction = defineAction({
  id: ACTION_APPROVE,
  value: submissionRef,
  async run(ref, ctx) {
    const profile = await pendingSubmission(ctx, ref);
    return approve(ctx, ref.userId, profile.draft, false);
  },
});

/** Edit: opens the submission in a form; submitting it approves the edited version. */
export const editAction = defineAction({
  id: ACTION_EDIT,
  value: submissionRef,
  async run(ref, ctx) {
    const profile = await pendingSubmission(ctx, ref);
    return {
      text: 'Edit the introduction, then approve it.',
      form: reviewEditForm(profile.draft, `${ref.userId}:${ref.revision}`),
    };
  },
});

/** Reject: asks for an optional note, then tells the member. */
export const rejectAction = defineAction({
  id: ACTION_REJECT,
  value: submissionRef,
  async run(ref, ctx) {
    await pendingSubmission(ctx, ref);
    return { text: 'Say why, if you like.', form: rejectForm(`${ref.userId}:${ref.revision}`) };
  },
});

function parseMeta(meta: string | undefined): SubmissionRef {
  const parsed = submissionRef.safeParse(meta ?? '');
  if (!parsed.success) throw new UserError('invalid_input', 'That form has expired. Open the request again.');
  return parsed.data;
}

/** A manager's edited version: checked like the member's own answers, then approved. */
export const reviewEditSubmit: FormDef = {
  id: FORM_REVIEW_EDIT,
  async submit(values, meta, ctx) {
    const ref = parseMeta(meta);
    const { draft } = await pendingSubmission(ctx, ref);
    const fields: IntroFields = {
      ...draft,
      role: inField('role', () => cleanLine(values.role, LIMITS.role, LABELS.role, true)),
      workingOn: inField('working_on', () =>
        cleanParagraph(values.working_on, LIMITS.workingOn, LABELS.workingOn, true),
      ),
      links: inField('links', () => parseLinks(values.links, LABELS.links)),
      pronouns: optional(inField('pronouns', () => cleanLine(values.pronouns, LIMITS.pronouns, LABELS.pronouns))),
      funFact: optional(inField('fun_fact', () => cleanParagraph(values.fun_fact, LIMITS.funFact, LABELS.funFact))),
    };
    return approve(ctx, ref.userId, fields, true);
  },
};

/** Refuses the submission (kept as the member's draft) and DMs them, with the note if any. */
export const rejectSubmit: FormDef = {
  id: FORM_REJECT,
  async submit(values, meta, ctx) {
    const ref = parseMeta(meta);
    await pendingSubmission(ctx, ref);
    const note = optional(cleanParagraph(values.reason, 300, 'Note'));
    await ctx.store.reject(ctx.community.id, ref.userId, ctx.now, ctx.actor.userId, note);
    const said = note ? `\nTheir note: ${note}` : '';
    ctx.notify.dm(ctx.community.id, ref.userId, {
      text: `A community manager didn't approve your introduction this time.${said}\nYou can edit it and send it again.`,
      buttons: [{ label: 'Edit my intro', action: ACTION_OPEN, value: 'about', style: 'primary' }],
    });
    return { text: `Rejected; ${fmt.user(ref.userId)} has been told${note ? ', with your note' : ''}.` };
  },
};

/** `/intro review`: the oldest submission waiting, with its buttons, and how many more wait. */
export async function reviewQueue(ctx: Context): Promise<Reply> {
  await requireManager(ctx, 'review introductions');
  const [next] = await ctx.store.pending(ctx.community.id, 1);
  if (!next?.draft) return { text: 'No introductions are waiting for approval. 🎉' };
  const more = (await ctx.store.countPending(ctx.community.id)) - 1;
  const request = await approvalRequest(ctx, next.userId, next.draft, next.revision);
  return { ...request, context: more > 0 ? `${more} more waiting after this one.` : undefined };
}
