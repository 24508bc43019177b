/** Every feature of Hallway, in the order help lists them. */
import type { Feature } from '#core/command.ts';
import { adminFeature, bindFeatures } from './admin/index.ts';
import { feedbackFeature } from './feedback/index.ts';
import { introductionsFeature } from './introductions/index.ts';
import { matchingFeature } from './matching/index.ts';
import { meetupsFeature } from './meetups/index.ts';

export const features: readonly Feature[] = [
  introductionsFeature,
  matchingFeature,
  meetupsFeature,
  feedbackFeature,
  adminFeature,
];

bindFeatures(features);
