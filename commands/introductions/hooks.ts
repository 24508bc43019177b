/** The introductions feature's part in the shared flows: leaving, forget-me, export, home, autocomplete. */
import { randomUUID } from 'node:crypto';
import type { Deleted } from '#core/command.ts';
import type { Context } from './kit.ts';
import type { Section } from '#core/reply.ts';
import { fmt, plural } from '#core/text.ts';
import { skillLabel, suggestSkills } from '../skills/index.ts';
import { REMOVED_CARD } from './card.ts';
import { statusLine } from './profile.command.ts';
import { cardRef, skillsOf } from './publish.ts';
import { skillsText } from './skills-input.ts';

/**
 * A member left: the core set `members.left_at`, which every directory, complement and reminder query checks, so
 * they are already hidden. Here they stop being a manager approval requests go to.
 */
export async function memberLeft(ctx: Context): Promise<void> {
  await ctx.store.noteManager(ctx.community.id, ctx.actor.userId, false, ctx.now);
}

/**
 * Forget-me: deletes the profile and skills, and blanks the intro card if one was posted. The card's ref carries
 * the member's id, so it is first moved to an anonymous name: once blanked, nothing stored names them. A card still
 * queued (never sent) has no ref yet: forget-me deletes the queued post instead.
 */
export async function forgetMember(ctx: Context, userId: string): Promise<Deleted> {
  const { id } = ctx.community;
  const profile = await ctx.store.get(id, userId);
  const anonymous = `removed-card:${randomUUID()}`;
  if (profile?.cardPostedAt && (await ctx.core.messageRefs.rename(id, cardRef(userId), anonymous))) {
    ctx.notify.update(id, anonymous, REMOVED_CARD);
  }
  const deleted = await ctx.store.deleteMember(ctx.community.id, userId);
  return { introduction: deleted.profile, skills: deleted.skills };
}

/** Admin export: this community's profiles, skills and managers seen. */
export async function exportIntroductions(ctx: Context) {
  return await ctx.store.exportRows(ctx.community.id);
}

/** Home: the member's intro status and skills; for managers, what waits for approval. */
export async function homeSections(ctx: Context): Promise<Section[]> {
  const { id } = ctx.community;
  const userId = ctx.actor.userId;
  const profile = await ctx.store.get(id, userId);
  const { offers, needs } = await skillsOf(ctx, userId);
  const sections: Section[] = [
    {
      text: `${fmt.bold('Your introduction')} — ${statusLine(profile)}`,
      fields: [
        { label: 'You offer', value: skillsText(offers) || '— (/skills offer …)' },
        { label: "You're looking for", value: skillsText(needs) || '— (/skills need …)' },
      ],
    },
  ];
  if (ctx.actor.isAdmin) {
    await ctx.store.noteManager(id, userId, true, ctx.now);
    const waiting = await ctx.store.countPending(id);
    if (waiting > 0) sections.push({ text: `${plural(waiting, 'introduction')} waiting for approval: /intro review.` });
  }
  return sections;
}

/** `skills` suggestions: what this community lists first, then the vocabulary. */
export async function autocompleteSkills(source: string, prefix: string, ctx: Context) {
  if (source !== 'skills') return undefined;
  // A comma-separated list completes its last item.
  const done = prefix.includes(',') ? prefix.slice(0, prefix.lastIndexOf(',') + 1) + ' ' : '';
  const last = prefix.slice(done.trimEnd().length).trim();
  const local = await ctx.store.knownSkills(ctx.community.id, last.toLowerCase(), 25);
  const more = last ? suggestSkills(last, 25).filter((s) => !local.includes(s)) : [];
  return [...local, ...more].slice(0, 25).map((skill) => {
    const value = `${done}${skillLabel(skill)}`.slice(0, 100);
    return { name: value, value };
  });
}
