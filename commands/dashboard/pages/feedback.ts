/** Feedback loops: requested → accepted → given → rated helpful, and how long feedback takes. */
import { DAY_MS, MIN_ANSWERS, median, percent, round1 } from '../figures.ts';
import type { DataTable } from '../report.ts';
import type { FeedbackFigures } from '../store.ts';
import type { PageDef } from './page.ts';

const WINDOW_DAYS = 84;

function funnel(f: FeedbackFigures): DataTable {
  // "Rated helpful" comes from members' answers: shown only once there are enough of them.
  const helpful = f.ratings >= MIN_ANSWERS ? f.helpful : null;
  const steps: [string, number | null][] = [
    ['Requested', f.requested],
    ['Accepted', f.accepted],
    ['Given', f.given],
    ['Rated helpful', helpful],
  ];
  return {
    id: 'funnel',
    title: `Feedback requests of the last ${WINDOW_DAYS} days`,
    columns: [
      { key: 'step', label: 'Step' },
      { key: 'requests', label: 'Requests', unit: 'count' },
      { key: 'share', label: 'Of those requested (%)', unit: 'percent' },
    ],
    rows: steps.map(([step, n]) => [step, n, n === null ? null : percent(n, f.requested)]),
    note: `Rated helpful: a 4 or 5 to "Was this helpful?". It shows only from ${MIN_ANSWERS} answers up, and never per member.`,
    empty: 'No feedback was requested in this time.',
  };
}

export const feedbackPage: PageDef = {
  slug: 'feedback',
  title: 'Feedback',
  async build(env) {
    const since = new Date(env.now.getTime() - WINDOW_DAYS * DAY_MS);
    const f = await env.store.feedback(env.community.id, since);
    const hours = median(f.hoursToFeedback);
    const helpfulShare = f.ratings >= MIN_ANSWERS ? percent(f.helpful, f.ratings) : null;
    return {
      slug: 'feedback',
      title: 'Feedback',
      summary: 'Whether asking for feedback works: who accepts, who gives it, and whether it helped.',
      blocks: [
        {
          kind: 'figures',
          figures: [
            {
              label: 'Median time to feedback',
              value: hours === undefined ? '—' : hours < 48 ? `${round1(hours)} hours` : `${round1(hours / 24)} days`,
              note: `over ${f.hoursToFeedback.length} request(s) with feedback`,
            },
            {
              label: 'Found it helpful',
              value: helpfulShare === null ? '—' : `${helpfulShare}%`,
              note: f.ratings >= MIN_ANSWERS ? `of ${f.ratings} answers` : `fewer than ${MIN_ANSWERS} answers so far`,
            },
          ],
        },
        {
          kind: 'chart',
          description: 'Requests that were accepted, that got feedback, and whose feedback was rated helpful.',
          chart: { kind: 'funnel', category: 'step', series: ['requests'] },
          table: funnel(f),
        },
      ],
    };
  },
};
