/**
 * The dashboard's pages, in the order the navigation shows them. A feature that brings new figures adds its page
 * here: a file in this folder, its reads in the dashboard store, one line below.
 */
import { feedbackPage } from './feedback.ts';
import { helpingPage } from './helping.ts';
import { introductionsPage } from './introductions.ts';
import { matchingPage } from './matching.ts';
import { meetupsPage } from './meetups.ts';
import type { PageDef } from './page.ts';
import { pulsePage } from './pulse.ts';
import { sharingPage } from './sharing.ts';
import { skillsPage } from './skills.ts';

export const PAGES: readonly PageDef[] = [
  pulsePage,
  introductionsPage,
  matchingPage,
  meetupsPage,
  feedbackPage,
  sharingPage,
  skillsPage,
  helpingPage,
];

export type { PageDef, PageEnv } from './page.ts';
