/** What "who's in today" says. Locations are member text (literal); members are named by id only. */
import type { Button, Reply } from '#core/reply.ts';
import { fmt, truncate } from '#core/text.ts';
import { formatInZone } from '#core/time.ts';
import type { Presence } from './store.ts';

/**
 * "until 17:00" in the viewer's zone where the platform can, the community's otherwise; "for the day" when no time
 * was given (the check-in then lasts until midnight, which `until:` itself can never be).
 */
export function untilText(at: Date, zone: string): string {
  const local = formatInZone(at, zone, 'time');
  return local === '00:00' ? 'for the day' : `until ${fmt.date(at, 'time', local)}`;
}

/** "@Lucas — Darkroom, until 17:00". */
export function presenceLine(p: Presence, zone: string): string {
  const where = p.location ? `${truncate(p.location, 80)}, ` : '';
  return `• ${fmt.user(p.userId)} — ${where}${untilText(p.until, zone)}`;
}

/** The Coffee? button for one member who is in (its value is their id). */
export function coffeeButton(userId: string, name: string): Button {
  return { label: truncate(`Coffee with ${name}?`, 30), action: 'presence.coffee', value: userId };
}

/** The invitation DM, with one-tap Sure / Not today (values: the inviter's id and the answer). */
export function coffeeInvite(from: Presence, reason: string | undefined, zone: string): Reply {
  const where = from.location
    ? ` They're at ${fmt.bold(truncate(from.location, 80))}, ${untilText(from.until, zone)}.`
    : '';
  return {
    title: 'Coffee?',
    text: `${fmt.user(from.userId)} is in too and would like a coffee.${where}`,
    sections: reason ? [{ text: reason }] : undefined,
    buttons: [
      { label: 'Sure', action: 'presence.answer', value: `${from.userId}:sure`, style: 'primary' },
      { label: 'Not today', action: 'presence.answer', value: `${from.userId}:not_today` },
    ],
  };
}

/** Tells the inviter the answer. */
export function coffeeAnswer(to: Presence | undefined, toId: string, sure: boolean, zone: string): Reply {
  if (!sure) return { text: `${fmt.user(toId)} can't today — maybe another time!` };
  const where = to?.location ? ` They're at ${fmt.bold(truncate(to.location, 80))}.` : '';
  const until = to ? ` In ${untilText(to.until, zone)}.` : '';
  return { text: `${fmt.user(toId)} says sure to a coffee!${where}${until}` };
}

/** The morning nudge: someone complementary is in today as well. */
export function nudgeMessage(other: string, name: string, reason: string): Reply {
  return {
    title: 'Good morning!',
    text: `${fmt.user(other)} is in today too, and you two might want to meet.`,
    sections: [{ text: reason }],
    context: 'One nudge a day at most. /here nudges off stops them.',
    buttons: [coffeeButton(other, name)],
  };
}

/** The morning post: names only, of members who opted in to being listed. */
export function morningPost(names: readonly string[]): Reply {
  return {
    title: "Who's in today",
    text: `In the space today: ${names.map((n) => fmt.bold(truncate(n, 60))).join(', ')}.`,
    context: 'Check in with /here; /here listed on adds your name to this post.',
  };
}
