import type { CommunityId } from '../../ids.ts';
import type { SentMessage } from '../chat-platform.ts';

/** Named messages Hallway posted, so they can be updated in place (e.g. `meetup-card:42`). */
export interface MessageRefsRepo {
  save(community: CommunityId, ref: string, sent: SentMessage): void;
  get(community: CommunityId, ref: string): SentMessage | undefined;
}
