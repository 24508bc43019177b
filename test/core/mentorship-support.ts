/** Helpers for the mentorship core tests: members with skills, the newest button of a kind, a state snapshot. */
import type { Button, Reply } from '#core/reply.ts';
import { TestBot } from '../support/test-bot.ts';
import { MENTORSHIP_TABLES, tableRows } from '../support/table-rows.ts';

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
export const WEEK = 7 * DAY;

export async function mentorBot(): Promise<TestBot> {
  return await TestBot.create({ start: '2026-11-16T08:00:00Z' });
}

/** A member with profile skills. */
export async function member(bot: TestBot, id: string, offers: string, needs?: string): Promise<void> {
  if (offers) await bot.run(`/skills offer ${offers}`, { as: id });
  if (needs) await bot.run(`/skills need ${needs}`, { as: id });
}

/** The newest DM to `userId` with a button for `action`, and that button. */
export function buttonIn(bot: TestBot, userId: string, action: string): { reply: Reply; button: Button } {
  for (const reply of [...bot.dmsTo(userId)].reverse()) {
    const button = reply.buttons?.find((b) => b.action === action);
    if (button) return { reply, button };
  }
  throw new Error(`no ${action} button in the DMs to ${userId}`);
}

/** Every mentorship row of the community: compare before and after a refused poke. */
export async function mentorshipState(bot: TestBot) {
  return JSON.stringify(await tableRows(bot.deps.storage, MENTORSHIP_TABLES, bot.community));
}
