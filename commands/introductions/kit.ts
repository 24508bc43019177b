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
import type { ProfilesStore } from './store.ts';

export type Context = CoreContext<ProfilesStore>;
export type JobContext = CoreJobContext<ProfilesStore>;
export type PrepareContext = CorePrepareContext<ProfilesStore>;
export type SweepContext = CoreSweepContext<ProfilesStore>;
export type ActionDef = CoreActionDef<ProfilesStore>;
export type CommandDef = CoreCommandDef<ProfilesStore>;
export type FormDef = CoreFormDef<ProfilesStore>;

export const { defineCommand, defineSubcommand, defineAction, defineForm, defineJob, defineFeature } =
  featureKit<ProfilesStore>();
