/**
 * Dates and lengths of time as members write them: both go through the shared parsers (`commands/when`) under the
 * rules of each resources command.
 */
import { type DurationRules, echoWhen, parseDuration, readWhen, type WhenRules } from '../when/index.ts';

/** A booking's start (and `/resource browse free:`): a moment, with its time. */
export const BOOKING_START: WhenRules = { reads: 'moment', withoutTime: 'refuse' };
/** A loan's due date: a day alone ("next monday") means that day at 18:00, the end of a working day. */
export const LOAN_DUE: WhenRules = { reads: 'moment', withoutTime: { hour: 18 }, option: 'until' };

/** Reads a booking's start in words in `zone` (or a picker's instant); refuses past, impossible and ambiguous ones. */
export function readStart(text: string, now: Date, zone: string): Date {
  return readWhen(text, now, zone, BOOKING_START);
}

/** A loan's due date. */
export function readUntil(text: string, now: Date, zone: string): Date {
  return readWhen(text, now, zone, LOAN_DUE);
}

/** "I read "fri 14:00" as Fri 20 Nov 2026, 14:00 (Europe/Paris).", or "Set for …" for a picker. */
export function echo(typed: string, at: Date, zone: string): string {
  return echoWhen(typed, at, zone, BOOKING_START);
}

/** A booking lasts from 15 minutes (shorter is a typo more often than a plan); its longest is a setting. */
export const BOOKING_LENGTH: DurationRules = { what: 'A booking', minMinutes: 15 };

/** How long a booking lasts, in whole minutes (the shared parser, under the bookings' bounds). */
export function readLength(text: string): number {
  return parseDuration(text, BOOKING_LENGTH);
}
