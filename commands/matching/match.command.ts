/** `/match`: suggestions by DM (default), pause and resume weekly rounds, avoid a member, and your status. */
import { matchingSettings } from './settings.ts';
import { z } from 'zod';
import type { Context } from './kit.ts';
import { defineCommand, defineSubcommand } from './kit.ts';
import { UserError } from '#core/errors.ts';
import { opt } from '#core/options.ts';
import type { Reply } from '#core/reply.ts';
import { fmt } from '#core/text.ts';
import { formatInZone } from '#core/time.ts';
import { explainMatch } from './explain.ts';
import { suggestionMessage } from './messages.ts';
import { readWhen, type WhenRules } from '../when/index.ts';
import { statusSections, weeklyStatus } from './status.ts';
import { suggestionsFor } from './suggest.ts';

/** `until:` — the day a pause ends (at its start), at most a year ahead. */
export const PAUSE_END: WhenRules = {
  reads: 'day',
  option: 'until',
  maxAhead: {
    days: 366,
    words: 'a year',
    instead: `A pause lasts a year at most; ${fmt.code('/match pause')} alone pauses until you resume.`,
  },
};

function ensureEnabled(ctx: Context): void {
  if (!matchingSettings(ctx.community).matching) {
    throw new UserError('conflict', 'Matching is turned off in this community.');
  }
}

async function suggest(ctx: Context): Promise<Reply> {
  ensureEnabled(ctx);
  const { id } = ctx.community;
  const found = await suggestionsFor(ctx);
  if (found === undefined) {
    return {
      text:
        `Tell me what you offer and what you're looking for first: ${fmt.code('/skills offer photography')} and ` +
        `${fmt.code('/skills need layout design')}. Then ${fmt.code('/match')} finds people who complement you.`,
    };
  }
  if (found.length === 0) {
    // "I'll keep looking" only when the weekly rounds really will: not while they are paused.
    const weekly = await weeklyStatus(ctx, ctx.actor.userId);
    return {
      text: `No one complements your skills yet${weekly.inRounds ? " — I'll keep looking" : ''}. Adding a few more needs or offers helps.`,
      context: weekly.line,
    };
  }
  const me = ctx.actor.userId;
  const ids = await ctx.store.addSuggestions(
    id,
    me,
    found.map(({ userId, score }) => ({ suggestedId: userId, score: score.total })),
    ctx.now,
  );
  for (const [i, { userId, score }] of found.entries()) {
    const reason = explainMatch(score.parts, fmt.user(userId));
    // One DM per suggested member per day (UTC): `/match` typed again and again does not resend the same people.
    const day = ctx.now.toISOString().slice(0, 10);
    ctx.notify.dm(id, me, suggestionMessage(ids[i]!, userId, reason, i + 1), {
      key: `match-suggest:${me}:${userId}:${day}`,
    });
  }
  const n = found.length;
  return { text: `I've sent you ${n} suggestion${n === 1 ? '' : 's'} by DM.` };
}

async function pause(ctx: Context, until: string | undefined): Promise<Reply> {
  const end = until === undefined ? undefined : readWhen(until, ctx.now, ctx.community.timezone, PAUSE_END);
  await ctx.store.pause(ctx.community.id, ctx.actor.userId, end, 'member', ctx.now);
  const when = end ? ` until ${fmt.date(end, 'date', formatInZone(end, ctx.community.timezone, 'date'))}` : '';
  const back = end ? 'They start again by themselves' : `Send ${fmt.code('/match resume')} to start again`;
  return { text: `Weekly matches paused${when}. ${back}.` };
}

async function resume(ctx: Context): Promise<Reply> {
  await ctx.store.resume(ctx.community.id, ctx.actor.userId, ctx.now);
  const settings = matchingSettings(ctx.community);
  return { text: `You're in! Your next weekly match comes ${settings['match-day']} at ${settings['match-time']}.` };
}

async function avoid(ctx: Context, member: string): Promise<Reply> {
  if (member === ctx.actor.userId) throw new UserError('invalid_input', "You can't avoid yourself.");
  const added = await ctx.store.addAvoid(ctx.community.id, ctx.actor.userId, member, ctx.now);
  const what = added ? "Got it: I'll never match you with" : 'You already avoid';
  return { text: `${what} ${fmt.user(member)}. Only you can see this.`, mentions: [] };
}

async function unavoid(ctx: Context, member: string): Promise<Reply> {
  const removed = await ctx.store.removeAvoid(ctx.community.id, ctx.actor.userId, member);
  return {
    text: removed ? `${fmt.user(member)} can be matched with you again.` : `You weren't avoiding ${fmt.user(member)}.`,
    mentions: [],
  };
}

export const matchCommand = defineCommand({
  name: 'match',
  description: 'Find people whose skills complement yours',
  default: 'suggest',
  subcommands: {
    suggest: defineSubcommand({
      description: 'Get your top three matches by DM, with the reasons',
      examples: [''],
      args: z.object({}),
      run: async (_args, ctx) => suggest(ctx),
    }),
    pause: defineSubcommand({
      description: 'Take a break from weekly matches (until a date, or until you resume)',
      examples: ['', 'until:"in 3 weeks"', 'until:"in 10 days"'],
      args: z.object({
        until: opt.string('When to start again, e.g. "in 3 weeks" or "in 10 days"', { max: 60 }).optional(),
      }),
      run: async ({ until }, ctx) => pause(ctx, until),
    }),
    resume: defineSubcommand({
      description: 'Take part in weekly matches again',
      examples: [''],
      args: z.object({}),
      run: async (_args, ctx) => resume(ctx),
    }),
    avoid: defineSubcommand({
      description: 'Never be matched with a member (private)',
      examples: ['@lucas'],
      args: z.object({ member: opt.user('The member never to be matched with') }),
      run: async ({ member }, ctx) => avoid(ctx, member),
    }),
    unavoid: defineSubcommand({
      description: 'Allow matches with a member you avoided',
      examples: ['@lucas'],
      args: z.object({ member: opt.user('The member to allow again') }),
      run: async ({ member }, ctx) => unavoid(ctx, member),
    }),
    status: defineSubcommand({
      description: 'Your weekly-match status, recent matches and avoid list',
      examples: [''],
      args: z.object({}),
      run: async (_args, ctx) => ({
        title: 'Your matches',
        text: 'Where you stand in weekly matches.',
        sections: await statusSections(ctx, ctx.actor.userId),
      }),
    }),
  },
});
