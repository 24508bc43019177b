/** What the web surface needs from the rest of the process, and the one way it reads the database. */
import type { DashboardStore } from '../../../commands/dashboard/index.ts';
import type { MeetupsStore } from '../../../commands/meetups/index.ts';
import type { CalendarEvent } from '#core/calendar.ts';
import type { BoundFeature, Community } from '#core/command.ts';
import { toCommunity } from '#core/context.ts';
import type { CommunityId } from '#core/ids.ts';
import type { Dispatch } from '#core/inbound.ts';
import type { Clock } from '#core/ports/clock.ts';
import type { Logger } from '#core/ports/logger.ts';
import type { CoreStores, Storage } from '#core/ports/storage.ts';
import type { SettingDefs } from '#core/settings.ts';

export interface WebDeps {
  readonly storage: Storage;
  readonly clock: Clock;
  readonly log: Logger;
  /** The core's entry point: the dashboard's buttons run as actions of the signed-in manager. */
  readonly dispatch: Dispatch;
  readonly features: readonly BoundFeature<unknown>[];
  /** Every setting (the core's and the features'), to read a community as commands see it. */
  readonly settings: SettingDefs;
  readonly defaultTimezone: string;
  /** HALLWAY_PUBLIC_URL: its origin is the only one whose forms are accepted; https makes cookies Secure. */
  readonly publicUrl: string;
}

/** What one read sees: the feature stores the web uses and the core's, on one transaction. */
export interface Reading {
  readonly dashboard: DashboardStore;
  readonly meetups: MeetupsStore;
  readonly core: CoreStores;
  /** The community as commands see it (settings with defaults, time zone). */
  community(id: CommunityId): Promise<Community>;
  /** A member's private calendar feed: every feature's `calendarEvents`, each on its own store, in this read. */
  memberCalendar(community: Community, userId: string, now: Date): Promise<CalendarEvent[]>;
}

function storeOf<S>(deps: WebDeps, name: string): BoundFeature<S> {
  const feature = deps.features.find((f) => f.name === name);
  if (!feature) throw new Error(`the web surface needs the ${name} feature`);
  return feature as BoundFeature<S>;
}

/** Runs `fn` in one transaction of its own (the same unit of work as a handler, without the outbox). */
export function reading<T>(deps: WebDeps, fn: (r: Reading) => Promise<T>): Promise<T> {
  const dashboard = storeOf<DashboardStore>(deps, 'dashboard');
  const meetups = storeOf<MeetupsStore>(deps, 'meetups');
  return deps.storage.transaction(async (tx) => {
    const core = deps.storage.core(tx);
    return fn({
      dashboard: dashboard.openStore(tx),
      meetups: meetups.openStore(tx),
      core,
      async community(id) {
        // A session's community always has its row (its manager ran a command); `ensure` only reads it then.
        return toCommunity(deps, await core.communities.ensure(id, deps.clock.now()));
      },
      async memberCalendar(community, userId, now) {
        const events: CalendarEvent[] = [];
        for (const feature of deps.features) {
          if (!feature.calendarEvents) continue;
          events.push(...(await feature.calendarEvents({ community, now, store: feature.openStore(tx) }, userId)));
        }
        return events;
      },
    });
  });
}
