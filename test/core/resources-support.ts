/** Shared set-up of the resources core tests: a TestBot with every feature, a library channel and members it knows. */
import type { Reply } from '#core/reply.ts';
import { TestBot } from '../support/test-bot.ts';

/** Monday 16 November 2026, 09:00 in Paris. "fri 14:00" is Friday 20 November, 13:00 UTC. */
export const START = '2026-11-16T08:00:00Z';
export const LIBRARY = 'library';
export const FEEDBACK = 'feedback';
export const HOUR = 3_600_000;
export const MINUTE = 60_000;
export const DAY = 24 * HOUR;
export const MEMBERS = ['emma', 'lucas', 'mia', 'raj', 'ana', 'zoe'] as const;

export async function resourceBot(settings: Record<string, unknown> = {}, start = START) {
  const bot = await TestBot.create({ start, timezone: 'Europe/Paris' });
  await bot.repos.communities.ensure(bot.community, bot.clock.now());
  await bot.repos.communities.saveSettings(bot.community, {
    'resources-channel': LIBRARY,
    'feedback-channel': FEEDBACK,
    ...settings,
  });
  for (const user of MEMBERS) await bot.repos.members.touch(bot.community, user, user, bot.clock.now());
  return bot;
}

/** The host adds the risograph (bookable, training) and the photo studio; Lucas adds his tripod to lend. */
export async function stockLibrary(bot: TestBot): Promise<void> {
  const ok = async (line: string, as: string) => {
    const reply = await bot.run(line, { as });
    if (!/^Added /.test(reply.text)) throw new Error(`${line}: ${bot.text(reply)}`);
  };
  await ok('/resource add name:Risograph kind:equipment where:"Print room" bookable:yes', 'host');
  await ok('/resource add name:"Photo studio" kind:space where:"Second floor"', 'host');
  await ok('/resource add name:Tripod kind:equipment description:"Manfrotto, up to 1.8 m"', 'lucas');
}

/** The booking number in a "Booking #7" reply. */
export function bookingId(bot: TestBot, reply: Reply | undefined): number {
  const m = /Booking #(\d+)/.exec(bot.text(reply));
  if (!m) throw new Error(`not a booking: ${bot.text(reply)}`);
  return Number(m[1]);
}

export async function resourceId(bot: TestBot, name: string): Promise<number> {
  const found = await bot.repos.resources.findResourceByName(bot.community, name);
  if (!found) throw new Error(`no resource ${name}`);
  return found.id;
}
