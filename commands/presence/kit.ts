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
import type { PresenceStore } from './store.ts';

export type Context = CoreContext<PresenceStore>;
export type JobContext = CoreJobContext<PresenceStore>;
export type PrepareContext = CorePrepareContext<PresenceStore>;
export type SweepContext = CoreSweepContext<PresenceStore>;
export type ActionDef = CoreActionDef<PresenceStore>;
export type CommandDef = CoreCommandDef<PresenceStore>;
export type FormDef = CoreFormDef<PresenceStore>;

export const { defineCommand, defineSubcommand, defineAction, defineForm, defineJob, defineFeature } =
  featureKit<PresenceStore>();

/** What the presence feature needs: command, button, job and sweep contexts all have it. */
export type PresenceScope = Pick<JobContext, 'community' | 'now' | 'store' | 'core' | 'notify' | 'log'>;
