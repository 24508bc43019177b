/** The core's definition helpers and context types, typed with this feature's store (`ctx.store`). */
import {
  type ActionDef as CoreActionDef,
  type CommandDef as CoreCommandDef,
  type Context as CoreContext,
  type FormDef as CoreFormDef,
  featureKit,
  type JobContext as CoreJobContext,
  type PrepareContext as CorePrepareContext,
  type SweepContext as CoreSweepContext,
} from '#core/command.ts';
import type { ResourcesStore } from './store.ts';

export type Context = CoreContext<ResourcesStore>;
export type JobContext = CoreJobContext<ResourcesStore>;
export type PrepareContext = CorePrepareContext<ResourcesStore>;
export type SweepContext = CoreSweepContext<ResourcesStore>;
export type ActionDef = CoreActionDef<ResourcesStore>;
export type CommandDef = CoreCommandDef<ResourcesStore>;
export type FormDef = CoreFormDef<ResourcesStore>;

export const { defineCommand, defineSubcommand, defineAction, defineForm, defineJob, defineFeature } =
  featureKit<ResourcesStore>();
