/** What a member reads after answering, from the button or `/meetup rsvp`. */
import type { MeetupRecord } from './store.ts';
import type { Reply } from '#core/reply.ts';
import { label, type MeetupEnv, when } from './format.ts';
import type { RsvpOutcome } from './rsvp.ts';
import { waitlistRank } from './rsvp.ts';
import { remindersToCome } from './reminders.ts';

/** Only the reminders that will really come are promised (a meetup 25 minutes away gets none). */
const PROMISE = {
  going: { '24h,1h': " I'll remind you the day before and an hour before.", '1h': " I'll remind you an hour before." },
  maybe: { '24h': " I'll check in the day before." },
} as const;

async function promise(env: MeetupEnv, meetup: MeetupRecord, userId: string, status: 'going' | 'maybe') {
  const kinds = (await remindersToCome(env, meetup, userId, status)).join(',');
  return (PROMISE[status] as Record<string, string>)[kinds] ?? '';
}

export async function rsvpReply(
  env: MeetupEnv,
  meetup: MeetupRecord,
  userId: string,
  outcome: RsvpOutcome,
): Promise<Reply> {
  const at = when(meetup.startsAt, env.community.timezone);
  const name = label(meetup);
  switch (outcome.kind) {
    case 'seated':
      return { text: `You're going to ${name} on ${at}.${await promise(env, meetup, userId, 'going')}` };
    case 'waitlisted':
      return {
        text: `${name} is full: you're #${outcome.position} on the waitlist. If a seat opens up, it's yours and I'll tell you.`,
      };
    case 'maybe':
      return { text: `Marked as maybe for ${name} on ${at}.${await promise(env, meetup, userId, 'maybe')}` };
    case 'no':
      return { text: `Got it, you can't make ${name}. Thanks for saying so.` };
    case 'unchanged': {
      if (outcome.waitlisted) {
        const rank = outcome.rank ?? (await waitlistRank(env, meetup, userId));
        return { text: `You're already on the waitlist for ${name} (#${rank}).` };
      }
      const said = { going: 'going', maybe: 'maybe', no: "can't go" }[outcome.status];
      return { text: `You already said ${said} for ${name} — nothing changed.` };
    }
  }
}
