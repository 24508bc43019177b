import type { CommunityId } from '../ids.ts';
import type { SentMessage } from '../ports/chat-platform.ts';

/** Named messages Hallway posted, so they can be updated in place (e.g. `meetup-card:42`). */
export interface MessageRefsStore {
  save(community: CommunityId, ref: string, sent: SentMessage): Promise<void>;
  get(community: CommunityId, ref: string): Promise<SentMessage | undefined>;
  /**
   * Moves a ref to a new name (forget-me: the card that named a member is redrawn under an anonymous ref, so no
   * row keeps their id). False if there was no such ref (the message was never sent).
   */
  rename(community: CommunityId, from: string, to: string): Promise<boolean>;
  /**
   * Data rights: deletes refs named after a member (their id as the ref's last `:` segment, e.g.
   * `feedback-ask:3:U1`) or pointing at a channel with their id. Returns rows deleted.
   */
  deleteForMember(community: CommunityId, userId: string): Promise<number>;
}
