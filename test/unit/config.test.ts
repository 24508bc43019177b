import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, platformsToStart } from '../../src/config.ts';

describe('loadConfig', () => {
  it('defaults to the shell on the embedded SQLite file', () => {
    const config = loadConfig({});
    expect(config.databasePath).toBe('data/hallway.db');
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
  ];
  it.each(bad)('refuses %o with one clear line', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('never puts a secret in its error messages', () => {
    try {
      loadConfig({ SLACK_BOT_TOKEN: 'xoxb-very-secret-token' });
    } catch (error) {
      expect(String(error)).not.toContain('very-secret');
    }
  });
});
