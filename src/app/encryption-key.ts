/** HALLWAY_ENCRYPTION_KEY: the key that seals Slack bot tokens at rest, read and checked at start-up. */
import { ConfigError } from './config-error.ts';

/** HALLWAY_ENCRYPTION_KEY as 32 bytes: 64 hex digits or base64 (standard or URL-safe). */
export function parseEncryptionKey(text: string): Buffer | undefined {
  const bytes = /^[0-9a-fA-F]{64}$/.test(text)
    ? Buffer.from(text, 'hex')
    : /^[A-Za-z0-9+/_-]{43}=?$/.test(text)
      ? Buffer.from(text, 'base64')
      : undefined;
  return bytes?.length === 32 ? bytes : undefined;
}

const KEY_HINT = '32 random bytes as base64 or 64 hex digits, e.g. from `openssl rand -base64 32`';

export function requireKey(text: string | undefined): Buffer {
  if (!text) throw new ConfigError(`HALLWAY_ENCRYPTION_KEY is required in Slack OAuth mode (${KEY_HINT}).`);
  return optionalKey(text)!;
}

export function optionalKey(text: string | undefined): Buffer | undefined {
  if (!text) return undefined;
  const key = parseEncryptionKey(text);
  if (!key) throw new ConfigError(`HALLWAY_ENCRYPTION_KEY must be ${KEY_HINT}.`);
  return key;
}
