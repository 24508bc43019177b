/** The pure parts of resources: nearest free slots, which loan reminder is due, what an ask names. */
import { describe, expect, it } from 'vitest';
import { significantWords, skillsIn } from '../../commands/resources/asks.ts';
import { nextLoanReminder } from '../../commands/resources/reminders.ts';
import { earliestStart, nearestFreeSlots } from '../../commands/resources/slots.ts';
import type { LoanRecord } from '../../commands/resources/store.ts';

const at = (hhmm: string, day = 20) => new Date(`2026-11-${day}T${hhmm}:00Z`);
const span = (from: string, to: string, day = 20) => ({ startsAt: at(from, day), endsAt: at(to, day) });
const labels = (spans: { startsAt: Date; endsAt: Date }[]) =>
  spans.map((s) => `${s.startsAt.toISOString().slice(8, 16)}–${s.endsAt.toISOString().slice(11, 16)}`);

describe('nearestFreeSlots', () => {
  const base = { earliest: at('00:00', 16), latest: at('00:00', 30), count: 3 };

  it('offers the edges of the busy slots, nearest first, then the same time on the days around', () => {
    const slots = nearestFreeSlots({ ...base, wanted: span('14:00', '16:00'), busy: [span('13:00', '15:00')] });
    expect(labels(slots)).toEqual(['20T15:00–17:00', '20T11:00–13:00', '19T14:00–16:00']);
  });

  it('never offers a slot overlapping another booking, before the earliest start or past the horizon', () => {
    const busy = [span('13:00', '15:00'), span('15:00', '16:30'), span('10:00', '12:00')];
    const slots = nearestFreeSlots({ ...base, wanted: span('14:00', '16:00'), busy });
    expect(labels(slots)).toEqual(['20T16:30–18:30', '20T08:00–10:00', '19T14:00–16:00']);
    const late = nearestFreeSlots({
      ...base,
      earliest: at('13:00'),
      latest: at('17:00'),
      wanted: span('14:00', '16:00'),
      busy: [span('13:00', '15:00')],
    });
    expect(labels(late)).toEqual(['20T15:00–17:00']);
  });

  it('rounds the earliest start up to five minutes', () => {
    expect(earliestStart(new Date('2026-11-20T13:02:10Z')).toISOString()).toBe('2026-11-20T13:05:00.000Z');
    expect(earliestStart(new Date('2026-11-20T13:05:00Z')).toISOString()).toBe('2026-11-20T13:05:00.000Z');
  });
});

describe('nextLoanReminder', () => {
  const DAY = 86_400_000;
  const due = new Date('2026-11-23T17:00:00Z');
  const loan = (extra: Partial<LoanRecord> = {}): LoanRecord => ({
    id: 1,
    community: 'shell:loft',
    resourceId: 1,
    borrower: 'mia',
    status: 'lent',
    requestedAt: new Date(due.getTime() - 7 * DAY),
    lentAt: new Date(due.getTime() - 7 * DAY),
    dueAt: due,
    remindersSent: 0,
    ...extra,
  });
  const t = (offset: number) => new Date(due.getTime() + offset);

  it('is the day before, then one nudge a day from a day after, three in all', () => {
    expect(nextLoanReminder(loan(), t(-DAY - 1))).toBeUndefined();
    expect(nextLoanReminder(loan(), t(-DAY))).toBe('due');
    expect(nextLoanReminder(loan({ remindersSent: 1, remindedAt: t(-DAY) }), t(0))).toBeUndefined();
    expect(nextLoanReminder(loan({ remindersSent: 1, remindedAt: t(-DAY) }), t(DAY))).toBe('overdue');
    expect(nextLoanReminder(loan({ remindersSent: 2, remindedAt: t(DAY) }), t(2 * DAY - 1))).toBeUndefined();
    expect(nextLoanReminder(loan({ remindersSent: 2, remindedAt: t(DAY) }), t(2 * DAY))).toBe('overdue');
    expect(nextLoanReminder(loan({ remindersSent: 3, remindedAt: t(2 * DAY) }), t(30 * DAY))).toBeUndefined();
  });

  it('skips the day-before reminder of a loan shorter than a day, and any loan not out', () => {
    const short = loan({ lentAt: new Date(due.getTime() - 5 * 3_600_000) });
    expect(nextLoanReminder(short, t(-3_600_000))).toBeUndefined();
    expect(nextLoanReminder(short, t(DAY))).toBe('overdue');
    expect(nextLoanReminder(loan({ status: 'returned' }), t(DAY))).toBeUndefined();
  });
});

describe('what an ask names', () => {
  it('keeps the words that say what it is, plurals folded', () => {
    expect(significantWords('A camera tripod, or two tripods?')).toEqual(['camera', 'tripod', 'two']);
    expect(significantWords('a')).toEqual([]);
  });

  it('finds the vocabulary’s skills in it', () => {
    expect(skillsIn('a sewing machine')).toEqual(['sewing']);
    expect(skillsIn('something for screen printing')).toContain('screen-printing');
  });
});
