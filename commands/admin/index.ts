/** `/hallway`: help, settings, jobs on demand, figures, export and the right to be forgotten. */
import { z } from 'zod';
import { defineCommand, defineFeature, defineSubcommand, type Feature } from '#core/command.ts';
import { helpForAll } from '#core/help.ts';
import { configSubcommand } from './config.subcommand.ts';
import { exportSubcommand } from './export.subcommand.ts';
import { forgetActions, forgetMeSubcommand } from './forget-me.subcommand.ts';
import { runSubcommand } from './run.subcommand.ts';
import { statsSubcommand } from './stats.subcommand.ts';

/** Late-bound: the admin feature acts on every feature, itself included, and is listed among them. */
let allFeatures: readonly Feature[] = [];
export function bindFeatures(features: readonly Feature[]): void {
  allFeatures = features;
}
const features = () => allFeatures;

const help = defineSubcommand({
  description: 'Every command, with an example',
  examples: [''],
  args: z.object({}),
  run: (_args, ctx) => helpForAll(ctx.catalog, ctx.actor.isAdmin),
});

export const adminFeature = defineFeature({
  name: 'admin',
  commands: [
    defineCommand({
      name: 'hallway',
      description: 'Help, settings and data rights',
      default: 'help',
      subcommands: {
        help,
        config: configSubcommand,
        run: runSubcommand,
        stats: statsSubcommand(features),
        export: exportSubcommand(features),
        'forget-me': forgetMeSubcommand,
      },
    }),
  ],
  actions: forgetActions(features),
});
