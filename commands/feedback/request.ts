/** Creating a feedback request, from `/feedback request` or the request form: check, store, route, answer. */
import type { Context } from './kit.ts';
import { inField, UserError } from '#core/errors.ts';
import { checkWebLink } from '#core/links.ts';
import type { Form, Reply } from '#core/reply.ts';
import { truncate } from '#core/text.ts';
import { didYouMean, skillLabel, unknownTerms } from '../skills/index.ts';
import { echoWhen, readWhen, type WhenRules } from '../when/index.ts';
import { advance } from './flow.ts';
import { noFitNotice, requestName } from './messages.ts';
import { requestSkills } from './skills.ts';

export const ABOUT_MAX = 500;
const LINK_MAX = 500;
/** A member can have this many requests open at once: enough for real work, too few to flood reviewers. */
export const MAX_OPEN_REQUESTS = 5;

/** `by:` — a deadline: a day alone leaves all of that day ("friday" is due Friday 23:59). */
export const DEADLINE: WhenRules = { reads: 'moment', withoutTime: 'end-of-day' };

export interface RequestInput {
  readonly about?: string;
  readonly link?: string;
  readonly skills?: string;
  readonly by?: string;
}

/** The request form (≤ 5 fields), prefilled with what the member already typed. */
export function requestForm(initial: RequestInput = {}): Form {
  return {
    formId: 'feedback.request',
    title: 'Ask for feedback',
    submitLabel: 'Find reviewers',
    fields: [
      {
        id: 'about',
        label: 'What are you working on?',
        kind: 'long',
        required: true,
        maxLength: ABOUT_MAX,
        initial: initial.about,
      },
      {
        id: 'link',
        label: 'Link (optional)',
        kind: 'short',
        required: false,
        maxLength: LINK_MAX,
        placeholder: 'https://…',
        initial: initial.link,
      },
      {
        id: 'skills',
        label: 'Which skills would help?',
        kind: 'short',
        required: false,
        maxLength: 200,
        placeholder: 'e.g. illustration, layout — empty: from your profile',
        initial: initial.skills,
      },
      {
        id: 'by',
        label: 'By when? (optional)',
        kind: 'short',
        required: false,
        maxLength: 60,
        placeholder: 'e.g. friday, in 3 days',
        initial: initial.by,
      },
    ],
  };
}

/** The same link rule as everywhere members give links (see src/core/links.ts). */
export function checkLink(text: string): string {
  return checkWebLink(text, LINK_MAX);
}

/** Stores the request, asks the first reviewers, and says what happened. */
export async function submitRequest(input: RequestInput, ctx: Context): Promise<Reply> {
  const about = input.about?.trim();
  if (!about) return { text: 'Tell me what you would like feedback on.', form: requestForm(input) };
  if (Array.from(about).length > ABOUT_MAX) {
    throw new UserError('invalid_input', `Please describe the work in at most ${ABOUT_MAX} characters.`).at('about');
  }
  const { community, store, actor, now } = ctx;
  const link = input.link?.trim() ? inField('link', () => checkLink(input.link ?? '')) : undefined;
  const dueAt = input.by?.trim()
    ? inField('by', () => readWhen(input.by ?? '', now, community.timezone, DEADLINE))
    : undefined;
  const open = await store.listRequestsBy(community.id, actor.userId, ['open', 'offered_publicly']);
  if (open.length >= MAX_OPEN_REQUESTS) {
    throw new UserError(
      'too_many',
      `You already have ${open.length} feedback requests open. Cancel one (/feedback cancel) or wait for answers first.`,
    );
  }
  // The profile matters only when the member named no skills: spare the two reads otherwise.
  const profile = input.skills?.trim()
    ? { needs: [], offers: [] }
    : {
        needs: await store.memberSkills(community.id, actor.userId, 'need'),
        offers: await store.memberSkills(community.id, actor.userId, 'offer'),
      };
  const skills = inField('skills', () => requestSkills(input.skills, about, profile));
  const request = await store.createRequest({
    community: community.id,
    requester: actor.userId,
    about,
    link,
    skills,
    dueAt,
    now,
  });
  const outcome = await advance(ctx, request);
  const skillText = skills.length ? skills.map(skillLabel).join(', ') : undefined;
  const typos = input.skills?.trim() ? didYouMean(unknownTerms(input.skills)) : [];
  if (outcome.kind === 'waiting') {
    const n = outcome.asked.length;
    return withDue(ctx, input, dueAt, {
      text: `Feedback request ${requestName(request)} is out: I've asked ${n} ${n === 1 ? 'member' : 'members'} whose skills fit (${truncate(skillText ?? 'related skills', 200)}). I'll DM you when someone says yes.`,
      context: [...typos, `See it with /feedback list; cancel with /feedback cancel ${request.id}.`].join('\n'),
    });
  }
  const hint = skillText ? '' : ' Next time, name the skills that would help (skills:…) so I can find reviewers.';
  const anyoneAsked = outcome.kind === 'offered' && outcome.anyoneAsked;
  const channelId = outcome.kind === 'offered' ? outcome.channelId : undefined;
  return withDue(ctx, input, dueAt, {
    text: noFitNotice(request, channelId, anyoneAsked).text + hint,
    context: typos.length ? typos.join('\n') : undefined,
  });
}

/** The deadline said back to the requester (the reviewers see it too): a misread date is caught at once. */
function withDue(ctx: Context, input: RequestInput, dueAt: Date | undefined, reply: Reply): Reply {
  if (!dueAt || !input.by) return reply;
  return { ...reply, sections: [{ text: `Due: ${echoWhen(input.by, dueAt, ctx.community.timezone, DEADLINE)}` }] };
}
