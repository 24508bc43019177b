/** Matching: what each weekly round led to, who has a complementary match, and the pairs now working together. */
import { isoDay, percent } from '../figures.ts';
import type { DataTable } from '../report.ts';
import type { RoundFigures } from '../store.ts';
import type { PageDef } from './page.ts';

const ROUNDS = 12;
const COLLABORATIONS = 30;

function roundsTable(rounds: readonly RoundFigures[]): DataTable {
  return {
    id: 'rounds',
    title: `The last ${ROUNDS} weekly rounds`,
    columns: [
      { key: 'round', label: 'Round of' },
      { key: 'paired', label: 'Paired', unit: 'count' },
      { key: 'met', label: 'Said they met', unit: 'count' },
      { key: 'collaborating', label: 'Working together', unit: 'count' },
    ],
    // Oldest first, as time runs on the chart.
    rows: [...rounds].reverse().map((r) => [isoDay(r.heldAt), r.paired, r.met, r.collaborating]),
    note: 'Members, not pairs: each member answers the follow-up for themselves.',
    empty: 'No weekly round has run yet.',
  };
}

export const matchingPage: PageDef = {
  slug: 'matching',
  title: 'Matching',
  async build(env) {
    const { id } = env.community;
    const rounds = await env.store.rounds(id, ROUNDS);
    const { members, withMatch } = await env.store.complementarity(id);
    const share = percent(withMatch, members);
    const together = await env.store.collaborations(id, COLLABORATIONS);
    return {
      slug: 'matching',
      title: 'Matching',
      summary: 'Whether introductions lead anywhere: pairs who met, and pairs who now work together.',
      blocks: [
        {
          kind: 'figures',
          figures: [
            {
              label: 'Members with at least one complementary match',
              value: share === null ? '—' : `${share}%`,
              note: `${withMatch} of ${members}`,
            },
            { label: 'Pairs working together', value: String(together.length) },
          ],
        },
        {
          kind: 'chart',
          description: 'For each round: members paired, those who said they met, and those now working together.',
          chart: { kind: 'columns', category: 'round', series: ['paired', 'met', 'collaborating'] },
          table: roundsTable(rounds),
        },
        {
          kind: 'names',
          title: 'Pairs that led to collaboration',
          description:
            'Worth celebrating: Hallway introduced them, and they said they are working on something together.',
          names: together.map(
            (c) =>
              `${c.names.join(' & ')} (${c.kind === 'round' ? 'weekly round' : 'introduction'} of ${isoDay(c.pairedAt)})`,
          ),
          total: together.length,
          empty: 'No pair has said they work together yet.',
        },
      ],
    };
  },
};
