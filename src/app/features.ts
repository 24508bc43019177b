/**
 * Hallway's features, each bound to its store implementation from `data/`. The one list of what this deployment
 * does: a new feature is added here (its folder, its migration and its store are its own).
 */
import {
  createAdminFeature,
  dashboardFeature,
  feedbackFeature,
  introductionsFeature,
  matchingFeature,
  meetupsFeature,
  resourcesFeature,
  mentorshipFeature,
  presenceFeature,
} from '../../commands/index.ts';
import { dashboardStore } from '../../data/stores/dashboard.store.ts';
import { feedbackStore } from '../../data/stores/feedback.store.ts';
import { matchingStore } from '../../data/stores/matching.store.ts';
import { meetupsStore } from '../../data/stores/meetups.store.ts';
import { mentorshipStore } from '../../data/stores/mentorship.store.ts';
import { presenceStore } from '../../data/stores/presence.store.ts';
import { profilesStore } from '../../data/stores/profiles.store.ts';
import { resourcesStore } from '../../data/stores/resources.store.ts';
import { type BoundFeature, bindStore, type Feature } from '#core/command.ts';
import type { Tx } from '#core/ports/storage.ts';

/** Each feature's store implementation, by feature name (a feature without one gets no store). */
const STORES: Readonly<Record<string, (tx: Tx) => unknown>> = {
  introductions: profilesStore,
  matching: matchingStore,
  meetups: meetupsStore,
  feedback: feedbackStore,
  resources: resourcesStore,
  mentorship: mentorshipStore,
  presence: presenceStore,
  dashboard: dashboardStore,
};

/** Binds features to their stores by name. */
export function bindFeatures(features: readonly Feature<never>[]): BoundFeature<unknown>[] {
  return features.map((feature) => bindStore(feature as Feature<unknown>, STORES[feature.name] ?? (() => undefined)));
}

/** Every feature, in the order help lists them; admin, made from the others, last. */
export function hallwayFeatures(): BoundFeature<unknown>[] {
  const features = bindFeatures([
    introductionsFeature,
    matchingFeature,
    meetupsFeature,
    feedbackFeature,
    resourcesFeature,
    mentorshipFeature,
    presenceFeature,
    dashboardFeature,
  ]);
  return [...features, ...bindFeatures([createAdminFeature(features)])];
}
