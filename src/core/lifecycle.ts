/**
 * A community's life as the app sees it: the app arrives (a Slack install, a Discord server adds the bot), the app
 * leaves (uninstalled, tokens revoked, kicked), and the data of a community it left is deleted once the retention
 * period has passed. Leaving stops everything at once: the community's jobs (it is no longer listed) and its queued
 * messages (recorded as undeliverable, never retried); the data stays until then, in case the app comes back.
 */
import type { CommunityId } from './ids.ts';
import type { Clock } from './ports/clock.ts';
import type { Logger } from './ports/logger.ts';
import type { Storage } from './ports/storage.ts';

/** What adapters call when the platform tells them the app arrived in, or left, a community. */
export interface CommunityLifecycle {
  /** The app was added (or added again): the community exists, with default settings, and is no longer counting down. */
  joined(community: CommunityId): Promise<void>;
  /** The app was removed: its credentials are deleted, its jobs and queued messages stop, retention starts. */
  left(community: CommunityId, reason: string): Promise<void>;
}

export interface LifecycleDeps {
  readonly storage: Storage;
  readonly clock: Clock;
  readonly log: Logger;
}

export async function communityJoined(deps: LifecycleDeps, community: CommunityId): Promise<void> {
  const now = deps.clock.now();
  await deps.storage.transaction(async (tx) => {
    const { communities } = deps.storage.core(tx);
    await communities.ensure(community, now);
    await communities.markPresent(community);
  });
  deps.log.info({ community }, 'the app joined a community');
}

/** Returns how many queued messages were abandoned. */
export async function communityLeft(deps: LifecycleDeps, community: CommunityId, reason: string): Promise<number> {
  const now = deps.clock.now();
  const abandoned = await deps.storage.transaction(async (tx) => {
    const { communities, outbox } = deps.storage.core(tx);
    // A community never seen (an install whose first event never came) still gets a row, so retention finds it.
    await communities.ensure(community, now);
    await communities.markLeft(community, now);
    return outbox.abandon(community, reason, now);
  });
  deps.log.info({ community, reason, abandoned }, 'the app left a community; its data is kept until retention ends');
  return abandoned;
}

/** Deletes the data of every community the app left more than `retentionDays` ago; returns the ones deleted. */
export async function forgetExpired(deps: LifecycleDeps, retentionDays: number): Promise<CommunityId[]> {
  const cutoff = new Date(deps.clock.now().getTime() - retentionDays * 86_400_000);
  const expired = await deps.storage.transaction((tx) => deps.storage.core(tx).communities.leftBefore(cutoff));
  for (const community of expired) {
    const rows = await deps.storage.transaction((tx) => deps.storage.core(tx).communities.forget(community));
    deps.log.info({ community, rows }, 'retention ended: the community’s data was deleted');
  }
  return expired;
}
