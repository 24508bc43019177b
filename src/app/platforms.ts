/** Builds the adapter for one platform from the configuration. */
import { dirname, join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { DiscordPlatform } from '../../adapters/discord/discord.adapter.ts';
import { loadDemo } from '../../adapters/shell/demo.ts';
import { ShellPlatform } from '../../adapters/shell/shell.adapter.ts';
import { type SharedHttpServer, SlackPlatform } from '../../adapters/slack/slack.adapter.ts';
import type { Config } from './config.ts';
import type { ShellHooks } from './shell-hooks.ts';
import type { Core } from '#core/dispatch.ts';
import type { CommunityLifecycle } from '#core/lifecycle.ts';
import type { InstallationVault } from '#core/ports/installations.ts';
import type { Clock } from '#core/ports/clock.ts';
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
  /** What the shell asks of the app: time, waiting, members (see shell-hooks.ts). */
  readonly shell: ShellHooks;
  readonly lifecycle: CommunityLifecycle;
  readonly clock: Clock;
  /** Where Slack installations are kept (OAuth mode; needs HALLWAY_ENCRYPTION_KEY). */
  readonly installations?: InstallationVault;
  /** The web server, when Slack shares its port (see `config.web.sharesSlackPort`). */
  readonly sharedServer?: SharedHttpServer;
}

export const SHELL_COMMUNITY = 'shell:loft' as const;

export function createPlatform(name: Platform, deps: PlatformDeps): ChatPlatform {
  const { config, log, core } = deps;
  if (name === 'slack' && config.slack) {
    return new SlackPlatform({
      ...config.slack,
      sharedServer: deps.sharedServer,
      log: log.child({ platform: 'slack' }),
      catalog: core.catalog,
      ...(config.slack.oauth && {
        installations: deps.installations,
        lifecycle: deps.lifecycle,
        now: () => deps.clock.now(),
      }),
    });
  }
  if (name === 'discord' && config.discord) {
    return new DiscordPlatform({
      ...config.discord,
      log: log.child({ platform: 'discord' }),
      catalog: core.catalog,
      autocomplete: core.autocomplete,
      lifecycle: deps.lifecycle,
    });
  }
  return new ShellPlatform({
    ...deps.io,
    community: SHELL_COMMUNITY,
    afterEach: deps.drain,
    tick: deps.tick,
    ...deps.shell,
    loadDemo,
    // Calendar files and exports land next to the database, in a folder of their own.
    filesDir: join(dirname(config.databasePath), 'files'),
    greeting: async () => {
      const welcome =
        'Hallway shell — you are Host, the community manager. Type /hallway help, or :help for shell commands.';
      // The demo is offered on an empty community only (a loaded one already has its members).
      if ((await deps.shell.members()).length > 0) return `${welcome}\nWelcome back: :who lists the members here.`;
      return `${welcome}\nNew here? Type :demo to load a small creative loft (Emma, Lucas, Mia, Raj and friends) and try /match.`;
    },
  });
}
