/** Introductions: joined → intro started → intro posted, the time it takes, and who has not introduced themselves. */
import { DAY_MS, median, percent, round1 } from '../figures.ts';
import type { DataTable } from '../report.ts';
import type { Arrival } from '../store.ts';
import type { PageDef, PageEnv } from './page.ts';

/** The funnel counts members who joined in this many days. */
const WINDOW_DAYS = 84;
const NAMES = 50;

function funnel(arrivals: readonly Arrival[]): DataTable {
  const joined = arrivals.length;
  const steps: [string, number][] = [
    ['Joined', joined],
    ['Started an intro', arrivals.filter((a) => a.startedIntro).length],
    ['Intro posted', arrivals.filter((a) => a.introducedAt).length],
  ];
  return {
    id: 'funnel',
    title: `Introductions of members who joined in the last ${WINDOW_DAYS} days`,
    columns: [
      { key: 'step', label: 'Step' },
      { key: 'members', label: 'Members', unit: 'count' },
      { key: 'share', label: 'Of those who joined (%)', unit: 'percent' },
    ],
    rows: steps.map(([step, n]) => [step, n, percent(n, joined)]),
    note: 'Started: submitted the intro form (posted, waiting for approval, or sent back).',
    empty: 'Nobody joined in this time.',
  };
}

/** `intro-reminder-days` as the community set it (introductions' setting; 3 days by default). */
function reminderDays(env: PageEnv): number {
  const value = env.community.settings['intro-reminder-days'];
  return typeof value === 'number' ? value : 3;
}

export const introductionsPage: PageDef = {
  slug: 'introductions',
  title: 'Introductions',
  async build(env) {
    const since = new Date(env.now.getTime() - WINDOW_DAYS * DAY_MS);
    const arrivals = await env.store.arrivals(env.community.id, since);
    const days = arrivals.flatMap((a) =>
      a.introducedAt ? [(a.introducedAt.getTime() - a.joinedAt.getTime()) / DAY_MS] : [],
    );
    const mid = median(days);
    const waitDays = reminderDays(env);
    const waiting = await env.store.withoutIntro(
      env.community.id,
      new Date(0),
      new Date(env.now.getTime() - waitDays * DAY_MS),
      NAMES,
    );
    return {
      slug: 'introductions',
      title: 'Introductions',
      summary: 'How newcomers get from joining to a posted intro, and who has not introduced themselves yet.',
      blocks: [
        {
          kind: 'figures',
          figures: [
            {
              label: 'Median days from joining to a posted intro',
              value: mid === undefined ? '—' : String(round1(mid)),
              note: `over ${days.length} intro(s)`,
            },
            { label: 'Not introduced after the reminder', value: String(waiting.total) },
          ],
        },
        {
          kind: 'chart',
          description: 'Members who joined, started their intro, and got it posted.',
          chart: { kind: 'funnel', category: 'step', series: ['members'] },
          table: funnel(arrivals),
        },
        {
          kind: 'names',
          title: `Joined more than ${waitDays} days ago, no intro yet`,
          description: `They got the welcome and the one reminder (intro-reminder-days: ${waitDays}); a personal hello may help.`,
          names: waiting.names,
          total: waiting.total,
          empty: 'Everyone who joined that long ago has introduced themselves.',
        },
      ],
    };
  },
};
