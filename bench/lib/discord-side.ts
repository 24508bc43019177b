/**
 * Discord half of the adapters benchmark: Hallway's real Discord adapter (discord.js) and a bare discord.js client
 * answering the same slash command, each on its own fake Discord (REST + gateway on 127.0.0.1), timed from the
 * INTERACTION_CREATE sent on the gateway to the interaction callback received by the fake's REST API.
 */
import { Client, Events, GatewayIntentBits, MessageFlags } from 'discord.js';
import { once } from 'node:events';
import { DiscordPlatform } from '../../adapters/discord/discord.adapter.ts';
import type { Core } from '#core/dispatch.ts';
import { silentLogger } from '#core/ports/logger.ts';
import { FakeDiscord, type RecordedCall } from '../../test/support/fake-discord.ts';
import type { FakeGuild, FakeUser } from '../../test/support/fake-discord-payloads.ts';

export interface DiscordSide {
  readonly hallway: FakeDiscord;
  readonly bare: FakeDiscord;
  close(): Promise<void>;
}

export async function startDiscord(core: Core, hallway: FakeDiscord): Promise<DiscordSide> {
  const platform = new DiscordPlatform({
    token: hallway.token,
    applicationId: hallway.applicationId,
    apiUrl: hallway.apiUrl,
    log: silentLogger,
    catalog: core.catalog,
    autocomplete: core.autocomplete,
  });
  await platform.start(core.dispatch);
  const bare = await FakeDiscord.start();
  const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: bare.apiUrl } });
  client.on(Events.InteractionCreate, (i) => {
    if (i.isChatInputCommand()) void i.reply({ content: 'Your profile', flags: MessageFlags.Ephemeral });
  });
  const ready = once(client, Events.ClientReady);
  await client.login(bare.token);
  await ready;
  return {
    hallway,
    bare,
    close: async () => {
      await platform.stop();
      await client.destroy();
      await bare.close();
    },
  };
}

/**
 * Milliseconds from a `/profile` interaction on the gateway to its callback (the reply) at the fake's REST API; in
 * the fake's guild, or in `guild`.
 */
export function discordProfile(fake: FakeDiscord, user: FakeUser, member?: string, guild?: FakeGuild): Promise<number> {
  return new Promise((resolve, reject) => {
    let id = '';
    const onCall = (c: RecordedCall) => {
      if (!id || c.route !== 'POST /interactions/:id/:token/callback' || !c.path.includes(id)) return;
      fake.off('call', onCall);
      if (c.status >= 300) reject(new Error(`callback answered ${c.status}`));
      else resolve(performance.now() - start);
    };
    fake.on('call', onCall);
    const start = performance.now();
    const options = member ? [{ name: 'member', type: 6, value: member }] : [];
    id = fake.command(user, 'profile', options, guild).id;
  });
}
