/**
 * RSVP rules. Seats go to `going` answers in order; past the capacity a `going` joins the waitlist, and when a
 * seated member steps back (or the capacity grows) the first on the waitlist is seated and told by DM. Answering
 * what one already answered changes nothing, so a double click has one effect.
 */
import { UserError } from '#core/errors.ts';
import type { MeetupRecord, RsvpStatus } from './store.ts';
import { refreshCard } from './card.ts';
import { label, type MeetupEnv, tally, when } from './format.ts';

export type RsvpOutcome =
  | { readonly kind: 'unchanged'; readonly status: RsvpStatus; readonly waitlisted: boolean; readonly rank?: number }
  | { readonly kind: 'seated' }
  | { readonly kind: 'waitlisted'; readonly position: number }
  | { readonly kind: 'maybe' | 'no' };

/** Refuses answers to meetups that are cancelled or over. */
export function assertOpen(env: MeetupEnv, meetup: MeetupRecord): void {
  if (meetup.status === 'cancelled') throw new UserError('conflict', `${label(meetup)} was cancelled.`);
  if (meetup.endsAt <= env.now) throw new UserError('conflict', `${label(meetup)} is already over.`);
}

/** Records a member's answer, seats or waitlists them, promotes from the waitlist, and refreshes the card. */
export async function respond(
  env: MeetupEnv,
  meetup: MeetupRecord,
  userId: string,
  status: RsvpStatus,
): Promise<RsvpOutcome> {
  assertOpen(env, meetup);
  const { id: community } = env.community;
  const repo = env.store;
  // One read answers everything below: the member's previous answer, the seats taken, the waitlist's end.
  const rsvps = await repo.listRsvps(community, meetup.id);
  const previous = rsvps.find((r) => r.userId === userId);
  const t = tally(rsvps);
  if (previous?.status === status) {
    const waitlisted = previous.waitlistPosition !== undefined;
    return { kind: 'unchanged', status, waitlisted, rank: waitlisted ? t.waitlist.indexOf(userId) + 1 : undefined };
  }
  let outcome: RsvpOutcome;
  if (status === 'going') {
    const full = meetup.capacity !== undefined && (t.seated.length >= meetup.capacity || t.waitlist.length > 0);
    // Positions only grow: the newcomer goes last, behind every member waiting now.
    const position = full ? Math.max(0, ...rsvps.map((r) => r.waitlistPosition ?? 0)) + 1 : undefined;
    await repo.saveRsvp(community, {
      meetupId: meetup.id,
      userId,
      status,
      waitlistPosition: position,
      respondedAt: env.now,
    });
    outcome = position === undefined ? { kind: 'seated' } : { kind: 'waitlisted', position: t.waitlist.length + 1 };
  } else {
    await repo.saveRsvp(community, { meetupId: meetup.id, userId, status, respondedAt: env.now });
    outcome = { kind: status };
    if (previous?.status === 'going' && previous.waitlistPosition === undefined) await promoteWaitlist(env, meetup);
  }
  await refreshCard(env, meetup);
  return outcome;
}

/** 1 for the first on the waitlist (positions are increasing numbers with gaps; members see ranks). */
export async function waitlistRank(env: MeetupEnv, meetup: MeetupRecord, userId: string): Promise<number> {
  const t = tally(await env.store.listRsvps(env.community.id, meetup.id));
  return t.waitlist.indexOf(userId) + 1;
}

/** Seats waitlisted members while there is room, in waitlist order, and DMs each one. Returns who was seated. */
export async function promoteWaitlist(env: MeetupEnv, meetup: MeetupRecord): Promise<string[]> {
  const { id: community, timezone } = env.community;
  const repo = env.store;
  const rsvps = await repo.listRsvps(community, meetup.id);
  const t = tally(rsvps);
  const room = meetup.capacity === undefined ? t.waitlist.length : Math.max(0, meetup.capacity - t.seated.length);
  const promoted = t.waitlist.slice(0, room);
  for (const userId of promoted) {
    await repo.saveRsvp(community, { meetupId: meetup.id, userId, status: 'going', respondedAt: env.now });
    env.notify.dm(community, userId, {
      text: `A seat opened up: you're going to ${label(meetup)} on ${when(meetup.startsAt, timezone)}. Can't make it any more? Tap "Can't go" so the next person gets your seat.`,
      buttons: [{ label: "Can't go", action: 'meetup.rsvp', value: `${meetup.id}:no` }],
    });
  }
  return promoted;
}
