/** DISCORD_SHARDS: `auto` or a count, refused otherwise with one line; unset leaves the client unsharded. */
import { describe, expect, it } from 'vitest';
import { shardingOptions } from '../../adapters/discord/sharding.ts';
import { ConfigError, loadConfig } from '../../src/app/config.ts';

const DISCORD = { DISCORD_TOKEN: 'token', DISCORD_APPLICATION_ID: '123456789012345678' };

describe('DISCORD_SHARDS', () => {
  it('reads auto or a shard count, and nothing when unset or empty', () => {
    expect(loadConfig({ ...DISCORD, DISCORD_SHARDS: 'auto' }).discord?.shards).toBe('auto');
    expect(loadConfig({ ...DISCORD, DISCORD_SHARDS: '4' }).discord?.shards).toBe(4);
    expect(loadConfig(DISCORD).discord?.shards).toBeUndefined();
    expect(loadConfig({ ...DISCORD, DISCORD_SHARDS: '' }).discord?.shards).toBeUndefined();
  });

  it('refuses anything else with one line naming the variable', () => {
    for (const bad of ['0', '-1', 'two', '1.5', 'AUTO ']) {
      expect(() => loadConfig({ ...DISCORD, DISCORD_SHARDS: bad })).toThrow(ConfigError);
      expect(() => loadConfig({ ...DISCORD, DISCORD_SHARDS: bad })).toThrow(
        /^DISCORD_SHARDS must be auto or a shard count \(1 or more\)\.$/,
      );
    }
  });

  it('gives discord.js nothing when unset, and its own sharding options when set', () => {
    expect(shardingOptions(undefined)).toEqual({});
    expect(shardingOptions('auto')).toMatchObject({ shards: 'auto' });
    expect(shardingOptions(3)).toMatchObject({ shardCount: 3 });
    expect(typeof shardingOptions(3).ws?.buildStrategy).toBe('function');
  });
});
