import { webApi } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { toDeliveryError } from '../../adapters/slack/errors.ts';
import { UserDirectory } from '../../adapters/slack/users.ts';
import { DeliveryError } from '#core/ports/chat-platform.ts';
import { silentLogger } from '#core/ports/logger.ts';

const platform = (error: string) => new webApi.WebAPIPlatformError({ ok: false, error });

describe('toDeliveryError', () => {
  it.each<[string, unknown, { kind: string; code: string; retryAfterMs?: number }]>([
    [
      '429 with Retry-After',
      new webApi.WebAPIRateLimitedError(3),
      { kind: 'rate_limited', code: 'ratelimited', retryAfterMs: 3000 },
    ],
    [
      '429 without Retry-After',
      new Error('Retry header did not contain a valid timeout (url: x)'),
      { kind: 'rate_limited', code: 'ratelimited', retryAfterMs: 1000 },
    ],
    [
      'ratelimited in a 200 answer',
      platform('ratelimited'),
      { kind: 'rate_limited', code: 'ratelimited', retryAfterMs: 1000 },
    ],
    ['channel_not_found', platform('channel_not_found'), { kind: 'not_found', code: 'channel_not_found' }],
    ['message_not_found', platform('message_not_found'), { kind: 'not_found', code: 'message_not_found' }],
    ['not_in_channel', platform('not_in_channel'), { kind: 'permanent', code: 'not_in_channel' }],
    ['user_not_found', platform('user_not_found'), { kind: 'not_found', code: 'user_not_found' }],
    ['cannot_dm', platform('cannot_dm'), { kind: 'dm_closed', code: 'cannot_dm' }],
    ['user_disabled', platform('user_disabled'), { kind: 'dm_closed', code: 'user_disabled' }],
    ['invalid_blocks', platform('invalid_blocks'), { kind: 'permanent', code: 'invalid_blocks' }],
    ['unknown platform error', platform('something_new'), { kind: 'permanent', code: 'something_new' }],
    ['internal_error', platform('internal_error'), { kind: 'transient', code: 'internal_error' }],
    ['HTTP 503', new webApi.WebAPIHTTPError(503, 'Service Unavailable', {}), { kind: 'transient', code: 'http_503' }],
    ['HTTP 404', new webApi.WebAPIHTTPError(404, 'Not Found', {}), { kind: 'permanent', code: 'http_404' }],
    [
      'network error',
      new webApi.WebAPIRequestError(new Error('ECONNREFUSED')),
      { kind: 'transient', code: 'request_error' },
    ],
    ['anything else', new TypeError('boom'), { kind: 'transient', code: 'TypeError' }],
  ])('%s', (_name, error, expected) => {
    const translated = toDeliveryError(error);
    expect(translated).toBeInstanceOf(DeliveryError);
    expect({ kind: translated.kind, code: translated.code, retryAfterMs: translated.retryAfterMs }).toEqual({
      retryAfterMs: undefined,
      ...expected,
    });
  });

  it('passes a DeliveryError through', () => {
    const error = new DeliveryError('permanent', 'no_recipients');
    expect(toDeliveryError(error)).toBe(error);
  });
});

/** A users.info double: answers from a map, counts calls, can fail. */
function fakeClient(users: Record<string, object>, failWith?: Error) {
  const calls: string[] = [];
  const client = {
    users: {
      info: async ({ user }: { user: string }) => {
        calls.push(user);
        if (failWith) throw failWith;
        if (!users[user]) throw platform('user_not_found');
        return { ok: true, user: users[user] };
      },
    },
  };
  return { client: client as unknown as webApi.WebClient, calls };
}

describe('UserDirectory', () => {
  const ana = { id: 'U1', name: 'ana', is_admin: true, tz: 'Europe/Lisbon', profile: { display_name: 'Ana' } };

  it('caches users.info answers for the TTL, then asks again', async () => {
    let now = 0;
    const { client, calls } = fakeClient({ U1: ana });
    const users = new UserDirectory(client, silentLogger, { ttlMs: 1000, now: () => now });
    expect(await users.lookup('U1')).toEqual({ displayName: 'Ana', isPlatformAdmin: true, timezone: 'Europe/Lisbon' });
    now = 999;
    await users.lookup('U1');
    expect(calls).toEqual(['U1']);
    now = 1000;
    await users.lookup('U1');
    expect(calls).toEqual(['U1', 'U1']);
  });

  it('takes fresher facts from events (a demoted admin loses rights at once)', async () => {
    const { client, calls } = fakeClient({ U1: ana });
    const users = new UserDirectory(client, silentLogger);
    await users.lookup('U1');
    users.remember({ ...ana, is_admin: false });
    expect((await users.lookup('U1'))?.isPlatformAdmin).toBe(false);
    expect(calls).toEqual(['U1']);
  });

  it('answers undefined for an unknown member and fails closed when Slack cannot say', async () => {
    const { client } = fakeClient({});
    expect(await new UserDirectory(client, silentLogger).lookup('U404')).toBeUndefined();
    const down = fakeClient({ U1: ana }, new webApi.WebAPIRateLimitedError(5));
    const users = new UserDirectory(down.client, silentLogger);
    await expect(users.lookup('U1')).rejects.toBeInstanceOf(webApi.WebAPIRateLimitedError);
    expect(await users.factsFor('U1', 'ana')).toEqual({ displayName: 'ana', isPlatformAdmin: false });
  });

  it('keeps at most maxEntries members, dropping the oldest', async () => {
    const { client, calls } = fakeClient({ U1: ana, U2: { ...ana, id: 'U2' }, U3: { ...ana, id: 'U3' } });
    const users = new UserDirectory(client, silentLogger, { maxEntries: 2 });
    for (const id of ['U1', 'U2', 'U3', 'U3', 'U2', 'U1']) await users.lookup(id);
    expect(calls).toEqual(['U1', 'U2', 'U3', 'U1']);
  });
});
