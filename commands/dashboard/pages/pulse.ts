/** Pulse: active and new members per week, and how many of each month's newcomers are still active later. */
import { DAY_MS, isoDay, lastWeeks, percent, WEEK_MS, weekStart } from '../figures.ts';
import type { Cell, DataTable } from '../report.ts';
import type { Arrival } from '../store.ts';
import type { PageDef, PageEnv } from './page.ts';

const WEEKS = 12;
const COHORT_MONTHS = 6;
/** "Still active N weeks later": active at some point at least N weeks after joining. */
const LATER = [4, 12] as const;

async function weekly(env: PageEnv, arrivals: readonly Arrival[]): Promise<DataTable> {
  const weeks = lastWeeks(env.now, WEEKS);
  const to = new Date(weeks.at(-1)!.getTime() + WEEK_MS);
  const active = new Map(
    (await env.store.activeByWeek(env.community.id, weeks[0]!, to)).map((w) => [w.week.getTime(), w.count]),
  );
  const joined = new Map<number, number>();
  for (const a of arrivals) {
    const week = weekStart(a.joinedAt).getTime();
    joined.set(week, (joined.get(week) ?? 0) + 1);
  }
  return {
    id: 'weekly',
    title: 'Active and new members per week',
    columns: [
      { key: 'week', label: 'Week of' },
      { key: 'active', label: 'Active members', unit: 'count' },
      { key: 'new', label: 'New members', unit: 'count' },
    ],
    rows: weeks.map((w) => [isoDay(w), active.get(w.getTime()) ?? 0, joined.get(w.getTime()) ?? 0]),
    note: 'Active: used a command, pressed a button, answered a form (RSVPs and "we met" answers included). Weeks start on Monday (UTC).',
    empty: 'No activity yet.',
  };
}

/** The first day (UTC) of the month `back` months before `now`'s. */
function monthStart(now: Date, back: number): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 1));
}

function cohortRow(month: Date, members: readonly Arrival[], now: Date): Cell[] {
  const row: Cell[] = [isoDay(month).slice(0, 7), members.length];
  for (const weeks of LATER) {
    const span = weeks * 7 * DAY_MS;
    const eligible = members.filter((a) => a.joinedAt.getTime() + span <= now.getTime());
    const still = eligible.filter((a) => a.lastActiveAt.getTime() >= a.joinedAt.getTime() + span).length;
    row.push(eligible.length ? still : null, percent(still, eligible.length));
  }
  return row;
}

function retention(env: PageEnv, arrivals: readonly Arrival[]): DataTable {
  const months = Array.from({ length: COHORT_MONTHS }, (_, i) => monthStart(env.now, COHORT_MONTHS - 1 - i));
  const rows = months.map((month, i) => {
    const next = months[i + 1]?.getTime() ?? Number.POSITIVE_INFINITY;
    const cohort = arrivals.filter((a) => a.joinedAt.getTime() >= month.getTime() && a.joinedAt.getTime() < next);
    return cohortRow(month, cohort, env.now);
  });
  return {
    id: 'retention',
    title: 'Still active after joining, by month joined',
    columns: [
      { key: 'month', label: 'Joined in' },
      { key: 'joined', label: 'Joined', unit: 'count' },
      { key: 'after4', label: 'Active 4+ weeks later', unit: 'count' },
      { key: 'after4pct', label: 'Active 4+ weeks later (%)', unit: 'percent' },
      { key: 'after12', label: 'Active 12+ weeks later', unit: 'count' },
      { key: 'after12pct', label: 'Active 12+ weeks later (%)', unit: 'percent' },
    ],
    rows,
    note: 'Shares are of the members who joined at least that long ago; — means none has yet.',
    empty: 'Nobody joined in these months.',
  };
}

export const pulsePage: PageDef = {
  slug: 'pulse',
  title: 'Pulse',
  async build(env) {
    const since = monthStart(env.now, COHORT_MONTHS - 1);
    const earliest = new Date(Math.min(since.getTime(), lastWeeks(env.now, WEEKS)[0]!.getTime()));
    const arrivals = await env.store.arrivals(env.community.id, earliest);
    const week = await weekly(env, arrivals);
    const current = week.rows.at(-1)!;
    return {
      slug: 'pulse',
      title: 'Pulse',
      summary: 'Who is around: active members and newcomers week by week, and whether newcomers stay.',
      blocks: [
        {
          kind: 'figures',
          figures: [
            { label: 'Members', value: String(await env.store.memberCount(env.community.id)) },
            { label: 'Active this week', value: String(current[1]) },
            { label: 'New this week', value: String(current[2]) },
          ],
        },
        {
          kind: 'chart',
          description: 'Active and new members in each of the last 12 weeks.',
          chart: { kind: 'line', category: 'week', series: ['active', 'new'] },
          table: week,
        },
        {
          kind: 'chart',
          description: 'Of the members who joined each month, the share still active 4 and 12 weeks later.',
          chart: { kind: 'columns', category: 'month', series: ['after4pct', 'after12pct'] },
          table: retention(env, arrivals),
        },
      ],
    };
  },
};
