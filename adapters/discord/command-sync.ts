/**
 * Idempotent slash-command registration: fetch what Discord has, compare with what the catalog generates, PUT only
 * when they differ (Discord allows 200 command creations a day per guild; a restart loop must not burn them).
 */
import { type REST, Routes } from 'discord.js';
import type { CommandCatalog } from '#core/catalog.ts';
import type { Logger } from '#core/ports/logger.ts';
import { applicationCommands, normalizeCommands } from './commands.ts';

/** What a sync did, for logs and tests. */
export type SyncOutcome = 'unchanged' | 'registered';

export async function syncApplicationCommands(
  rest: REST,
  applicationId: string,
  guildId: string | undefined,
  catalog: CommandCatalog,
  log: Logger,
): Promise<SyncOutcome> {
  const wanted = applicationCommands(catalog);
  const route = guildId
    ? Routes.applicationGuildCommands(applicationId, guildId)
    : Routes.applicationCommands(applicationId);
  const existing = (await rest.get(route)) as unknown[];
  if (normalizeCommands(existing) === normalizeCommands(wanted)) {
    log.info({ commands: wanted.length, scope: guildId ? 'guild' : 'global' }, 'discord: commands up to date');
    return 'unchanged';
  }
  await rest.put(route, { body: wanted });
  log.info({ commands: wanted.length, scope: guildId ? 'guild' : 'global' }, 'discord: commands registered');
  return 'registered';
}
