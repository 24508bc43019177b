import type { CommunityId } from '../ids.ts';

/** Platform event ids already handled, so a redelivered event (Slack retries) has one effect. */
export interface InboundEventsStore {
  /** Records the id; returns false if it was recorded before. */
  firstSight(community: CommunityId, eventId: string, now: Date): Promise<boolean>;
}
