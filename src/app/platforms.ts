/** Builds the adapter for one platform from the configuration. */
import { dirname, join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { DiscordPlatform } from '../../adapters/discord/discord.adapter.ts';
import { loadDemo } from '../../adapters/shell/demo.ts';
import { ShellPlatform } from '../../adapters/shell/shell.adapter.ts';
import { SlackPlatform } from '../../adapters/slack/slack.adapter.ts';
import type { Config } from './config.ts';
import type { Core } from '#core/dispatch.ts';
import type { Platform } from '#core/ids.ts';
import type { ChatPlatform } from '#core/ports/chat-platform.ts';
import type { Logger } from '#core/ports/logger.ts';

/** The terminal the shell adapter talks to. */
export interface PlatformIo {
  readonly input: Readable;
  readonly output: Writable;
  readonly color: boolean;
}

export interface PlatformDeps {
  readonly config: Config;
  readonly log: Logger;
  readonly core: Core;
  readonly io: PlatformIo;
  readonly tick: () => Promise<void>;
  readonly drain: () => Promise<void>;
}

export const SHELL_COMMUNITY = 'shell:loft' as const;

export function createPlatform(name: Platform, deps: PlatformDeps): ChatPlatform {
  const { config, log, core } = deps;
  if (name === 'slack' && config.slack) {
    return new SlackPlatform({ ...config.slack, log: log.child({ platform: 'slack' }), catalog: core.catalog });
  }
  if (name === 'discord' && config.discord) {
    return new DiscordPlatform({
      ...config.discord,
      log: log.child({ platform: 'discord' }),
      catalog: core.catalog,
      autocomplete: core.autocomplete,
    });
  }
  return new ShellPlatform({
    ...deps.io,
    community: SHELL_COMMUNITY,
    afterEach: deps.drain,
    tick: deps.tick,
    loadDemo,
    // Calendar files and exports land next to the database, in a folder of their own.
    filesDir: join(dirname(config.databasePath), 'files'),
    greeting: [
      'Hallway shell — you are Host, the community manager. Type /hallway help, or :help for shell commands.',
      'New here? Type :demo to load a small creative loft (Emma, Lucas, Mia, Raj and friends) and try /match.',
    ].join('\n'),
  });
}
