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
import type { MeetupsStore } from './store.ts';

export type Context = CoreContext<MeetupsStore>;
export type JobContext = CoreJobContext<MeetupsStore>;
export type PrepareContext = CorePrepareContext<MeetupsStore>;
export type SweepContext = CoreSweepContext<MeetupsStore>;
export type ActionDef = CoreActionDef<MeetupsStore>;
export type CommandDef = CoreCommandDef<MeetupsStore>;
export type FormDef = CoreFormDef<MeetupsStore>;

export const { defineCommand, defineSubcommand, defineAction, defineForm, defineJob, defineFeature } =
  featureKit<MeetupsStore>();
