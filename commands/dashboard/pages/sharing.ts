/**
 * Shared resources and mentorship: each resource's bookings and how much of the time it was booked, loans out and
 * overdue, and mentorships active and completed by skill. Counts only: who booked, borrowed or mentors whom is not
 * shown (members see their own in the chat).
 */
import { displaySkill } from '../../skills/index.ts';
import { DAY_MS, percent, round1 } from '../figures.ts';
import type { DataTable } from '../report.ts';
import type { MentorshipFigures, ResourceFigures } from '../store.ts';
import type { PageDef } from './page.ts';

const WINDOW_DAYS = 30;
const RESOURCES = 60;
const SKILLS = 20;

function resourcesTable(resources: readonly ResourceFigures[]): DataTable {
  const windowHours = WINDOW_DAYS * 24;
  return {
    id: 'resources',
    title: `Resources, their bookings over the last ${WINDOW_DAYS} days and their loans now`,
    columns: [
      { key: 'resource', label: 'Resource' },
      { key: 'bookings', label: `Bookings (${WINDOW_DAYS} days)`, unit: 'count' },
      { key: 'hours', label: 'Hours booked', unit: 'hours' },
      { key: 'use', label: 'Booked, share of the time', unit: 'percent' },
      { key: 'upcoming', label: 'Bookings ahead', unit: 'count' },
      { key: 'out', label: 'Out on loan', unit: 'count' },
      { key: 'overdue', label: 'Overdue', unit: 'count' },
      { key: 'waiting', label: 'Waiting to borrow', unit: 'count' },
    ],
    rows: resources.map((r) => [
      r.name,
      ...(r.bookable
        ? [r.bookings, round1(r.bookedHours), percent(r.bookedHours, windowHours), r.upcoming]
        : [null, null, null, null]),
      ...(r.lendable ? [r.out, r.overdue, r.waiting] : [null, null, null]),
    ]),
    note: `Share of the time: hours booked out of every hour of the last ${WINDOW_DAYS} days, round the clock. "—": the resource is not booked (or not lent).`,
    empty: 'The library is empty: members add resources with /resource add.',
  };
}

function mentorshipTable(figures: MentorshipFigures): DataTable {
  return {
    id: 'mentorships',
    title: 'Mentorships by skill',
    columns: [
      { key: 'skill', label: 'Skill' },
      { key: 'active', label: 'Active', unit: 'count' },
      { key: 'completed', label: 'Completed', unit: 'count' },
    ],
    rows: figures.bySkill.map((s) => [displaySkill(s.skill, s.term), s.active, s.completed]),
    empty: 'No mentorship has started yet.',
  };
}

export const sharingPage: PageDef = {
  slug: 'sharing',
  title: 'Resources and mentorship',
  async build(env) {
    const from = new Date(env.now.getTime() - WINDOW_DAYS * DAY_MS);
    const resources = await env.store.resourceUse(env.community.id, from, env.now, RESOURCES);
    const mentorships = await env.store.mentorships(env.community.id, SKILLS);
    const sum = (pick: (r: ResourceFigures) => number) => resources.reduce((n, r) => n + pick(r), 0);
    const mentored = (pick: (s: MentorshipFigures['bySkill'][number]) => number) =>
      mentorships.bySkill.reduce((n, s) => n + pick(s), 0);
    return {
      slug: 'sharing',
      title: 'Resources and mentorship',
      summary: 'How the shared rooms, machines and things are used, and who is learning from whom, in numbers.',
      blocks: [
        {
          kind: 'figures',
          figures: [
            { label: 'Resources', value: String(resources.length) },
            { label: 'Bookings', value: String(sum((r) => r.bookings)), note: `last ${WINDOW_DAYS} days` },
            { label: 'Out on loan', value: String(sum((r) => r.out)) },
            { label: 'Overdue', value: String(sum((r) => r.overdue)) },
            { label: 'Active mentorships', value: String(mentored((s) => s.active)) },
            { label: 'Completed mentorships', value: String(mentored((s) => s.completed)) },
            { label: 'Waiting for a mentor', value: String(mentorships.waiting) },
          ],
        },
        {
          kind: 'chart',
          description: `For each resource: its bookings over the last ${WINDOW_DAYS} days and those ahead.`,
          chart: { kind: 'bars', category: 'resource', series: ['bookings', 'upcoming'] },
          table: resourcesTable(resources),
        },
        {
          kind: 'chart',
          description: 'Mentorships under way and completed, by the skill they are about.',
          chart: { kind: 'bars', category: 'skill', series: ['active', 'completed'] },
          table: mentorshipTable(mentorships),
        },
      ],
    };
  },
};
