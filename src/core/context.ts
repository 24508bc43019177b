/** Builds the `Context` handlers receive, from an inbound event and the deployment's facts. */
import type { Community, Context } from './command.ts';
import type { CommunityId } from './ids.ts';
import type { Actor } from './inbound.ts';
import type { Logger } from './ports/logger.ts';
import type { Notifier } from './ports/notifier.ts';
import type { Repositories } from './ports/repositories.ts';
import { communityTimezone, parseSettings } from './settings.ts';

/** Facts of the deployment the core needs besides storage. */
export interface CoreDeps {
  readonly repos: Repositories;
  readonly notify: Notifier;
  readonly clock: { now(): Date };
  readonly log: Logger;
  /** HALLWAY_MANAGERS: platform user ids with admin rights besides platform admins. */
  readonly managers: ReadonlySet<string>;
  /** HALLWAY_TIMEZONE: the community zone when a community has not set its own. */
  readonly defaultTimezone: string;
}

export function loadCommunity(deps: CoreDeps, id: CommunityId, now: Date): Community {
  const record = deps.repos.communities.ensure(id, now);
  const settings = parseSettings(record.settings);
  return { id, settings, timezone: communityTimezone(settings, deps.defaultTimezone) };
}

export function isAdmin(deps: CoreDeps, actor: Actor): boolean {
  return actor.isPlatformAdmin || deps.managers.has(actor.userId);
}

/** What the dispatcher adds to each context: the catalog, and after-commit work. */
export type ContextExtras = Pick<Context, 'catalog' | 'defer' | 'runJobNow'>;

export function buildContext(
  deps: CoreDeps,
  actor: Actor,
  channelId: string | undefined,
  now: Date,
  log: Logger,
  extras: ContextExtras,
): Context {
  return {
    ...extras,
    actor: { ...actor, isAdmin: isAdmin(deps, actor) },
    community: loadCommunity(deps, actor.community, now),
    channelId,
    now,
    repos: deps.repos,
    notify: deps.notify,
    log,
  };
}
