/**
 * Discord start-up against the fake: the intents asked for, and the two failures an operator meets first (a bad
 * token, the Server Members intent switched off) ending in one clear error instead of a hang or a crash.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DiscordPlatform } from '../../adapters/discord/discord.adapter.ts';
import { DiscordStartError } from '../../adapters/discord/errors.ts';
import { silentLogger } from '#core/ports/logger.ts';
import { FakeDiscord } from '../support/fake-discord.ts';

let fake: FakeDiscord;

beforeAll(async () => {
  fake = await FakeDiscord.start();
});

afterAll(async () => {
  await fake?.close();
});

const platformWith = (token: string) =>
  new DiscordPlatform({
    token,
    applicationId: fake.applicationId,
    apiUrl: fake.apiUrl,
    log: silentLogger,
    catalog: [],
  });

it('connects with Guilds, GuildMembers and DirectMessages only (no message content)', async () => {
  const platform = platformWith(fake.token);
  await platform.start(async () => undefined);
  await platform.stop();
  expect(fake.gateway.identified.at(-1)).toBe((1 << 0) | (1 << 1) | (1 << 12));
});

it('rejects a bad token with one clear message', async () => {
  const error = await platformWith('not-the-token')
    .start(async () => undefined)
    .catch((e: unknown) => e);
  expect(error).toBeInstanceOf(DiscordStartError);
  expect((error as Error).message).toMatch(/rejected the bot token: check DISCORD_TOKEN/);
  expect((error as Error).message).not.toContain('not-the-token');
});

it('rejects a disallowed Server Members intent (close 4014) with what to switch on', async () => {
  fake.gateway.refusePrivilegedIntents = true;
  try {
    const error = await platformWith(fake.token)
      .start(async () => undefined)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DiscordStartError);
    expect((error as Error).message).toMatch(/Server Members Intent/);
  } finally {
    fake.gateway.refusePrivilegedIntents = false;
  }
});
