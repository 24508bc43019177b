/** Shared set-up for the feedback core tests: a bot with only the feedback feature, members with skills. */
import { feedbackFeature } from '../../commands/feedback/index.ts';
import type { FeedbackRequest } from '../../commands/feedback/store.ts';
import { profilesStore } from '../../data/stores/profiles.store.ts';
import type { Button, Reply } from '#core/reply.ts';
import type { Settings } from '#core/settings.ts';
import { TestBot } from '../support/test-bot.ts';

export const HOUR = 3_600_000;

/** Monday 16 November 2026, 08:00 UTC. */
export async function feedbackBot(settings: Partial<Settings> = { 'feedback-channel': 'wip' }): Promise<TestBot> {
  const bot = await TestBot.create({ features: [feedbackFeature] });
  const now = bot.clock.now();
  await bot.repos.communities.ensure(bot.community, now);
  await bot.repos.communities.saveSettings(bot.community, settings);
  return bot;
}

/** A member who offers (and needs) skills, as introductions would have stored them (in one transaction). */
export async function member(
  bot: TestBot,
  userId: string,
  offers: readonly string[],
  needs: readonly string[] = [],
): Promise<void> {
  const now = bot.clock.now();
  const skills = (list: readonly string[]) => list.map((skill) => ({ skill, term: skill }));
  await bot.storage.transaction(async (tx) => {
    const profiles = profilesStore(tx);
    await bot.storage.core(tx).members.touch(bot.community, userId, userId, now);
    await profiles.addSkills(bot.community, userId, 'offer', skills(offers), now);
    if (needs.length) await profiles.addSkills(bot.community, userId, 'need', skills(needs), now);
  });
}

/** The member's newest DM carrying a button for `action`, and that button. */
export function buttonIn(bot: TestBot, userId: string, action: string): { reply: Reply; button: Button } {
  const dms = [...bot.dmsTo(userId)].reverse();
  for (const reply of dms) {
    const button = reply.buttons?.find((b) => b.action === action);
    if (button) return { reply, button };
  }
  throw new Error(`${userId} has no DM with a ${action} button`);
}

/** Who has a DM asking them about `request`. */
export async function askedFor(bot: TestBot, request: FeedbackRequest): Promise<string[]> {
  return (await bot.repos.feedback.listAsks(bot.community, request.id)).map((a) => a.reviewer);
}

/** The member's newest request. */
export async function latestRequest(bot: TestBot, userId: string): Promise<FeedbackRequest> {
  const all = await bot.repos.feedback.listRequestsBy(bot.community, userId, [
    'open',
    'fulfilled',
    'expired',
    'cancelled',
    'offered_publicly',
  ]);
  if (!all[0]) throw new Error(`${userId} has no request`);
  return all[0];
}

export async function status(bot: TestBot, request: FeedbackRequest, reviewer: string): Promise<string | undefined> {
  return (await bot.repos.feedback.getAsk(bot.community, request.id, reviewer))?.status;
}
