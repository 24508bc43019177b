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
import type { MentorshipStore } from './store.ts';

export type Context = CoreContext<MentorshipStore>;
export type JobContext = CoreJobContext<MentorshipStore>;
export type PrepareContext = CorePrepareContext<MentorshipStore>;
export type SweepContext = CoreSweepContext<MentorshipStore>;
export type ActionDef = CoreActionDef<MentorshipStore>;
export type CommandDef = CoreCommandDef<MentorshipStore>;
export type FormDef = CoreFormDef<MentorshipStore>;

export const { defineCommand, defineSubcommand, defineAction, defineForm, defineJob, defineFeature } =
  featureKit<MentorshipStore>();

/** What the mentorship flow needs: command, button, job and sweep contexts all have it. */
export type MentorScope = Pick<JobContext, 'community' | 'now' | 'store' | 'core' | 'notify' | 'log'>;
