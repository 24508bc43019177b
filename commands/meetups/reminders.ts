/**
 * Reminder DMs before a meetup and the rating prompt after it. Going members get one the day before and one an hour
 * before; Maybe members only the day-before one, asking them to decide. Nobody on the waitlist, nobody who said no,
 * nobody who turned reminders off, nothing for cancelled meetups. Each (meetup, member, kind, schedule revision) is
 * logged before the DM is queued with an idempotency key, so a reminder never goes out twice.
 */
import type { MeetupRecord, ReminderKind, RsvpRecord } from './store.ts';
import type { Reply } from '#core/reply.ts';
import { label, type MeetupEnv, when } from './format.ts';
import { ratingPrompt } from './rating.ts';

const HOUR = 3_600_000;
export const REMINDER_OFFSETS_MS = { '24h': 24 * HOUR, '1h': HOUR } as const;
/** Rating prompts go out for meetups that ended at most this long ago (a bot down for days does not spam). */
export const RATING_WINDOW_MS = 48 * HOUR;

export function reminderKey(meetup: MeetupRecord, kind: ReminderKind, userId: string): string {
  const revision = meetup.scheduleRevision > 0 && kind !== 'rating' ? `:r${meetup.scheduleRevision}` : '';
  return `meetup-reminder:${meetup.id}:${kind}:${userId}${revision}`;
}

function reminderText(env: MeetupEnv, meetup: MeetupRecord, rsvp: RsvpRecord, kind: '24h' | '1h'): Reply {
  const at = when(meetup.startsAt, env.community.timezone);
  const where = meetup.location ? ` at ${meetup.location}` : '';
  const context = 'Turn these off with `/meetup reminders off`.';
  if (rsvp.status === 'maybe') {
    return {
      text: `You said maybe for ${label(meetup)} on ${at}${where}. Are you coming?`,
      buttons: [
        { label: 'Going', action: 'meetup.rsvp', value: `${meetup.id}:going`, style: 'primary' },
        { label: "Can't go", action: 'meetup.rsvp', value: `${meetup.id}:no` },
      ],
      context,
    };
  }
  const lead = kind === '1h' ? 'Starting in about an hour' : 'Coming up';
  return {
    text: `${lead}: ${label(meetup)} on ${at}${where}. Can't make it any more? Tap below so someone else gets your seat.`,
    buttons: [{ label: "Can't go", action: 'meetup.rsvp', value: `${meetup.id}:no` }],
    context,
  };
}

/**
 * The reminders a member who answers `status` now will really get, by the rule of `wants` below: none with
 * reminders off, Going gets each one not yet due, Maybe only the day-before one. What the RSVP reply may promise.
 */
export async function remindersToCome(
  env: MeetupEnv,
  meetup: MeetupRecord,
  userId: string,
  status: 'going' | 'maybe',
): Promise<Array<'24h' | '1h'>> {
  if (!(await env.store.remindersEnabled(env.community.id, userId))) return [];
  const kinds: Array<'24h' | '1h'> = status === 'going' ? ['24h', '1h'] : ['24h'];
  return kinds.filter((kind) => env.now.getTime() < meetup.startsAt.getTime() - REMINDER_OFFSETS_MS[kind]);
}

/** Whether this member should get this kind of message at all (before the log is consulted). */
async function wants(env: MeetupEnv, rsvp: RsvpRecord, kind: ReminderKind, dueSince: Date): Promise<boolean> {
  if (rsvp.status === 'no' || rsvp.waitlistPosition !== undefined) return false;
  if (rsvp.status === 'maybe' && kind !== '24h') return false;
  // Someone who answered after the reminder was due has just been looking at the meetup: no need.
  if (kind !== 'rating' && rsvp.respondedAt >= dueSince) return false;
  if (!(await env.store.remindersEnabled(env.community.id, rsvp.userId))) return false;
  return !(await env.core.members.get(env.community.id, rsvp.userId))?.leftAt;
}

async function send(
  env: MeetupEnv,
  meetup: MeetupRecord,
  userId: string,
  kind: ReminderKind,
  reply: Reply,
): Promise<boolean> {
  const revision = kind === 'rating' ? 0 : meetup.scheduleRevision;
  if (!(await env.store.recordReminder(env.community.id, { meetupId: meetup.id, userId, kind, revision }, env.now))) {
    return false;
  }
  env.notify.dm(env.community.id, userId, reply, { key: reminderKey(meetup, kind, userId) });
  return true;
}

/** Sends the reminders due at `env.now`; returns how many were queued. */
export async function sendReminders(env: MeetupEnv): Promise<number> {
  const { id: community } = env.community;
  const to = new Date(env.now.getTime() + REMINDER_OFFSETS_MS['24h'] + 1);
  let sent = 0;
  for (const meetup of await env.store.listStartingBetween(community, env.now, to)) {
    const kind = meetup.startsAt.getTime() - env.now.getTime() <= REMINDER_OFFSETS_MS['1h'] ? '1h' : '24h';
    const dueSince = new Date(meetup.startsAt.getTime() - REMINDER_OFFSETS_MS[kind]);
    for (const rsvp of await env.store.listRsvps(community, meetup.id)) {
      if (!(await wants(env, rsvp, kind, dueSince))) continue;
      if (await send(env, meetup, rsvp.userId, kind, reminderText(env, meetup, rsvp, kind))) sent++;
    }
  }
  return sent;
}

/** Sends the one-tap rating to seated attendees of meetups that ended recently; returns how many. */
export async function sendRatingPrompts(env: MeetupEnv): Promise<number> {
  const { id: community } = env.community;
  const from = new Date(env.now.getTime() - RATING_WINDOW_MS);
  let sent = 0;
  for (const meetup of await env.store.listEndedBetween(community, from, new Date(env.now.getTime() + 1))) {
    for (const rsvp of await env.store.listRsvps(community, meetup.id)) {
      if (rsvp.status !== 'going' || !(await wants(env, rsvp, 'rating', env.now))) continue;
      if (await send(env, meetup, rsvp.userId, 'rating', ratingPrompt(meetup))) sent++;
    }
  }
  return sent;
}
