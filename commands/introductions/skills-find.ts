/**
 * The directory: `/skills find <skill>` lists members still here who offer the skill and those who want to learn
 * it, most recently active first, a page at a time. An unknown skill nobody lists gets "did you mean …" buttons.
 */
import { z } from 'zod';
import type { Context } from './kit.ts';
import { defineAction } from './kit.ts';
import type { SkillKind } from './store.ts';
import type { Button, Reply, Section } from '#core/reply.ts';
import { fmt } from '#core/text.ts';
import { normaliseSkill, skillLabel, suggestSkills } from '../skills/index.ts';
import { noteManager } from './managers.ts';

/** Paging and "did you mean" buttons: value `page:skill`. */
export const ACTION_FIND_PAGE = 'skills.page';
/** Members per list per page. */
export const PAGE_SIZE = 10;
/** Discord's room for a button value. */
const VALUE_MAX = 80;

function pageButton(label: string, page: number, skill: string): Button[] {
  const value = `${page}:${skill}`;
  return value.length <= VALUE_MAX ? [{ label, action: ACTION_FIND_PAGE, value }] : [];
}

async function listSection(
  ctx: Context,
  title: string,
  skill: string,
  kind: SkillKind,
  page: number,
  total: number,
): Promise<Section> {
  const rows = await ctx.store.findBySkill(ctx.community.id, skill, kind, PAGE_SIZE, (page - 1) * PAGE_SIZE);
  const lines = rows.map((r) => `• ${fmt.user(r.userId)}`);
  const body = total === 0 ? 'Nobody yet.' : lines.length ? lines.join('\n') : 'No more on this page.';
  return { text: `${fmt.bold(`${title} (${total})`)}\n${body}` };
}

function nobody(text: string, skill: string, known: boolean): Reply {
  const label = skillLabel(skill);
  const near = suggestSkills(text, 3).filter((s) => s !== skill);
  const buttons = near.flatMap((s) => pageButton(skillLabel(s), 1, s));
  const suggestion = near.length ? ` Did you mean ${near.map((s) => fmt.bold(skillLabel(s))).join(', ')}?` : '';
  const lead = known
    ? `Nobody here lists ${fmt.bold(label)} yet.`
    : `I don't know “${text.trim()}” as a skill, and nobody here lists it.`;
  return {
    text: lead + suggestion,
    context: `Offer it yourself with ${fmt.code(`/skills offer ${label}`)}.`,
    buttons: buttons.length ? buttons : undefined,
  };
}

/** One page of the directory for a skill, typed freely (normalised through the vocabulary). */
export async function findSkill(ctx: Context, text: string, page: number, canonical?: string): Promise<Reply> {
  await noteManager(ctx);
  const { id } = ctx.community;
  const normalised = canonical ? { skill: canonical, known: true } : normaliseSkill(text);
  const { skill } = normalised;
  const offering = await ctx.store.countBySkill(id, skill, 'offer');
  const learning = await ctx.store.countBySkill(id, skill, 'need');
  if (offering + learning === 0) return nobody(text, skill, normalised.known);
  const pages = Math.max(1, Math.ceil(Math.max(offering, learning) / PAGE_SIZE));
  const current = Math.min(Math.max(1, page), pages);
  const buttons = [
    ...(current > 1 ? pageButton('← Previous', current - 1, skill) : []),
    ...(current < pages ? pageButton('Next →', current + 1, skill) : []),
  ];
  return {
    title: skillLabel(skill),
    text: `Who offers ${fmt.bold(skillLabel(skill))}, and who wants to learn it:`,
    sections: [
      await listSection(ctx, 'Offer it', skill, 'offer', current, offering),
      await listSection(ctx, 'Want to learn it', skill, 'need', current, learning),
    ],
    context: pages > 1 ? `Page ${current} of ${pages} · most recently active first` : 'Most recently active first',
    buttons: buttons.length ? buttons : undefined,
  };
}

const pageValue = z.string().transform((value, ctx) => {
  const match = /^(\d{1,4}):(.+)$/s.exec(value);
  if (!match) {
    ctx.addIssue({ code: 'custom', message: 'not a page' });
    return z.NEVER;
  }
  return { page: Number(match[1]), skill: match[2]! };
});

/** Previous / Next and "did you mean" buttons: the skill is already canonical. */
export const findPageAction = defineAction({
  id: ACTION_FIND_PAGE,
  value: pageValue,
  run: async ({ page, skill }, ctx) => ({ ...(await findSkill(ctx, skill, page, skill)), replaceOriginal: true }),
});
