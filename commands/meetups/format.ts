/** How meetups read in messages: dates as viewer-local tokens with the community's zone as fallback. Pure. */
import type { Context } from './kit.ts';
import type { MeetupRecord, RsvpRecord, RsvpStatus } from './store.ts';
import { type DateStyle, fmt } from '#core/text.ts';
import { formatInZone } from '#core/time.ts';

/** What meetup helpers need from a command or job context. */
export type MeetupEnv = Pick<Context, 'community' | 'now' | 'store' | 'core' | 'notify'>;

/** A date every platform can localise for the viewer; the text fallback is in the community's zone. */
export function when(at: Date, zone: string, style: Exclude<DateStyle, 'relative'> = 'full'): string {
  return fmt.date(at, style, formatInZone(at, zone, style));
}

/** `#12 Zine night`: the number is what members type. */
export function label(meetup: Pick<MeetupRecord, 'id' | 'title'>): string {
  return `#${meetup.id} ${fmt.bold(meetup.title)}`;
}

/** One line: `#12 Zine night — Fri 4 Dec 2026, 19:00 (Europe/Paris) · Print shop`. */
export function summaryLine(meetup: MeetupRecord, zone: string): string {
  const where = meetup.location ? ` · ${meetup.location}` : '';
  return `${label(meetup)} — ${when(meetup.startsAt, zone)}${where}`;
}

export const ANSWER_TEXT: Record<RsvpStatus, string> = { going: 'Going', maybe: 'Maybe', no: "Can't go" };

/** A member's answer as words, "Waitlist #2" for a going without a seat yet. */
export function answerText(rsvp: RsvpRecord | undefined): string {
  if (!rsvp) return 'No answer yet';
  if (rsvp.status === 'going' && rsvp.waitlistPosition !== undefined) return 'On the waitlist';
  return ANSWER_TEXT[rsvp.status];
}

/** Who answered what, split the way the card and the list show it. */
export interface Tally {
  readonly seated: readonly string[];
  readonly waitlist: readonly string[];
  readonly maybe: readonly string[];
  readonly no: readonly string[];
}

export function tally(rsvps: readonly RsvpRecord[]): Tally {
  const pick = (test: (r: RsvpRecord) => boolean) => rsvps.filter(test).map((r) => r.userId);
  return {
    seated: pick((r) => r.status === 'going' && r.waitlistPosition === undefined),
    waitlist: pick((r) => r.status === 'going' && r.waitlistPosition !== undefined),
    maybe: pick((r) => r.status === 'maybe'),
    no: pick((r) => r.status === 'no'),
  };
}

/** Seated against seats: "3/10 going"; past the seats (capacity lowered later), "4 going (1 seat: full)", not "4/1". */
function goingText(seated: number, capacity: number | undefined): string {
  if (!capacity) return `${seated} going`;
  if (seated <= capacity) return `${seated}/${capacity} going`;
  return `${seated} going (${capacity} ${capacity === 1 ? 'seat' : 'seats'}: full)`;
}

/** "3/10 going · 2 maybe · 1 waiting". */
export function countsText(meetup: MeetupRecord, t: Tally): string {
  const going = goingText(t.seated.length, meetup.capacity);
  const parts = [going, `${t.maybe.length} maybe`];
  if (t.waitlist.length) parts.push(`${t.waitlist.length} on the waitlist`);
  return parts.join(' · ');
}

/** A few names, then "+N more", without pinging anyone (the message's `mentions` stays empty). */
export function names(userIds: readonly string[], max = 12): string {
  if (userIds.length === 0) return '—';
  const shown = userIds.slice(0, max).map((id) => fmt.user(id));
  const more = userIds.length - shown.length;
  return more > 0 ? `${shown.join(', ')} +${more} more` : shown.join(', ');
}
