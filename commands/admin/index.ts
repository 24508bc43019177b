/**
 * `/hallway`: help, settings, jobs on demand, figures, export and the right to be forgotten. The admin feature
 * acts on every other feature: it is made from them (their settings and job names) by the composition root, and
 * reaches their data only through the core's hooks (`ctx.features`), each feature with its own store.
 */
import { z } from 'zod';
import type { Feature } from '#core/command.ts';
import { helpForAll } from '#core/help.ts';
import { coreSettings, mergeSettings } from '#core/settings.ts';
import { configSubcommand } from './config.subcommand.ts';
import { exportSubcommand } from './export.subcommand.ts';
import { forgetCommunityActions, forgetCommunitySubcommand } from './forget-community.subcommand.ts';
import { forgetActions, forgetMeSubcommand } from './forget-me.subcommand.ts';
import { type AdminStore, defineCommand, defineFeature, defineSubcommand } from './kit.ts';
import { runSubcommand } from './run.subcommand.ts';
import { statsSubcommand } from './stats.subcommand.ts';

const help = defineSubcommand({
  description: 'Every command on one screen (/<command> help for the detail)',
  examples: [''],
  args: z.object({}),
  run: async (_args, ctx) => helpForAll(ctx.catalog, ctx.actor.isAdmin),
});

/** The admin feature for a deployment with these other features. */
export function createAdminFeature(features: readonly Feature<never>[]): Feature<AdminStore> {
  const jobs = features.flatMap((f) => (f.jobs ?? []).map((j) => j.name));
  const settings = mergeSettings([coreSettings, ...features.map((f) => f.settings ?? {})]);
  return defineFeature({
    name: 'admin',
    commands: [
      defineCommand({
        name: 'hallway',
        description: 'Help, settings and data rights',
        default: 'help',
        subcommands: {
          help,
          config: configSubcommand(settings),
          // A choice needs at least one value: with no jobs (a trimmed-down test deployment) there is nothing to run.
          ...(jobs.length > 0 && { run: runSubcommand(jobs as [string, ...string[]]) }),
          stats: statsSubcommand,
          export: exportSubcommand,
          'forget-me': forgetMeSubcommand,
          'forget-community': forgetCommunitySubcommand,
        },
      }),
    ],
    actions: [...forgetActions, ...forgetCommunityActions],
  });
}
