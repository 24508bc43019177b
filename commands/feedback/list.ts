/** `/feedback list`: the member's open requests and the asks waiting for them. */
import type { Context } from './kit.ts';
import type { FeedbackRequest } from './store.ts';
import type { Reply, Section } from '#core/reply.ts';
import { fmt } from '#core/text.ts';
import { formatInZone } from '#core/time.ts';
import { requestName } from './messages.ts';
import { feedbackGivenCount } from './recognition.ts';

const SHOWN = 10;

function due(request: FeedbackRequest, zone: string): string {
  return request.dueAt ? `, by ${fmt.date(request.dueAt, 'full', formatInZone(request.dueAt, zone))}` : '';
}

/** One line per open request of the member: who is on it, in counts (who declined stays private). */
async function requestLines(ctx: Context): Promise<string[]> {
  const { community, store, actor } = ctx;
  const requests = await store.listRequestsBy(community.id, actor.userId, ['open', 'offered_publicly']);
  const lines: string[] = [];
  for (const r of requests.slice(0, SHOWN)) {
    const asks = await store.listAsks(community.id, r.id);
    const count = (s: string) => asks.filter((a) => a.status === s).length;
    const where = r.status === 'offered_publicly' ? 'offered in the feedback channel' : `waiting on ${count('asked')}`;
    lines.push(
      `• ${requestName(r)}: ${count('accepted')} said yes, ${count('given')} gave feedback, ${where}${due(r, community.timezone)}`,
    );
  }
  return lines;
}

/** One line per ask waiting for the member, with how to answer it. */
async function askLines(ctx: Context): Promise<string[]> {
  const { community, store, actor } = ctx;
  const asks = await store.listAsksFor(community.id, actor.userId, ['asked', 'accepted']);
  return asks
    .filter(({ request }) => request.status === 'open' || request.status === 'offered_publicly')
    .slice(0, SHOWN)
    .map(({ ask, request }) => {
      const state =
        ask.status === 'asked' ? 'answer in my DM' : `you said yes; when done: /feedback given ${request.id}`;
      return `• ${requestName(request)} from ${fmt.user(request.requester)} (${state})${due(request, community.timezone)}`;
    });
}

export async function listFeedback(ctx: Context): Promise<Reply> {
  const mine = await requestLines(ctx);
  const theirs = await askLines(ctx);
  const sections: Section[] = [
    {
      text: `${fmt.bold('Your requests')}\n${mine.length ? mine.join('\n') : 'None open. Ask with /feedback request.'}`,
    },
    { text: `${fmt.bold('Asked of you')}\n${theirs.length ? theirs.join('\n') : 'Nothing waiting for you.'}` },
  ];
  const given = await feedbackGivenCount(ctx.store, ctx.community.id, ctx.actor.userId);
  return {
    title: 'Feedback',
    text: mine.length || theirs.length ? 'Your feedback, open and waiting.' : 'Nothing open right now.',
    sections,
    context: `Helpful feedback you have given: ${given}.`,
  };
}
