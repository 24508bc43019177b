/** Builds the contexts handlers and jobs receive, from the deployment's facts and one unit of work. */
import type { BoundFeature, Community, Context, FeatureHooks, JobContext } from './command.ts';
import type { CommunityId } from './ids.ts';
import type { Actor } from './inbound.ts';
import type { Clock } from './ports/clock.ts';
import type { Logger } from './ports/logger.ts';
import type { Storage } from './ports/storage.ts';
import type { CommunityRecord } from './stores/communities.ts';
import { communityTimezone, parseSettings, type SettingDefs } from './settings.ts';
import type { CoreStores } from './ports/storage.ts';
import type { Unit } from './unit.ts';

/** Who manages a community besides its platform admins (HALLWAY_MANAGERS, scoped per community). */
export type ManagerCheck = (community: CommunityId, userId: string) => boolean;

/** Facts of the deployment the core needs. */
export interface CoreDeps {
  readonly storage: Storage;
  readonly clock: Clock;
  readonly log: Logger;
  readonly features: readonly BoundFeature<unknown>[];
  /** Every setting: the core's and the features' (see `mergeSettings`). */
  readonly settings: SettingDefs;
  readonly isManager: ManagerCheck;
  /** HALLWAY_TIMEZONE: the community zone when a community has not set its own. */
  readonly defaultTimezone: string;
  /** HALLWAY_PUBLIC_URL without a trailing slash: where links in messages (sign-in, calendar feeds) point. */
  readonly publicUrl: string;
}

/** The community as handlers see it, created with empty settings on first sight. */
export async function loadCommunity(
  deps: Pick<CoreDeps, 'settings' | 'defaultTimezone'>,
  communities: CoreStores['communities'],
  id: CommunityId,
  now: Date,
): Promise<Community> {
  return toCommunity(deps, await communities.ensure(id, now));
}

export function toCommunity(deps: Pick<CoreDeps, 'settings' | 'defaultTimezone'>, record: CommunityRecord): Community {
  const settings = parseSettings(deps.settings, record.settings);
  return {
    id: record.id,
    settings,
    timezone: communityTimezone(settings, deps.defaultTimezone),
    createdAt: record.createdAt,
    settingsChanged: record.settingsChanged,
  };
}

export function isAdmin(deps: Pick<CoreDeps, 'isManager'>, actor: Actor): boolean {
  return actor.isPlatformAdmin || deps.isManager(actor.community, actor.userId);
}

/** What the dispatcher adds to each context: the catalog and after-commit work. */
export type ContextExtras = Pick<Context, 'catalog' | 'defer' | 'runJobNow'>;

/** The facts of one event, shared by every feature's context within its unit. */
export interface EventScope {
  readonly actor: Actor;
  readonly channelId?: string;
  readonly community: Community;
  readonly now: Date;
  readonly log: Logger;
  readonly extras: ContextExtras;
}

/** The context of `feature` in `unit` for one event: its own store, everything else shared. */
export function featureContext<S>(deps: CoreDeps, unit: Unit, scope: EventScope, feature: BoundFeature<S>): Context<S> {
  return {
    ...scope.extras,
    publicUrl: deps.publicUrl,
    actor: { ...scope.actor, isAdmin: isAdmin(deps, scope.actor) },
    community: scope.community,
    channelId: scope.channelId,
    now: scope.now,
    store: unit.storeOf(feature),
    core: unit.core,
    notify: unit.notify,
    log: scope.log,
    features: featureHooks(deps, unit, scope),
  };
}

/** A job's or sweep's context for `feature` in `unit`. */
export function jobContext<S>(
  unit: Unit,
  feature: BoundFeature<S>,
  scope: Pick<JobContext<S>, 'community' | 'now' | 'period' | 'log' | 'batch'>,
): JobContext<S> {
  return { ...scope, store: unit.storeOf(feature), core: unit.core, notify: unit.notify };
}

/** Every feature's data hooks, each run with that feature's own context in the same unit. */
function featureHooks(deps: CoreDeps, unit: Unit, scope: EventScope): FeatureHooks {
  const each = async <T>(run: (feature: BoundFeature<unknown>, ctx: Context<unknown>) => Promise<T> | undefined) => {
    const results: { feature: string; value: T }[] = [];
    for (const feature of deps.features) {
      const value = await run(feature, featureContext(deps, unit, scope, feature));
      if (value !== undefined) results.push({ feature: feature.name, value });
    }
    return results;
  };
  return {
    jobs: deps.features.flatMap((f) => (f.jobs ?? []).map((j) => ({ name: j.name, description: j.description }))),
    async forget(userId) {
      const deleted = await each((f, ctx) => f.forget?.(ctx, userId));
      return Object.assign({}, ...deleted.map((d) => d.value));
    },
    async exportData() {
      const tables = await each((f, ctx) => f.exportData?.(ctx));
      return Object.assign({}, ...tables.map((t) => t.value));
    },
    async stats() {
      const figures = await each((f, ctx) => f.stats?.(ctx));
      return figures.flatMap((f) => f.value);
    },
    async profileFields(userId) {
      const fields = await each((f, ctx) => f.profileFields?.(ctx, userId));
      return fields.flatMap((f) => f.value);
    },
  };
}
