/** `/here`: I'm in today (until, where), `off`, `who`, and my morning nudges and listing on or off. */
import { z } from 'zod';
import { opt } from '#core/options.ts';
import type { Reply } from '#core/reply.ts';
import { defineCommand, defineSubcommand, type Context } from './kit.ts';
import { requirePresence } from './gate.ts';
import { checkIn, checkOut, WHERE_MAX, whoIsIn } from './here.ts';
import type { PresencePref } from './store.ts';

const noArgs = z.object({});
const onOff = z.object({ state: opt.choice('on or off', ['on', 'off']) });

const inToday = defineSubcommand({
  description: "I'm in the space today",
  examples: ['', 'until:17:00 where:"Studio 4"', 'where:Darkroom'],
  args: z.object({
    until: opt.string('Until when today, e.g. 17:00 (default: the end of the day)', { max: 40 }).optional(),
    where: opt.string('Where in the space', { max: WHERE_MAX }).optional(),
  }),
  run: (args, ctx) => checkIn(ctx, args),
});

const off = defineSubcommand({
  description: 'I left',
  examples: [''],
  args: noArgs,
  run: (_args, ctx) => checkOut(ctx),
});

const who = defineSubcommand({
  description: 'Who else is in now, and who you might like to meet',
  examples: [''],
  args: noArgs,
  run: (_args, ctx) => whoIsIn(ctx),
});

const WORDING: Record<PresencePref, { on: string; off: string }> = {
  nudges: {
    on: 'Morning nudges are on: on a day you check in, I DM you (once, before noon) when someone complementary is in too.',
    off: 'Morning nudges are off.',
  },
  listed: {
    on: "You're listed: on days you check in, your name appears in the morning who's-in-today post.",
    off: "You're no longer listed in the morning post.",
  },
};

async function setPref(ctx: Context, pref: PresencePref, state: 'on' | 'off'): Promise<Reply> {
  await requirePresence(ctx);
  await ctx.store.setPref(ctx.community.id, ctx.actor.userId, pref, state === 'on', ctx.now);
  return { text: WORDING[pref][state] };
}

const nudges = defineSubcommand({
  description: 'A morning DM when someone complementary is in too (once a day at most)',
  examples: ['on', 'off'],
  args: onOff,
  run: ({ state }, ctx) => setPref(ctx, 'nudges', state),
});

const listed = defineSubcommand({
  description: "Your name in the morning who's-in-today post, on days you check in",
  examples: ['on', 'off'],
  args: onOff,
  run: ({ state }, ctx) => setPref(ctx, 'listed', state),
});

export const hereCommand = defineCommand({
  name: 'here',
  description: "Who's in the space today: check in, see who's in, meet over coffee",
  subcommands: { in: inToday, off, who, nudges, listed },
  default: 'in',
});
