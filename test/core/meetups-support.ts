/** Shared set-up of the meetups core tests: a TestBot with the meetups feature and a meetup channel. */
import { meetupsFeature } from '../../commands/meetups/index.ts';
import type { Reply } from '#core/reply.ts';
import { TestBot } from '../support/test-bot.ts';

export const EVENTS = 'events';
export const HOUR = 3_600_000;
export const MINUTE = 60_000;

export async function meetupBot(start: string, timezone = 'Europe/Paris', settings: Record<string, unknown> = {}) {
  const bot = await TestBot.create({ start, timezone, features: [meetupsFeature] });
  await bot.repos.communities.ensure(bot.community, bot.clock.now());
  await bot.repos.communities.saveSettings(bot.community, { 'meetup-channel': EVENTS, ...settings });
  return bot;
}

/** The meetup number in a "Created #12 …" reply. */
export function createdId(bot: TestBot, reply: Reply): number {
  const m = /Created #(\d+)/.exec(bot.text(reply));
  if (!m) throw new Error(`not a created reply: ${bot.text(reply)}`);
  return Number(m[1]);
}

/** The card as it stands now: the last post or update in the meetup channel. */
export function card(bot: TestBot): Reply {
  const posts = bot.postsIn(EVENTS);
  if (posts.length === 0) throw new Error('no card posted');
  return posts.at(-1)!;
}
