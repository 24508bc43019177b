/** What a dashboard page is made from, and how the list of pages is kept (see `pages/index.ts`). */
import type { Community } from '#core/command.ts';
import type { Page } from '../report.ts';
import type { DashboardStore } from '../store.ts';

/** What a page reads: the community's figures as of `now`, through the store on one transaction. */
export interface PageEnv {
  readonly store: DashboardStore;
  readonly community: Community;
  readonly now: Date;
}

/** One page of the dashboard. */
export interface PageDef {
  /** Its address (`/<slug>`) and CSV prefix. */
  readonly slug: string;
  /** Its name in the navigation. */
  readonly title: string;
  build(env: PageEnv): Promise<Page>;
}
