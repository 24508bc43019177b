/** Finding the meetup a member names (`12`, `#12`) and deciding who may change it. */
import type { Context } from './kit.ts';
import { UserError } from '#core/errors.ts';
import { opt } from '#core/options.ts';
import type { MeetupRecord } from './store.ts';
import type { MeetupEnv } from './format.ts';

/** The `meetup` option every subcommand that names one uses (Discord suggests upcoming meetups). */
export const meetupOption = () =>
  opt.string('Meetup number, e.g. 12 (see /meetup list)', { max: 40, autocomplete: 'meetups' });

/** Reads `12`, `#12` or an autocomplete label starting with `#12`. */
export function parseMeetupId(raw: string): number {
  const m = /^#?(\d{1,9})\b/.exec(raw.trim());
  if (!m) throw new UserError('not_found', `"${raw}" is not a meetup number. See \`/meetup list\` for them.`);
  return Number(m[1]);
}

/** The meetup of this community with that number, or a UserError. */
export async function findMeetup(env: MeetupEnv, raw: string | number): Promise<MeetupRecord> {
  const id = typeof raw === 'number' ? raw : parseMeetupId(raw);
  const meetup = await env.store.get(env.community.id, id);
  if (!meetup) throw new UserError('not_found', `There is no meetup #${id} here. See \`/meetup list\`.`);
  return meetup;
}

/** The host, whoever created it, or a community manager. */
export function canManage(ctx: Context, meetup: MeetupRecord): boolean {
  return ctx.actor.isAdmin || ctx.actor.userId === meetup.hostUserId || ctx.actor.userId === meetup.createdBy;
}

export function assertCanManage(ctx: Context, meetup: MeetupRecord, what: string): void {
  if (!canManage(ctx, meetup)) {
    throw new UserError('not_allowed', `Only the host of #${meetup.id} or a community manager can ${what} it.`);
  }
}
