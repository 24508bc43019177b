/**
 * The welcome: a warm DM when a member joins, with a button that opens the intro form, and — if they have not
 * introduced themselves after `intro-reminder-days` — one gentle reminder, never more. Both carry idempotency keys
 * and are recorded on the profile, so neither a redelivered join nor a re-run job sends them twice.
 */
import { introSettings } from './settings.ts';
import type { Context } from './kit.ts';
import { defineJob } from './kit.ts';
import type { Reply } from '#core/reply.ts';
import { slotPeriod } from '#core/schedule.ts';
import { fmt } from '#core/text.ts';
import { ACTION_OPEN, postCard } from './publish.ts';

const DAY_MS = 86_400_000;
/** DMs per run; the rest go in the next hourly slot, keeping a burst of joins within rate limits. */
const BATCH = 200;

const introButton = (label: string) => ({ label, action: ACTION_OPEN, value: 'about', style: 'primary' as const });

function welcomeDm(ctx: Context): Reply {
  const settings = introSettings(ctx.community);
  const channel = settings['intro-channel'];
  // Only what will happen here: where the card goes, whether a manager looks first (no channel: it waits).
  const card = channel
    ? `I'll post a short intro card in ${fmt.channel(channel)}${settings.approval ? ' (after a community manager has looked at it)' : ''}`
    : "I'll keep a short intro card ready (it is posted once a manager picks the intro channel)";
  return {
    title: 'Welcome! 👋',
    text:
      `Welcome, ${fmt.user(ctx.actor.userId)} — we're glad you're here! I'm Hallway: I help people in this community ` +
      `meet through what they make. Tell us a little about yourself — what you do, what you're working on, what you ` +
      `can help with — and ${card}, naming people whose skills fit yours when there are some.`,
    context: 'It takes two minutes. You can edit it any time with /intro.',
    buttons: [introButton('Introduce myself')],
    mentions: [],
  };
}

const REMINDER: Reply = {
  text:
    "Hi again! Whenever you're ready, a short introduction helps people here find you — what you do, what you're " +
    "working on, what you'd like to learn. This is my only reminder: no more nudges after this one.",
  buttons: [introButton('Introduce myself')],
  mentions: [],
};

/** `onMemberJoined`: welcome once, unless they already introduced themselves (a member coming back). */
export async function welcomeMember(ctx: Context): Promise<undefined> {
  const { id } = ctx.community;
  const userId = ctx.actor.userId;
  if ((await ctx.store.get(id, userId))?.introducedAt) return undefined;
  if (!(await ctx.store.markWelcomed(id, userId, ctx.now))) return undefined;
  ctx.notify.dm(id, userId, welcomeDm(ctx), { key: `welcome:${userId}` });
  return undefined;
}

/** Hourly: due reminders, and cards that were waiting for the intro channel. */
export const introRemindersJob = defineJob({
  name: 'intro-reminders',
  description: 'One gentle reminder to members who joined and have not introduced themselves; posts waiting cards',
  period: (now) => slotPeriod(now, 60),
  async run(ctx) {
    const { id } = ctx.community;
    const settings = introSettings(ctx.community);
    const before = new Date(ctx.now.getTime() - settings['intro-reminder-days'] * DAY_MS);
    for (const userId of await ctx.store.dueReminders(id, before, BATCH)) {
      ctx.notify.dm(id, userId, REMINDER, { key: `intro-reminder:${userId}` });
      await ctx.store.markReminded(id, userId, ctx.now);
    }
    // Cards published while no intro channel was set go out once one is.
    if (settings['intro-channel']) {
      for (const userId of await ctx.store.awaitingCard(id, BATCH)) await postCard(ctx, userId);
    }
  },
});
