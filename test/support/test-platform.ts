/** A ChatPlatform that records what it is asked to deliver (the TestBot's). Scriptable failures per call. */
import type { CommunityId, Platform } from '#core/ids.ts';
import type { ChatPlatform, SentMessage } from '#core/ports/chat-platform.ts';
import type { Reply } from '#core/reply.ts';

export interface Delivered {
  readonly kind: 'dm' | 'post' | 'update';
  readonly community: CommunityId;
  /** DM recipients, or the channel id. */
  readonly to: readonly string[];
  readonly reply: Reply;
  readonly messageId: string;
}

export class TestPlatform {
  readonly delivered: Delivered[] = [];
  /** Errors to throw, in order, before delivering (e.g. a DeliveryError). */
  readonly failures: Error[] = [];
  private count = 0;

  private record(kind: Delivered['kind'], community: CommunityId, to: readonly string[], reply: Reply, id?: string) {
    const failure = this.failures.shift();
    if (failure) throw failure;
    const messageId = id ?? String(++this.count);
    this.delivered.push({ kind, community, to, reply, messageId });
    return messageId;
  }

  /** The same recorder, seen as one platform. */
  as(platform: Platform): ChatPlatform {
    return {
      platform,
      start: async () => {},
      stop: async () => {},
      postMessage: async (community, channelId, reply): Promise<SentMessage> => ({
        channelId,
        messageId: this.record('post', community, [channelId], reply),
      }),
      sendDirectMessage: async (community, userIds, reply): Promise<SentMessage> => ({
        channelId: `dm:${userIds.join(',')}`,
        messageId: this.record('dm', community, userIds, reply),
      }),
      updateMessage: async (community, sent, reply) => {
        this.record('update', community, [sent.channelId], reply, sent.messageId);
      },
    };
  }
}
