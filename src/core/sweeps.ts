/** Runs every feature's `sweep` for every community: each in its own transaction, a failure logged, not fatal. */
import type { Community, Feature } from './command.ts';
import type { JobDeps } from './jobs.ts';

export function runSweeps(features: readonly Feature[], communities: readonly Community[], deps: JobDeps): number {
  let failures = 0;
  const now = deps.clock.now();
  for (const community of communities) {
    for (const feature of features) {
      if (!feature.sweep) continue;
      const log = deps.log.child({ sweep: feature.name, community: community.id });
      try {
        deps.repos.transaction(() => feature.sweep?.({ community, now, repos: deps.repos, notify: deps.notify, log }));
      } catch (error) {
        failures++;
        log.error({ err: error }, 'sweep failed');
      }
    }
  }
  return failures;
}
