/** `/skills`: show, offer, need, remove and find skills (comma-separated, normalised, deduplicated). */
import { z } from 'zod';
import type { Context } from './kit.ts';
import { defineCommand, defineSubcommand } from './kit.ts';
import { UserError } from '#core/errors.ts';
import { opt } from '#core/options.ts';
import type { SkillKind } from './store.ts';
import type { Reply } from '#core/reply.ts';
import { fmt } from '#core/text.ts';
import { LIMITS } from './clean.ts';
import { noteManager } from './managers.ts';
import { skillsOf } from './publish.ts';
import { findSkill } from './skills-find.ts';
import { didYouMean, MAX_SKILL_LIST_CHARS } from '../skills/index.ts';
import { parseSkills, skillsText } from './skills-input.ts';

const LIST_NAME: Record<SkillKind, string> = { offer: 'what you offer', need: "what you're looking for" };
const skillsArg = (what: string) =>
  z.object({ skills: opt.string(`${what}, comma-separated`, { max: MAX_SKILL_LIST_CHARS, autocomplete: 'skills' }) });

async function show(ctx: Context): Promise<Reply> {
  await noteManager(ctx);
  const { offers, needs } = await skillsOf(ctx, ctx.actor.userId);
  if (!offers.length && !needs.length) {
    return { text: `You haven't listed any skills yet. Try ${fmt.code('/skills offer photography, layout design')}.` };
  }
  return {
    title: 'Your skills',
    text: 'What you offer and what you are looking for.',
    sections: [
      {
        fields: [
          { label: 'You offer', value: skillsText(offers) || '—' },
          { label: "You're looking for", value: skillsText(needs) || '—' },
        ],
      },
    ],
    context: `Edit with /skills offer, /skills need and /skills remove (up to ${LIMITS.skillsPerList} per list).`,
  };
}

/** "photography is already in your list as product photos": what the member typed matched, and how it is listed. */
function alreadyThere(typed: string, shown: string): string {
  const same = typed.trim().toLowerCase() === shown.trim().toLowerCase();
  return same ? `${typed} is already in your list.` : `${typed} is already in your list as ${shown}.`;
}

async function add(ctx: Context, kind: SkillKind, text: string): Promise<Reply> {
  await noteManager(ctx);
  const { id } = ctx.community;
  const userId = ctx.actor.userId;
  const listed = new Map((await ctx.store.skills(id, userId, kind)).map((s) => [s.skill, s]));
  const existing = new Set(listed.keys());
  const parsed = parseSkills(text, kind === 'offer' ? 'Skills you offer' : "Skills you're looking for", Infinity);
  const fresh = parsed.skills.filter((s) => !existing.has(s.skill));
  const room = Math.max(0, LIMITS.skillsPerList - existing.size);
  const added = fresh.slice(0, room);
  await ctx.store.addSkills(id, userId, kind, added, ctx.now);
  const notes = [...parsed.notes];
  if (added.length < fresh.length) {
    notes.push(
      `Your list is full at ${LIMITS.skillsPerList} skills: I added ${added.length} of the ${fresh.length} new ones. ` +
        'Make room with /skills remove.',
    );
  }
  const addedTerms = new Set(added.map((s) => s.term));
  notes.push(...didYouMean(parsed.unknown.filter((term) => addedTerms.has(term))));
  const said = added.length
    ? `Added to ${LIST_NAME[kind]}: ${skillsText(added)}.`
    : `Nothing new added to ${LIST_NAME[kind]}.`;
  const already = parsed.skills.flatMap((s) => {
    const there = listed.get(s.skill);
    return there ? [alreadyThere(s.term, skillsText([there]))] : [];
  });
  return { text: [said, ...already].join(' '), context: notes.join('\n') || undefined };
}

async function remove(ctx: Context, text: string): Promise<Reply> {
  await noteManager(ctx);
  const parsed = parseSkills(text, 'Skills to remove', Infinity);
  const removed = await ctx.store.removeSkills(
    ctx.community.id,
    ctx.actor.userId,
    parsed.skills.map((s) => s.skill),
  );
  if (removed === 0) throw new UserError('not_allowed', 'None of those are on your lists. See them with /skills show.');
  return { text: `Removed ${skillsText(parsed.skills)} from your lists.` };
}

/** `/skills show|offer|need|remove|find`. */
export const skillsCommand = defineCommand({
  name: 'skills',
  description: 'Your skills, and who offers or wants to learn a skill',
  default: 'show',
  subcommands: {
    show: defineSubcommand({
      description: 'Show your skills',
      examples: ['show'],
      args: z.object({}),
      run: async (_a, ctx) => show(ctx),
    }),
    offer: defineSubcommand({
      description: 'Add skills you can help with',
      examples: ['offer photography, layout design'],
      args: skillsArg('Skills you offer'),
      run: async (args, ctx) => add(ctx, 'offer', args.skills),
    }),
    need: defineSubcommand({
      description: 'Add skills you are looking for',
      examples: ['need risograph printing'],
      args: skillsArg("Skills you're looking for"),
      run: async (args, ctx) => add(ctx, 'need', args.skills),
    }),
    remove: defineSubcommand({
      description: 'Remove skills from your lists',
      examples: ['remove photography'],
      args: skillsArg('Skills to remove'),
      run: async (args, ctx) => remove(ctx, args.skills),
    }),
    find: defineSubcommand({
      description: 'Members who offer a skill, and those who want to learn it',
      examples: ['find photography', 'find skill:"layout design" page:2'],
      args: z.object({
        skill: opt.string('The skill to look for', { max: 100, autocomplete: 'skills' }),
        page: opt.integer('Page of results', { min: 1, max: 1000 }).optional(),
      }),
      run: async (args, ctx) => findSkill(ctx, args.skill, args.page ?? 1),
    }),
  },
});
