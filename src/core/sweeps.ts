/** Runs every feature's `sweep` (and `warm`) for every community: each in its own transaction, a failure logged. */
import type { BoundFeature, Community, SweepContext } from './command.ts';
import type { JobDeps } from './jobs.ts';
import { inUnit } from './unit.ts';

type Hook = 'sweep' | 'warm';

async function runHook(
  hook: Hook,
  features: readonly BoundFeature<unknown>[],
  communities: readonly Community[],
  deps: JobDeps,
): Promise<number> {
  let failures = 0;
  const now = deps.clock.now();
  for (const community of communities) {
    for (const feature of features) {
      const run = feature[hook];
      if (!run) continue;
      const log = deps.log.child({ [hook]: feature.name, community: community.id });
      try {
        await inUnit(deps, 'bulk', async (unit) => {
          const ctx: SweepContext<unknown> = {
            community,
            now,
            store: unit.storeOf(feature),
            core: unit.core,
            notify: unit.notify,
            log,
          };
          await run.call(feature, ctx);
        });
      } catch (error) {
        failures++;
        log.error({ err: error }, `${hook} failed`);
      }
    }
  }
  return failures;
}

/** Each minute: time-bound housekeeping. Returns how many sweeps failed. */
export function runSweeps(
  features: readonly BoundFeature<unknown>[],
  communities: readonly Community[],
  deps: JobDeps,
) {
  return runHook('sweep', features, communities, deps);
}

/** At start-up: in-memory state built before the first event. Returns how many failed. */
export function warmFeatures(
  features: readonly BoundFeature<unknown>[],
  communities: readonly Community[],
  deps: JobDeps,
) {
  return runHook('warm', features, communities, deps);
}
