/**
 * A small ChatPlatform that delivers over HTTP to `RateLimitedServer`, as an adapter would to Slack or Discord: a
 * 429 becomes `DeliveryError('rate_limited')` with the Retry-After, other failures are transient. The message's
 * text carries its outbox key so the server can count duplicates.
 */
import type { CommunityId, Platform } from '#core/ids.ts';
import { type ChatPlatform, DeliveryError, type SentMessage } from '#core/ports/chat-platform.ts';
import type { Reply } from '#core/reply.ts';

export class HttpPlatform implements ChatPlatform {
  constructor(
    readonly platform: Platform,
    private readonly url: string,
  ) {}

  async start(): Promise<void> {}
  async stop(): Promise<void> {}

  /** Messages per second announced by Discord-style headers (`limit` per `reset-after` seconds), if any. */
  async announcedRate(): Promise<number | undefined> {
    const response = await fetch(`${this.url}/limits`);
    await response.arrayBuffer();
    const limit = Number(response.headers.get('x-ratelimit-limit'));
    const window = Number(response.headers.get('x-ratelimit-reset-after'));
    return limit > 0 && window > 0 ? limit / window : undefined;
  }

  sendDirectMessage(community: CommunityId, userIds: readonly string[], reply: Reply): Promise<SentMessage> {
    return this.post(community, userIds.join(','), reply);
  }

  postMessage(community: CommunityId, channelId: string, reply: Reply): Promise<SentMessage> {
    return this.post(community, channelId, reply);
  }

  async updateMessage(community: CommunityId, sent: SentMessage, reply: Reply): Promise<void> {
    await this.post(community, sent.channelId, reply);
  }

  private async post(community: CommunityId, to: string, reply: Reply): Promise<SentMessage> {
    const response = await fetch(`${this.url}/send`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ community, to, key: reply.text, reply }),
    });
    const body = (await response.json()) as { ok: boolean; id?: string };
    if (response.status === 429) {
      const seconds = Number(response.headers.get('retry-after') ?? '1');
      throw new DeliveryError('rate_limited', '429', Math.ceil(seconds * 1000));
    }
    if (!response.ok || !body.ok || !body.id) throw new DeliveryError('transient', String(response.status));
    return { channelId: to, messageId: body.id };
  }
}
