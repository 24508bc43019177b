/** The introductions feature's part in the shared flows: leaving, forget-me, export, home, autocomplete. */
import { randomUUID } from 'node:crypto';
import type { Context, Deleted } from '#core/command.ts';
import type { Section } from '#core/reply.ts';
import { fmt } from '#core/text.ts';
import { skillLabel, suggestSkills } from '../skills/index.ts';
import { REMOVED_CARD } from './card.ts';
import { statusLine } from './profile.command.ts';
import { cardRef, skillsOf } from './publish.ts';
import { skillsText } from './skills-input.ts';

/**
 * A member left: the core set `members.left_at`, which every directory, complement and reminder query checks, so
 * they are already hidden. Here they stop being a manager approval requests go to.
 */
export function memberLeft(ctx: Context): void {
  ctx.repos.profiles.noteManager(ctx.community.id, ctx.actor.userId, false, ctx.now);
}

/**
 * Forget-me: deletes the profile and skills, and blanks the intro card if one was posted. The card's ref carries
 * the member's id, so it is first moved to an anonymous name: once blanked, nothing stored names them. A card still
 * queued (never sent) has no ref yet: forget-me deletes the queued post instead.
 */
export function forgetMember(ctx: Context, userId: string): Deleted {
  const { id } = ctx.community;
  const profile = ctx.repos.profiles.get(id, userId);
  const anonymous = `removed-card:${randomUUID()}`;
  if (profile?.cardPostedAt && ctx.repos.messageRefs.rename(id, cardRef(userId), anonymous)) {
    ctx.notify.update(id, anonymous, REMOVED_CARD);
  }
  const deleted = ctx.repos.profiles.deleteMember(ctx.community.id, userId);
  return { introduction: deleted.profile, skills: deleted.skills };
}

/** Admin export: this community's profiles, skills and managers seen. */
export function exportIntroductions(ctx: Context) {
  return ctx.repos.profiles.exportRows(ctx.community.id);
}

/** Home: the member's intro status and skills; for managers, what waits for approval. */
export function homeSections(ctx: Context): Section[] {
  const { id } = ctx.community;
  const userId = ctx.actor.userId;
  const profile = ctx.repos.profiles.get(id, userId);
  const { offers, needs } = skillsOf(ctx, userId);
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
    ctx.repos.profiles.noteManager(id, userId, true, ctx.now);
    const waiting = ctx.repos.profiles.countPending(id);
    if (waiting > 0) sections.push({ text: `${waiting} introduction(s) waiting for approval: /intro review.` });
  }
  return sections;
}

/** `skills` suggestions: what this community lists first, then the vocabulary. */
export function autocompleteSkills(source: string, prefix: string, ctx: Context) {
  if (source !== 'skills') return undefined;
  // A comma-separated list completes its last item.
  const done = prefix.includes(',') ? prefix.slice(0, prefix.lastIndexOf(',') + 1) + ' ' : '';
  const last = prefix.slice(done.trimEnd().length).trim();
  const local = ctx.repos.profiles.knownSkills(ctx.community.id, last.toLowerCase(), 25);
  const more = last ? suggestSkills(last, 25).filter((s) => !local.includes(s)) : [];
  return [...local, ...more].slice(0, 25).map((skill) => {
    const value = `${done}${skillLabel(skill)}`.slice(0, 100);
    return { name: value, value };
  });
}
