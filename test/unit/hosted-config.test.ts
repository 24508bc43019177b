/**
 * Slack OAuth mode's configuration and the sealing of tokens at rest: start-up refuses a missing or malformed
 * HALLWAY_ENCRYPTION_KEY with one line, the three OAuth values go together, single-token mode is unchanged, and a
 * sealed token opens only with its key and in its own row.
 */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { seal, unseal } from '../../data/crypto/seal.ts';
import { ConfigError, loadConfig, parseEncryptionKey, secretsOf } from '../../src/app/config.ts';

const OAUTH = {
  SLACK_CLIENT_ID: '1111.2222',
  SLACK_CLIENT_SECRET: 'client-secret',
  SLACK_STATE_SECRET: 'state-secret',
  SLACK_SIGNING_SECRET: 'signing',
};
const KEY = randomBytes(32);

function refusal(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('accepted');
}

describe('Slack OAuth mode configuration', () => {
  it('runs with the three OAuth values, a signing secret and a key in hex or base64', () => {
    for (const key of [KEY.toString('hex'), KEY.toString('base64'), KEY.toString('base64url')]) {
      const config = loadConfig({ ...OAUTH, HALLWAY_ENCRYPTION_KEY: key });
      expect(config.slack?.oauth).toEqual({
        clientId: '1111.2222',
        clientSecret: 'client-secret',
        stateSecret: 'state-secret',
      });
      expect(config.slack?.botToken).toBeUndefined();
      expect(config.encryptionKey?.equals(KEY)).toBe(true);
      expect(config.retentionDays).toBe(30);
    }
  });

  it('refuses a missing or malformed key with one line that says what to give', () => {
    expect(refusal(OAUTH)).toMatch(/^HALLWAY_ENCRYPTION_KEY is required in Slack OAuth mode \(32 random bytes/);
    for (const bad of [
      'short',
      KEY.toString('hex').slice(2),
      randomBytes(16).toString('base64'),
      `${KEY.toString('hex')}00`,
    ]) {
      const line = refusal({ ...OAUTH, HALLWAY_ENCRYPTION_KEY: bad });
      expect(line).toMatch(/^HALLWAY_ENCRYPTION_KEY must be 32 random bytes as base64 or 64 hex digits/);
      expect(line).not.toContain(bad);
      expect(line.split('\n')).toHaveLength(1);
    }
  });

  it('wants all three OAuth values, a signing secret, and not a bot token or Socket Mode as well', () => {
    const key = { HALLWAY_ENCRYPTION_KEY: KEY.toString('hex') };
    expect(refusal({ SLACK_CLIENT_ID: '1', SLACK_SIGNING_SECRET: 's', ...key })).toMatch(
      /SLACK_CLIENT_SECRET is required/,
    );
    expect(refusal({ ...OAUTH, SLACK_STATE_SECRET: '', ...key })).toMatch(/SLACK_STATE_SECRET is required/);
    expect(refusal({ ...OAUTH, SLACK_SIGNING_SECRET: '', ...key })).toMatch(/SLACK_SIGNING_SECRET is required/);
    expect(refusal({ ...OAUTH, SLACK_BOT_TOKEN: 'xoxb-1', ...key })).toMatch(/choose one workspace \(token\) or many/);
    expect(refusal({ ...OAUTH, SLACK_APP_TOKEN: 'xapp-1', ...key })).toMatch(/Socket Mode/);
  });

  it('keeps single-token mode as it was: no key needed, and no OAuth', () => {
    const config = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's' });
    expect(config.slack?.botToken).toBe('xoxb-1');
    expect(config.slack?.oauth).toBeUndefined();
    expect(config.encryptionKey).toBeUndefined();
  });

  it('takes the retention in days and scrubs the OAuth secrets and the key from logs', () => {
    const config = loadConfig({
      ...OAUTH,
      HALLWAY_ENCRYPTION_KEY: KEY.toString('base64'),
      HALLWAY_RETENTION_DAYS: '7',
    });
    expect(config.retentionDays).toBe(7);
    expect(secretsOf(config)).toEqual(
      expect.arrayContaining(['client-secret', 'state-secret', KEY.toString('base64'), KEY.toString('hex')]),
    );
    expect(refusal({ HALLWAY_RETENTION_DAYS: '-1' })).toMatch(/HALLWAY_RETENTION_DAYS/);
  });

  it('parses only 32-byte keys', () => {
    expect(parseEncryptionKey(KEY.toString('hex'))?.equals(KEY)).toBe(true);
    expect(parseEncryptionKey('not a key')).toBeUndefined();
  });
});

describe('sealed tokens', () => {
  it('opens with the same key and row, and never shows the token', () => {
    const sealed = seal(KEY, '{"bot":{"token":"xoxb-secret"}}', 'T0AAA');
    expect(sealed).not.toContain('xoxb');
    expect(sealed).toMatch(/^v1\./);
    expect(unseal(KEY, sealed, 'T0AAA')).toBe('{"bot":{"token":"xoxb-secret"}}');
    // A fresh IV each time: the same token seals differently.
    expect(seal(KEY, 'x', 'T0AAA')).not.toBe(seal(KEY, 'x', 'T0AAA'));
  });

  it('refuses another key, another row, and any altered byte', () => {
    const sealed = seal(KEY, 'xoxb-secret', 'T0AAA');
    expect(() => unseal(randomBytes(32), sealed, 'T0AAA')).toThrow();
    expect(() => unseal(KEY, sealed, 'T0BBB')).toThrow();
    const parts = sealed.split('.');
    const body = Buffer.from(parts[3]!, 'base64url');
    body[0] = (body[0] ?? 0) ^ 1;
    expect(() => unseal(KEY, [parts[0], parts[1], parts[2], body.toString('base64url')].join('.'), 'T0AAA')).toThrow();
    expect(() => unseal(KEY, 'plain', 'T0AAA')).toThrow(/not a sealed value/);
  });
});
