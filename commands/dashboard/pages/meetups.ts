/** Meetups: answers against seats taken against rating, per meetup and per series (ratings only as aggregates). */
import { DAY_MS, isoDay, MIN_ANSWERS, privateAverage } from '../figures.ts';
import type { Cell, Column, DataTable } from '../report.ts';
import type { MeetupFigures } from '../store.ts';
import type { PageDef } from './page.ts';

const WINDOW_DAYS = 90;
const LIMIT = 40;

const COUNTS: readonly Column[] = [
  { key: 'answered', label: 'Going or maybe', unit: 'count' },
  { key: 'seated', label: 'Seats taken', unit: 'count' },
  { key: 'ratings', label: 'Ratings', unit: 'count' },
  { key: 'rating', label: 'Average rating', unit: 'rating' },
];

const RATING_NOTE = `Seats taken: members who said going and had a seat (there is no check-in). Average ratings show only from ${MIN_ANSWERS} ratings up, so nobody's own score can be told.`;

function sums(meetups: readonly MeetupFigures[]): Cell[] {
  const total = (pick: (m: MeetupFigures) => number) => meetups.reduce((n, m) => n + pick(m), 0);
  const ratings = total((m) => m.ratings);
  return [
    total((m) => m.answered),
    total((m) => m.seated),
    ratings,
    privateAverage(
      total((m) => m.ratingTotal),
      ratings,
    ),
  ];
}

function perMeetup(meetups: readonly MeetupFigures[]): DataTable {
  return {
    id: 'meetups',
    title: `Meetups held in the last ${WINDOW_DAYS} days`,
    columns: [{ key: 'meetup', label: 'Meetup' }, ...COUNTS],
    rows: meetups.map((m) => [`${isoDay(m.startsAt)} #${m.meetupId} ${m.title}`, ...sums([m])]),
    note: RATING_NOTE,
    empty: 'No meetup was held in this time.',
  };
}

function perSeries(meetups: readonly MeetupFigures[]): DataTable {
  const series = new Map<number, MeetupFigures[]>();
  for (const m of meetups) if (m.seriesId !== undefined) series.set(m.seriesId, [...(series.get(m.seriesId) ?? []), m]);
  return {
    id: 'series',
    title: 'Repeating meetups, each series over the same days',
    columns: [{ key: 'series', label: 'Series' }, { key: 'held', label: 'Held', unit: 'count' }, ...COUNTS],
    rows: [...series.values()].map((held) => [held.at(-1)!.title, held.length, ...sums(held)]),
    note: RATING_NOTE,
    empty: 'No repeating meetup was held in this time.',
  };
}

export const meetupsPage: PageDef = {
  slug: 'meetups',
  title: 'Meetups',
  async build(env) {
    const from = new Date(env.now.getTime() - WINDOW_DAYS * DAY_MS);
    const held = await env.store.heldMeetups(env.community.id, from, env.now, LIMIT);
    const all = sums(held);
    return {
      slug: 'meetups',
      title: 'Meetups',
      summary: 'Who says they will come, who had a seat, and how it went.',
      blocks: [
        {
          kind: 'figures',
          figures: [
            { label: 'Meetups held', value: String(held.length), note: `last ${WINDOW_DAYS} days` },
            { label: 'Seats taken', value: String(all[1]) },
            { label: 'Average rating', value: all[3] === null ? '—' : `${all[3]} / 5`, note: `${all[2]} rating(s)` },
          ],
        },
        {
          kind: 'chart',
          description: 'For each meetup: members who said going or maybe, and seats taken.',
          chart: { kind: 'columns', category: 'meetup', series: ['answered', 'seated'] },
          table: perMeetup(held),
        },
        {
          kind: 'chart',
          description: 'The same for each repeating series.',
          chart: { kind: 'bars', category: 'series', series: ['answered', 'seated'] },
          table: perSeries(held),
        },
        {
          kind: 'note',
          text: 'A calendar feed of every upcoming meetup, to share on a website or in a newsletter: run /meetup calendar feed community in the chat.',
        },
      ],
    };
  },
};
