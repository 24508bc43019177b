/** Presence is off until a manager turns it on; every entry point asks first, and forgets yesterday first. */
import { UserError } from '#core/errors.ts';
import type { PresenceScope } from './kit.ts';
import { presenceSettings } from './settings.ts';

export function presenceOn(scope: Pick<PresenceScope, 'community'>): boolean {
  return presenceSettings(scope.community).presence;
}

/** Refuses when presence is off; otherwise deletes what belongs to a day that has ended. */
export async function requirePresence(scope: PresenceScope): Promise<void> {
  if (!presenceOn(scope)) {
    throw new UserError(
      'conflict',
      "Who's in today is off in this community. A community manager can turn it on with /hallway config presence:on.",
    );
  }
  await scope.store.purgeExpired(scope.community.id, scope.now);
}

/** A member's display name, for button labels (which cannot mention anyone). */
export async function nameOf(scope: PresenceScope, userId: string): Promise<string> {
  return (await scope.core.members.get(scope.community.id, userId))?.displayName ?? 'them';
}
