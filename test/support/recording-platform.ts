/**
 * A ChatPlatform that records every call and can be scripted to fail, for outbox and adapter-free core tests:
 *
 *   const slack = new RecordingPlatform('slack').failNext(new DeliveryError('rate_limited', '429', 30_000));
 *   // … drain …
 *   expect(slack.sent).toHaveLength(1);
 *
 * `calls` holds every attempt (failed ones too) and can be waited on; `started` sees an attempt as it begins;
 * `sent` holds only what was delivered.
 */
import type { CommunityId, Platform } from '#core/ids.ts';
import type { Dispatch } from '#core/inbound.ts';
import type { ChatPlatform, SentMessage } from '#core/ports/chat-platform.ts';
import type { Reply } from '#core/reply.ts';
import { Recorder } from './recorder.ts';

export interface PlatformCall {
  readonly kind: 'post' | 'dm' | 'update';
  readonly community: CommunityId;
  /** The channel id (post), the recipients (dm), or the updated message's channel (update). */
  readonly to: readonly string[];
  readonly reply: Reply;
  /** Where it landed (post, dm) or which message it replaced (update). */
  readonly message?: SentMessage;
  /** The error it failed with, if it did. */
  readonly error?: Error;
}

interface Rule {
  readonly match: (call: PlatformCall) => boolean;
  readonly error: () => Error;
  remaining: number;
}

export class RecordingPlatform implements ChatPlatform {
  /** Every attempt once decided, in order, including failed ones. */
  readonly calls = new Recorder<PlatformCall>();
  /** Every attempt as it begins, before `beforeSend`: wait on this to catch a send in flight. */
  readonly started = new Recorder<PlatformCall>();
  /** Delivered messages only. */
  readonly sent: PlatformCall[] = [];
  /** Set by `start`: lets a test push inbound events as the platform would. */
  dispatch?: Dispatch;
  /** Awaited before each call is decided (hold a send in flight, count concurrency). */
  beforeSend?: (call: PlatformCall) => Promise<void> | void;
  private readonly rules: Rule[] = [];
  private nextId = 0;

  constructor(readonly platform: Platform = 'shell') {}

  /** The next calls (of any kind) fail with these errors, one each, in order. */
  failNext(...errors: Error[]): this {
    for (const error of errors) this.failWhen(() => true, error, 1);
    return this;
  }

  /** Calls matching `match` fail with `error`, `times` times (default: always). */
  failWhen(
    match: (call: PlatformCall) => boolean,
    error: Error | (() => Error),
    times = Number.POSITIVE_INFINITY,
  ): this {
    this.rules.push({ match, error: typeof error === 'function' ? error : () => error, remaining: times });
    return this;
  }

  async start(dispatch: Dispatch): Promise<void> {
    this.dispatch = dispatch;
  }

  async stop(): Promise<void> {
    this.dispatch = undefined;
  }

  async postMessage(community: CommunityId, channelId: string, reply: Reply): Promise<SentMessage> {
    return await this.attempt({ kind: 'post', community, to: [channelId], reply }, channelId);
  }

  async sendDirectMessage(community: CommunityId, userIds: readonly string[], reply: Reply): Promise<SentMessage> {
    return await this.attempt({ kind: 'dm', community, to: [...userIds], reply }, `D:${userIds.join(',')}`);
  }

  async updateMessage(community: CommunityId, sent: SentMessage, reply: Reply): Promise<void> {
    await this.attempt({ kind: 'update', community, to: [sent.channelId], reply, message: sent }, sent.channelId);
  }

  /** Delivered calls of one kind. */
  sentOf(kind: PlatformCall['kind']): PlatformCall[] {
    return this.sent.filter((call) => call.kind === kind);
  }

  private async attempt(call: PlatformCall, channelId: string): Promise<SentMessage> {
    this.started.push(call);
    await this.beforeSend?.(call);
    const rule = this.rules.find((r) => r.remaining > 0 && r.match(call));
    if (rule) {
      rule.remaining--;
      const error = rule.error();
      this.calls.push({ ...call, error });
      throw error;
    }
    const message = call.message ?? { channelId, messageId: `m${++this.nextId}` };
    const done = { ...call, message };
    this.sent.push(done);
    this.calls.push(done);
    return message;
  }
}
