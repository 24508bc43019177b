/**
 * Every feature of Hallway, in the order help lists them (admin, made from the others, comes last). Each is bound
 * to its store implementation by the composition root (`src/app/features.ts`).
 */
export { createAdminFeature } from './admin/index.ts';
export { dashboardFeature } from './dashboard/index.ts';
export { feedbackFeature } from './feedback/index.ts';
export { introductionsFeature } from './introductions/index.ts';
export { matchingFeature } from './matching/index.ts';
export { meetupsFeature } from './meetups/index.ts';
export { resourcesFeature } from './resources/index.ts';
export { mentorshipFeature } from './mentorship/index.ts';
export { presenceFeature } from './presence/index.ts';
