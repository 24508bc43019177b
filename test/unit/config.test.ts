import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, platformsToStart, secretsOf } from '../../src/app/config.ts';

/** The error `loadConfig` refuses `env` with (fails the test when it accepts it). */
function refusal(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error(`accepted ${JSON.stringify(Object.keys(env))}`);
}

describe('loadConfig', () => {
  it('defaults to the shell on the embedded SQLite file', () => {
    const config = loadConfig({});
    expect(config.databasePath).toBe('data/hallway.db');
    expect(config.databaseUrl).toBeUndefined();
    expect(config.databasePoolSize).toBe(10);
    expect(config.managers).toEqual([]);
    expect(config.timezone).toBe('UTC');
    expect(platformsToStart(config)).toEqual(['shell']);
  });

  it('starts every platform whose credentials are present', () => {
    const config = loadConfig({
      SLACK_BOT_TOKEN: 'xoxb-1',
      SLACK_SIGNING_SECRET: 's',
      DISCORD_TOKEN: 't',
      DISCORD_APPLICATION_ID: '123456789012345678',
      HALLWAY_MANAGERS: 'U1, 42 ,',
    });
    expect(platformsToStart(config)).toEqual(['slack', 'discord']);
    expect([...config.managers]).toEqual(['U1', '42']);
  });

  it('lets Socket Mode run without a signing secret', () => {
    const config = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' });
    expect(config.slack?.appToken).toBe('xapp-1');
  });

  const bad: [Record<string, string>, RegExp][] = [
    [{ SLACK_BOT_TOKEN: 'xoxb-1' }, /^SLACK_SIGNING_SECRET is required when SLACK_BOT_TOKEN is set/],
    [{ SLACK_SIGNING_SECRET: 's' }, /^SLACK_BOT_TOKEN is required/],
    [{ SLACK_BOT_TOKEN: 'nope' }, /^SLACK_BOT_TOKEN must start with xoxb-/],
    [{ DISCORD_TOKEN: 't' }, /^DISCORD_APPLICATION_ID is required/],
    [{ DISCORD_TOKEN: 't', DISCORD_APPLICATION_ID: 'abc' }, /^DISCORD_APPLICATION_ID must be the numeric/],
    [{ HALLWAY_TIMEZONE: 'Mars/Base' }, /^HALLWAY_TIMEZONE must be an IANA time zone/],
    [{ PORT: 'eighty' }, /^PORT /],
    [{ LOG_LEVEL: 'loud' }, /^LOG_LEVEL /],
    [{ SLACK_API_URL: 'ftp://x' }, /^SLACK_API_URL must be an http\(s\) URL/],
    [{ HALLWAY_SEND_RATE_SLACK: '-1' }, /^HALLWAY_SEND_RATE_SLACK must be a positive/],
    [{ DATABASE_URL: 'mysql://db.internal/hallway' }, /^DATABASE_URL must be a PostgreSQL URL like postgres:\/\//],
    [{ DATABASE_URL: 'localhost:5432/hallway' }, /^DATABASE_URL must be a PostgreSQL URL/],
    [{ DATABASE_URL: 'postgres:///hallway' }, /^DATABASE_URL must be a PostgreSQL URL/],
    [{ DATABASE_POOL_SIZE: '0' }, /^DATABASE_POOL_SIZE /],
    [{ DATABASE_POOL_SIZE: '500' }, /^DATABASE_POOL_SIZE must be 1-200 connections/],
    [{ DATABASE_POOL_SIZE: 'lots' }, /^DATABASE_POOL_SIZE /],
    [{ DATABASE_POOL_SIZE: '2.5' }, /^DATABASE_POOL_SIZE /],
  ];
  it.each(bad)('refuses %o with one clear line', (env, message) => {
    const error = refusal(env);
    expect(error.message).toMatch(message);
    expect(error.message).not.toContain('\n');
  });

  it('takes PostgreSQL from DATABASE_URL, with its pool size', () => {
    const config = loadConfig({
      DATABASE_URL: ' postgres://hallway:pw@db.internal:5432/hallway ',
      DATABASE_POOL_SIZE: '25',
    });
    expect(config.databaseUrl).toBe('postgres://hallway:pw@db.internal:5432/hallway');
    expect(config.databasePoolSize).toBe(25);
    expect(loadConfig({ DATABASE_URL: 'postgresql://db.internal/hallway' }).databaseUrl).toBe(
      'postgresql://db.internal/hallway',
    );
    // Empty is unset: the SQLite file.
    expect(loadConfig({ DATABASE_URL: '  ' }).databaseUrl).toBeUndefined();
  });

  it("never shows the database password in an error, and hands it to the logger's scrubber", () => {
    const password = 'Hunter2-s3cret';
    const refusals = [
      refusal({ DATABASE_URL: `mysql://hallway:${password}@db.internal/hallway` }),
      refusal({ DATABASE_URL: `postgres://hallway:${password}@/hallway` }),
      refusal({ DATABASE_URL: `postgres://hallway:${password}@db internal/hallway` }),
      refusal({ DATABASE_URL: `postgres://hallway:${password}@db.internal/hallway`, DATABASE_POOL_SIZE: 'x' }),
      refusal({ DATABASE_URL: `postgres://hallway:${password}@db.internal/hallway`, SLACK_BOT_TOKEN: 'xoxb-1' }),
    ];
    for (const error of refusals) {
      expect(String(error)).not.toContain(password);
      expect(JSON.stringify({ ...error, message: error.message, stack: error.stack })).not.toContain(password);
    }
    const encoded = loadConfig({ DATABASE_URL: 'postgres://hallway:p%40ss%3Aword@db.internal/hallway' });
    expect(secretsOf(encoded)).toContain('p@ss:word');
    expect(secretsOf(loadConfig({ DATABASE_URL: 'postgres://db.internal/hallway' }))).toEqual([]);
  });

  it('never puts a secret in its error messages', () => {
    try {
      loadConfig({ SLACK_BOT_TOKEN: 'xoxb-very-secret-token' });
    } catch (error) {
      expect(String(error)).not.toContain('very-secret');
    }
  });
});
