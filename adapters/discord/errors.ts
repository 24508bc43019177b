/**
 * discord.js / @discordjs/rest failures in the outbox drainer's terms (`DeliveryError`), and start-up failures as
 * one line an operator can act on.
 */
import { DiscordAPIError, DiscordjsErrorCodes, HTTPError, RateLimitError } from 'discord.js';
import { DeliveryError } from '#core/ports/chat-platform.ts';

/**
 * Discord JSON error codes that will fail the same way every time: Unknown Channel (10003), Unknown Message
 * (10008), Unknown User (10013), Missing Access (50001), Cannot send messages to this user (50007: DMs closed or no
 * shared server), Missing Permissions (50013), Invalid Form Body (50035).
 */
const PERMANENT_CODES = new Set([10003, 10008, 10013, 50001, 50007, 50013, 50035]);
/** Cannot send messages to this user: the member's DMs are closed to us. */
const DM_CLOSED = 50007;
const NOT_FOUND_CODES = new Set([10003, 10008, 10013]);

/** Network failures worth retrying (the REST client already retried a reset once). */
const NETWORK = /ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|ENOTFOUND|EAI_AGAIN|UND_ERR|AbortError|socket|fetch failed/i;

/**
 * Translates an error from a send into a `DeliveryError`; anything unknown is returned unchanged (the drainer
 * treats it as transient).
 */
export function toDeliveryError(error: unknown): unknown {
  if (error instanceof DeliveryError) return error;
  if (error instanceof RateLimitError) {
    // Thrown by `rejectOnRateLimit`: the drainer waits, instead of the REST queue sleeping with the message.
    return new DeliveryError('rate_limited', error.global ? '429-global' : '429', Math.max(error.retryAfter, 0));
  }
  if (error instanceof DiscordAPIError) {
    if (error.status === 429) return new DeliveryError('rate_limited', '429', 1000);
    if (error.status >= 500) return new DeliveryError('transient', `http_${error.status}`);
    // A reset token (401) is fixed by the operator; the message should still go out after the restart.
    if (error.status === 401) return new DeliveryError('transient', '401');
    const code = typeof error.code === 'number' ? error.code : Number.NaN;
    if (code === DM_CLOSED) return new DeliveryError('dm_closed', String(error.code));
    if (NOT_FOUND_CODES.has(code)) return new DeliveryError('not_found', String(error.code));
    if (PERMANENT_CODES.has(code) || (error.status >= 400 && error.status < 500)) {
      return new DeliveryError('permanent', String(error.code));
    }
    return new DeliveryError('transient', String(error.code));
  }
  if (error instanceof HTTPError) return new DeliveryError('transient', `http_${error.status}`);
  if (error instanceof Error && NETWORK.test(`${error.name} ${error.message} ${String(Object(error).code)}`)) {
    return new DeliveryError('transient', 'network');
  }
  return error;
}

/** Runs a send and rethrows failures as `DeliveryError`s. */
export async function delivering<T>(send: () => Promise<T>): Promise<T> {
  try {
    return await send();
  } catch (error) {
    throw toDeliveryError(error);
  }
}

/** Why start-up failed, as the single line `main.ts` prints before exiting non-zero. */
export class DiscordStartError extends Error {
  override readonly name = 'DiscordStartError';
}

/** Maps a login failure to a clear message; the token itself never appears in it. */
export function startError(error: unknown, apiUrl: string): DiscordStartError {
  const code = (error as { code?: unknown })?.code;
  const message = error instanceof Error ? error.message : String(error);
  if (code === DiscordjsErrorCodes.TokenInvalid || (error instanceof DiscordAPIError && error.status === 401)) {
    return new DiscordStartError(
      'Discord rejected the bot token: check DISCORD_TOKEN (Developer Portal → your application → Bot → Reset Token).',
    );
  }
  if (/disallowed intents/i.test(message)) {
    return new DiscordStartError(
      'Discord refused the Server Members intent: enable "Server Members Intent" under Bot → Privileged Gateway ' +
        'Intents in the Developer Portal, then restart.',
    );
  }
  if (/invalid intents/i.test(message)) return new DiscordStartError(`Discord refused the gateway intents: ${message}`);
  // 4011 / 4010: the bot is in too many servers for one connection, or the shard count given does not fit.
  if (/sharding is required|invalid shard/i.test(message)) {
    return new DiscordStartError(
      `Discord refused the gateway connection (${message}): set DISCORD_SHARDS=auto, or a larger shard count.`,
    );
  }
  if (NETWORK.test(`${message} ${String(code)}`)) {
    return new DiscordStartError(`Cannot reach the Discord API at ${apiUrl} (${message}). Check DISCORD_API_URL.`);
  }
  return new DiscordStartError(`Discord start-up failed: ${message}`);
}
