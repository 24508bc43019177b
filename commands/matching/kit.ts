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
import type { MatchingStore } from './store.ts';

export type Context = CoreContext<MatchingStore>;
export type JobContext = CoreJobContext<MatchingStore>;
export type PrepareContext = CorePrepareContext<MatchingStore>;
export type SweepContext = CoreSweepContext<MatchingStore>;
export type ActionDef = CoreActionDef<MatchingStore>;
export type CommandDef = CoreCommandDef<MatchingStore>;
export type FormDef = CoreFormDef<MatchingStore>;

export const { defineCommand, defineSubcommand, defineAction, defineForm, defineJob, defineFeature } =
  featureKit<MatchingStore>();
