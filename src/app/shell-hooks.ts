/** What the shell adapter asks of the app beyond dispatch: the time, moving it forward, the community's members. */
import { SHELL_COMMUNITY } from './platforms.ts';
import type { ShiftedClock } from './shifted-clock.ts';
import type { CoreDeps } from '#core/context.ts';
import { communityTimezone } from '#core/settings.ts';
import { formatInZone } from '#core/time.ts';

export interface ShellHooks {
  readonly wait: (ms: number) => Promise<void>;
  readonly time: () => Promise<string>;
  readonly members: () => Promise<readonly { readonly userId: string; readonly displayName: string }[]>;
}

/** At most this many members listed by `:who` (a terminal, not a directory). */
const WHO_MAX = 200;

export function shellHooks(
  deps: Pick<CoreDeps, 'storage' | 'defaultTimezone'>,
  clock: ShiftedClock,
  tick: () => Promise<void>,
): ShellHooks {
  const { storage } = deps;
  return {
    async wait(ms) {
      clock.advance(ms);
      await tick();
    },
    async time() {
      const community = await storage.transaction((tx) => storage.core(tx).communities.get(SHELL_COMMUNITY));
      const zone = communityTimezone(community?.settings ?? {}, deps.defaultTimezone);
      return formatInZone(clock.now(), zone);
    },
    async members() {
      const rows = await storage.transaction((tx) => storage.core(tx).members.listActive(SHELL_COMMUNITY, WHO_MAX));
      return rows.map((m) => ({ userId: m.userId, displayName: m.displayName }));
    },
  };
}
