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
import type { FeedbackStore } from './store.ts';

export type Context = CoreContext<FeedbackStore>;
export type JobContext = CoreJobContext<FeedbackStore>;
export type PrepareContext = CorePrepareContext<FeedbackStore>;
export type SweepContext = CoreSweepContext<FeedbackStore>;
export type ActionDef = CoreActionDef<FeedbackStore>;
export type CommandDef = CoreCommandDef<FeedbackStore>;
export type FormDef = CoreFormDef<FeedbackStore>;

export const { defineCommand, defineSubcommand, defineAction, defineForm, defineJob, defineFeature } =
  featureKit<FeedbackStore>();
