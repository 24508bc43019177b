/**
 * The matching feature: `/match` suggestions by DM with reasons, weekly rounds that pair everyone taking part by
 * complementary skills, follow-ups, pauses and avoid lists. The shared skill vocabulary lives here too
 * (`vocabulary.ts`).
 */
import { MATCHING_SETTINGS } from './settings.ts';
import { defineFeature } from './kit.ts';
import { matchIndex } from './index-cache.ts';
import {
  collaborateAction,
  dismissAction,
  groupChatAction,
  introduceAction,
  metAction,
  skipAction,
} from './actions.ts';
import { matchFollowUpJob } from './follow-up.job.ts';
import { exportMatching, forgetMember, homeSections, matchingStats } from './hooks.ts';
import { matchCommand } from './match.command.ts';
import { matchRoundJob } from './round.job.ts';

/** Matching's scoring, for features that rank people by the same complementarity (mentorship, presence). */
export { CREDIT, skillAffinity, type Via } from './affinity.ts';
export type { MatchScore, SkillRef } from './match-score.ts';
export { type MatchProfile, scorePair, skillAreas } from './profile-score.ts';
export { explainMatch, joinAnd } from './explain.ts';

export const matchingFeature = defineFeature({
  name: 'matching',
  settings: MATCHING_SETTINGS,
  commands: [matchCommand],
  actions: [introduceAction, dismissAction, groupChatAction, skipAction, metAction, collaborateAction],
  jobs: [matchRoundJob, matchFollowUpJob],
  home: homeSections,
  forget: forgetMember,
  exportData: exportMatching,
  stats: matchingStats,
  // Builds the skill index at start-up (≈ 1 s at 100k members) so the first /match does not pay for it.
  warm: async (ctx) => void (await matchIndex(ctx.store, ctx.community.id)),
});
