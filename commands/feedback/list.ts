/** `/feedback list`: the member's open requests and the asks waiting for them. */
import type { Context } from '#core/command.ts';
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
function requestLines(ctx: Context): string[] {
  const { community, repos, actor } = ctx;
  const requests = repos.feedback.listRequestsBy(community.id, actor.userId, ['open', 'offered_publicly']);
  return requests.slice(0, SHOWN).map((r) => {
    const asks = repos.feedback.listAsks(community.id, r.id);
    const count = (s: string) => asks.filter((a) => a.status === s).length;
    const where = r.status === 'offered_publicly' ? 'offered in the feedback channel' : `waiting on ${count('asked')}`;
    return `• ${requestName(r)}: ${count('accepted')} said yes, ${count('given')} gave feedback, ${where}${due(r, community.timezone)}`;
  });
}

/** One line per ask waiting for the member, with how to answer it. */
function askLines(ctx: Context): string[] {
  const { community, repos, actor } = ctx;
  const asks = repos.feedback.listAsksFor(community.id, actor.userId, ['asked', 'accepted']);
  return asks
    .filter(({ request }) => request.status === 'open' || request.status === 'offered_publicly')
    .slice(0, SHOWN)
    .map(({ ask, request }) => {
      const state =
        ask.status === 'asked' ? 'answer in my DM' : `you said yes; when done: /feedback given ${request.id}`;
      return `• ${requestName(request)} from ${fmt.user(request.requester)} (${state})${due(request, community.timezone)}`;
    });
}

export function listFeedback(ctx: Context): Reply {
  const mine = requestLines(ctx);
  const theirs = askLines(ctx);
  const sections: Section[] = [
    {
      text: `${fmt.bold('Your requests')}\n${mine.length ? mine.join('\n') : 'None open. Ask with /feedback request.'}`,
    },
    { text: `${fmt.bold('Asked of you')}\n${theirs.length ? theirs.join('\n') : 'Nothing waiting for you.'}` },
  ];
  const given = feedbackGivenCount(ctx.repos, ctx.community.id, ctx.actor.userId);
  return {
    title: 'Feedback',
    text: mine.length || theirs.length ? 'Your feedback, open and waiting.' : 'Nothing open right now.',
    sections,
    context: `Helpful feedback you have given: ${given}.`,
  };
}
