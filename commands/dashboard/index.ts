/**
 * The dashboard feature: `/hallway dashboard` (a manager's sign-in link by DM; `sign-out-all`), the pages the web
 * dashboard shows (figures read through this feature's store), and "Suggest a workshop". The web surface itself
 * (HTTP, cookies, HTML and SVG) lives in the composition root, `src/app/web/`, and reaches this feature through here.
 */
import { dashboardSubcommand } from './dashboard.subcommand.ts';
import { defineFeature } from './kit.ts';
import { workshopAction } from './workshop.action.ts';

export const dashboardFeature = defineFeature({
  name: 'dashboard',
  addSubcommands: { hallway: { dashboard: dashboardSubcommand } },
  actions: [workshopAction],
  async forget(ctx, userId) {
    return { 'dashboard sign-in links and sessions': await ctx.store.forgetMember(ctx.community.id, userId) };
  },
});

/** Actions the web dashboard may run for a signed-in manager (each checks the actor is a manager). */
export const WEB_ACTIONS: ReadonlySet<string> = new Set([workshopAction.id]);

export {
  closeSession,
  currentSession,
  type LinkProblem,
  linkState,
  openSession,
  SESSION_TTL_MS,
  SIGN_IN_TTL_MS,
} from './access.ts';
export { PAGES, type PageDef, type PageEnv } from './pages/index.ts';
export {
  type Block,
  type Cell,
  type Chart,
  type Column,
  type DataTable,
  type Page,
  tablesOf,
  toCsv,
} from './report.ts';
export type { DashboardStore } from './store.ts';
