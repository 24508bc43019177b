/** The feedback feature's part in the shared flows: the member's home, forget-me and the admin export. */
import type { Deleted } from '#core/command.ts';
import type { Context } from './kit.ts';
import type { Field, Section } from '#core/reply.ts';
import { fmt } from '#core/text.ts';
import { feedbackGivenCount, HELPFUL_SCORE } from './recognition.ts';

/** A short summary on the member's home. */
export async function feedbackHome(ctx: Context): Promise<Section[]> {
  const { community, store, actor } = ctx;
  const requests = (await store.listRequestsBy(community.id, actor.userId, ['open', 'offered_publicly'])).length;
  const asks = (await store.listAsksFor(community.id, actor.userId, ['asked', 'accepted'])).filter(
    ({ request }) => request.status === 'open' || request.status === 'offered_publicly',
  ).length;
  const given = await feedbackGivenCount(store, community.id, actor.userId);
  const paused = await store.optOuts(community.id, actor.userId);
  return [
    {
      text: `${fmt.bold('Feedback')}\nAsk for feedback on your work in progress with /feedback request.${
        paused.length ? ` Paused for you: ${paused.join(', ')} (/feedback prompts on).` : ''
      }`,
      fields: [
        { label: 'Your open requests', value: String(requests) },
        { label: 'Asked of you', value: String(asks) },
        // The same words as on the profile and in the rating that promises it.
        { label: 'Feedback given', value: String(given) },
      ],
    },
  ];
}

/** On every profile: the helpful feedback the member gave (the recognition a 4 or 5 rating promises). */
export async function feedbackProfile(ctx: Context, userId: string): Promise<Field[]> {
  const given = await feedbackGivenCount(ctx.store, ctx.community.id, userId);
  return [{ label: 'Feedback given', value: String(given) }];
}

/** Deletes the member's requests (with their asks and ratings), the asks they received, their ratings, opt-outs. */
export async function forgetFeedback(ctx: Context, userId: string): Promise<Deleted> {
  const gone = await ctx.store.forgetMember(ctx.community.id, userId);
  return {
    'feedback requests': gone.requests,
    'feedback asks': gone.asks,
    'feedback ratings': gone.ratings,
    'feedback settings': gone.settings,
  };
}

export async function exportFeedback(ctx: Context): Promise<Record<string, readonly Record<string, unknown>[]>> {
  return await ctx.store.exportAll(ctx.community.id, HELPFUL_SCORE);
}
