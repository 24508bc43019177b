/**
 * Period keys for jobs: pure functions of (now, zone, schedule). A key names the most recent occurrence at or
 * before `now`, so the job due "this Monday 09:00" keeps the same key all week long: the scheduler can tick every
 * minute, and a period missed while the bot was down is still the current one when it starts again (caught up once).
 *
 * Occurrences are local wall times in the community's zone, which keeps them DST-safe: "monday 09:00" is 09:00 in
 * Paris in winter and in summer. A wall time skipped on a spring-forward day (02:30) happens shifted by the gap
 * (03:30); one repeated on a fall-back day happens once, at its second passage (luxon's choice). Keys are the
 * nominal wall time (`2026-03-29T02:30`), so a key never depends on the offset and each day has exactly one.
 */
import { DateTime } from 'luxon';
import { WEEKDAYS, type Weekday } from './settings.ts';

/** An occurrence: its period key and the instant it happened. */
export interface Occurrence {
  /** Local wall time `yyyy-MM-ddTHH:mm` (UTC slots end in `Z`). */
  readonly key: string;
  readonly at: Date;
}

const HH_MM = /^([01]\d|2[0-3]):([0-5]\d)$/;

function parseTime(time: string): { hour: number; minute: number } {
  const match = HH_MM.exec(time);
  if (!match) throw new Error(`not a time of day (HH:mm): ${time}`);
  return { hour: Number(match[1]), minute: Number(match[2]) };
}

function localNow(now: Date, zone: string): DateTime {
  const local = DateTime.fromJSDate(now, { zone });
  if (!local.isValid) throw new Error(`not a valid time zone: ${zone}`);
  return local;
}

/** The occurrence at `time` on the calendar day of `day` (only its date is used), in `zone`. */
function occurrenceOn(day: DateTime, time: { hour: number; minute: number }, zone: string): Occurrence {
  const { year, month, day: date } = day;
  const at = DateTime.fromObject({ year, month, day: date, ...time }, { zone });
  const key = DateTime.fromObject({ year, month, day: date, ...time }, { zone: 'UTC' }).toFormat("yyyy-MM-dd'T'HH:mm");
  return { key, at: at.toJSDate() };
}

/** The latest weekly occurrence of `weekday` at `time` (local, in `zone`) at or before `now`. */
export function lastWeekly(now: Date, zone: string, weekday: Weekday, time: string): Occurrence {
  const local = localNow(now, zone);
  const hm = parseTime(time);
  const back = (local.weekday - (WEEKDAYS.indexOf(weekday) + 1) + 7) % 7;
  const candidate = occurrenceOn(local.minus({ days: back }), hm, zone);
  return candidate.at <= now ? candidate : occurrenceOn(local.minus({ days: back + 7 }), hm, zone);
}

/** The latest daily occurrence of `time` (local, in `zone`) at or before `now`. */
export function lastDaily(now: Date, zone: string, time: string): Occurrence {
  const local = localNow(now, zone);
  const hm = parseTime(time);
  const today = occurrenceOn(local, hm, zone);
  return today.at <= now ? today : occurrenceOn(local.minus({ days: 1 }), hm, zone);
}

/** Key of the weekly period current at `now`, e.g. `2026-11-16T09:00` for "monday 09:00". */
export function weeklyPeriod(now: Date, zone: string, weekday: Weekday, time: string): string {
  return lastWeekly(now, zone, weekday, time).key;
}

/** Key of the daily period current at `now`, e.g. `2026-11-16T08:30`. */
export function dailyPeriod(now: Date, zone: string, time: string): string {
  return lastDaily(now, zone, time).key;
}

/**
 * Key of the `minutes`-long UTC slot holding `now`, e.g. `2026-11-16T09:05Z` for 5-minute slots: jobs that run
 * every few minutes (reminders) claim each slot once. Slots are counted from the epoch, so they line up with the
 * hour when `minutes` divides 60.
 */
export function slotPeriod(now: Date, minutes: number): string {
  if (!Number.isInteger(minutes) || minutes < 1) throw new Error(`slot length must be whole minutes: ${minutes}`);
  const size = minutes * 60_000;
  const start = Math.floor(now.getTime() / size) * size;
  return DateTime.fromMillis(start, { zone: 'UTC' }).toFormat("yyyy-MM-dd'T'HH:mm'Z'");
}

/** What a scheduled job needs to know of its community to find the period due. */
export interface Scheduled {
  readonly timezone: string;
  readonly createdAt: Date;
  readonly settingsChanged: Readonly<Record<string, Date>>;
}

/** ISO week of a local date, e.g. `2026-W50`: one weekly period, whatever day and time the schedule says. */
function weekKey(at: Date, zone: string): string {
  const local = DateTime.fromJSDate(at, { zone });
  return `${local.weekYear}-W${String(local.weekNumber).padStart(2, '0')}`;
}

function dayKey(at: Date, zone: string): string {
  return DateTime.fromJSDate(at, { zone }).toFormat('yyyy-MM-dd');
}

/**
 * When the schedule made of `keys` last said something: the community's first sight, or the latest change of one of
 * those settings. An occurrence before it was not missed — it never was due.
 */
function scheduledSince(community: Scheduled, keys: readonly string[]): number {
  const changes = keys.map((k) => community.settingsChanged[k]?.getTime() ?? 0);
  return Math.max(community.createdAt.getTime(), ...changes);
}

/**
 * The weekly period a job is due for: keyed by the week (`2026-W50`), so a week's round, digest or prompt runs once
 * whatever its day and time do in between (a manual run, then a new time, then the scheduled time: still once).
 * Due once this week's occurrence has come, unless it came before the community existed or before the settings
 * in `keys` last changed (then it is not caught up: the next week's is the first). `manual`: the week of `now`.
 */
export function weeklyJobPeriod(
  now: Date,
  community: Scheduled,
  schedule: { readonly day: Weekday; readonly time: string; readonly keys: readonly string[] },
  manual = false,
): string | undefined {
  if (manual) return weekKey(now, community.timezone);
  const occurrence = lastWeekly(now, community.timezone, schedule.day, schedule.time);
  if (occurrence.at.getTime() < scheduledSince(community, schedule.keys)) return undefined;
  return weekKey(occurrence.at, community.timezone);
}

/** The daily counterpart of `weeklyJobPeriod`, keyed by the local date (`2026-12-07`). */
export function dailyJobPeriod(
  now: Date,
  community: Scheduled,
  schedule: { readonly time: string; readonly keys: readonly string[] },
  manual = false,
): string | undefined {
  if (manual) return dayKey(now, community.timezone);
  const occurrence = lastDaily(now, community.timezone, schedule.time);
  if (occurrence.at.getTime() < scheduledSince(community, schedule.keys)) return undefined;
  return dayKey(occurrence.at, community.timezone);
}
