/**
 * The morning nudge: a member who turned nudges on and checked in gets one DM before noon when someone
 * complementary is in as well — at most one a day (marked on today's check-in, and keyed by day), never to a
 * member who did not check in. Runs after each check-in and from the sweep; idempotent at one instant.
 */
import type { PresenceScope } from './kit.ts';
import { complementsOf, reasonFor } from './complements.ts';
import { dayOf } from './day.ts';
import { nameOf, presenceOn } from './gate.ts';
import { nudgeMessage } from './messages.ts';

/** Members read at once: a busy space, not a whole community. */
const PRESENT_MAX = 500;

export async function sendNudges(scope: PresenceScope): Promise<number> {
  const { store, community, now } = scope;
  if (!presenceOn(scope)) return 0;
  const day = dayOf(now, community.timezone);
  if (now.getTime() >= day.noon.getTime()) return 0;
  const present = await store.present(community.id, now, PRESENT_MAX);
  const waiting = present.filter((p) => !p.nudgedAt).map((p) => p.userId);
  if (waiting.length === 0 || present.length < 2) return 0;
  const ids = present.map((p) => p.userId);
  let sent = 0;
  for (const userId of await store.withPref(community.id, waiting, 'nudges')) {
    const [best] = await complementsOf(scope, userId, ids);
    if (!best || !(await store.markNudged(community.id, userId, now))) continue;
    const message = nudgeMessage(best.userId, await nameOf(scope, best.userId), reasonFor(best));
    scope.notify.dm(community.id, userId, message, { key: `presence-nudge:${day.key}:${userId}` });
    sent++;
  }
  return sent;
}
