/** The core's definition helpers and context types for the admin feature, which owns no store of its own. */
import { type Context as CoreContext, featureKit } from '#core/command.ts';

/** Admin reads and writes only the core's stores (`ctx.core`) and the other features' hooks (`ctx.features`). */
export type AdminStore = undefined;
export type Context = CoreContext<AdminStore>;

export const { defineCommand, defineSubcommand, defineAction, defineForm, defineFeature } = featureKit<AdminStore>();
