/** What a member reads after answering, from the button or `/meetup rsvp`. */
import type { MeetupRecord } from './store.ts';
import type { Reply } from '#core/reply.ts';
import { label, type MeetupEnv, when } from './format.ts';
import type { RsvpOutcome } from './rsvp.ts';
import { waitlistRank } from './rsvp.ts';

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
      return { text: `You're going to ${name} on ${at}. I'll remind you the day before and an hour before.` };
    case 'waitlisted':
      return {
        text: `${name} is full: you're #${outcome.position} on the waitlist. If a seat opens up, it's yours and I'll tell you.`,
      };
    case 'maybe':
      return { text: `Marked as maybe for ${name} on ${at}. I'll check in the day before.` };
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
