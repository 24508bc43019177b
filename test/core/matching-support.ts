/** Shared set-up for the matching core tests: the creative-loft demo members and reading round results. */
import { DEMO_MEMBERS } from '../../adapters/shell/demo.ts';
import type { Button, Reply } from '#core/reply.ts';
import type { TestBot } from '../support/test-bot.ts';

/** Monday 2026-11-16 09:00 UTC: the default match day and time (UTC community). */
export const ROUND_TIME = '2026-11-16T09:00:00Z';
export const WEEK_MS = 7 * 86_400_000;
export const DAY_MS = 86_400_000;

export async function loadLoft(bot: TestBot): Promise<void> {
  for (const m of DEMO_MEMBERS) {
    await bot.run(`/skills offer ${m.offers}`, { as: m.id });
    await bot.run(`/skills need ${m.needs}`, { as: m.id });
  }
}

/** Groups of the latest round, each sorted, sorted by first member. */
export async function lastRoundGroups(bot: TestBot): Promise<string[][]> {
  const round = await bot.repos.matching.lastRound(bot.community);
  if (!round) return [];
  const pairings = await bot.repos.matching.roundPairings(bot.community, round.id);
  return pairings.map((p) => p.members.map((m) => m.userId).sort()).sort((a, b) => a[0]!.localeCompare(b[0]!));
}

export function button(reply: Reply | undefined, label: string): Button {
  const found = reply?.buttons?.find((b) => b.label === label);
  if (!found) throw new Error(`no button "${label}" in ${JSON.stringify(reply)}`);
  return found;
}
