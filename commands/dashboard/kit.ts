/** The core's definition helpers and context types, typed with this feature's store (`ctx.store`). */
import { type Context as CoreContext, featureKit } from '#core/command.ts';
import type { DashboardStore } from './store.ts';

export type Context = CoreContext<DashboardStore>;

export const { defineSubcommand, defineAction, defineFeature } = featureKit<DashboardStore>();
