/**
 * A server's life with the bot. A server that adds the bot (`guildCreate`, which discord.js emits only for a guild
 * that was not in READY) becomes a community with default settings, and nothing is posted: Hallway speaks when a
 * member or a manager asks. A server that removes the bot, or is deleted (`guildDelete`, which discord.js emits only
 * when the guild is really gone, not for an outage: that is `guildUnavailable`), is left: its jobs and queued
 * messages stop and its data is kept for the retention period. At start-up every server the bot is in is marked
 * present, which brings back one that re-added the bot while Hallway was down.
 */
import { type Client, Events, type Guild } from 'discord.js';
import { communityId } from '#core/ids.ts';
import type { CommunityLifecycle } from '#core/lifecycle.ts';
import type { Logger } from '#core/ports/logger.ts';

export interface GuildLifecycleOptions {
  readonly lifecycle: CommunityLifecycle;
  readonly log: Logger;
  /** DISCORD_GUILD_ID: this process serves only that server, and ignores the others' comings and goings. */
  readonly onlyGuild?: string;
}

export function watchGuilds(client: Client, options: GuildLifecycleOptions): void {
  const ours = (guild: Guild) => !options.onlyGuild || guild.id === options.onlyGuild;
  const report = (what: string, work: Promise<void>, guild: Guild) =>
    work.catch((error: unknown) =>
      options.log.error({ guild: guild.id, error: String(error) }, `discord: ${what} failed`),
    );
  client.on(Events.GuildCreate, (guild) => {
    if (!ours(guild)) return;
    options.log.info({ guild: guild.id }, 'discord: added to a server');
    void report('joining a server', options.lifecycle.joined(communityId('discord', guild.id)), guild);
  });
  client.on(Events.GuildDelete, (guild) => {
    if (!ours(guild)) return;
    options.log.info({ guild: guild.id }, 'discord: removed from a server');
    void report('leaving a server', options.lifecycle.left(communityId('discord', guild.id), 'guild_removed'), guild);
  });
}

/** Every server the bot is in at READY is present (one short transaction each). */
export async function markPresent(client: Client, options: GuildLifecycleOptions): Promise<void> {
  for (const guild of client.guilds.cache.values()) {
    if (options.onlyGuild && guild.id !== options.onlyGuild) continue;
    await options.lifecycle.joined(communityId('discord', guild.id));
  }
}
