/**
 * The intro forms' submit handlers. Everything is checked before anything is written, and the handler runs in the
 * dispatcher's transaction: a refused answer leaves no trace.
 */
import { introSettings } from './settings.ts';
import type { Context, FormDef } from './kit.ts';
import { inField, UserError } from '#core/errors.ts';
import type { IntroAnswer, IntroFields } from './store.ts';
import type { Reply } from '#core/reply.ts';
import { cleanLine, cleanParagraph, LIMITS, optional, parseLinks } from './clean.ts';
import { customQuestions, FORM_ABOUT, FORM_MORE, LABELS } from './forms.ts';
import { introSections } from './card.ts';
import { noteManager } from './managers.ts';
import { ACTION_OPEN, currentIntro, skillsOf, submitIntro } from './publish.ts';
import { didYouMean } from '../skills/index.ts';
import { parseSkills } from './skills-input.ts';

const EMPTY: IntroFields = { role: '', workingOn: '', links: [], answers: [] };

/** Form 1 values → the cleaned core of an intro. Pure; throws UserError. */
export function readAbout(values: Readonly<Record<string, string>>) {
  return {
    role: inField('role', () => cleanLine(values.role, LIMITS.role, LABELS.role, true)),
    workingOn: inField('working_on', () => cleanParagraph(values.working_on, LIMITS.workingOn, LABELS.workingOn, true)),
    links: inField('links', () => parseLinks(values.links, LABELS.links)),
    offers: inField('offers', () => parseSkills(values.offers, LABELS.offers)),
    needs: inField('needs', () => parseSkills(values.needs, LABELS.needs)),
  };
}

/** Form 2 values → pronouns, fun fact, answers to the questions asked now. Pure; throws UserError. */
export function readMore(
  values: Readonly<Record<string, string>>,
  questions: readonly { id: string; question: string }[],
) {
  const answers: IntroAnswer[] = questions.flatMap(({ id, question }) => {
    const answer = inField(id, () => cleanParagraph(values[id], LIMITS.answer, question));
    return answer ? [{ question, answer }] : [];
  });
  return {
    pronouns: optional(inField('pronouns', () => cleanLine(values.pronouns, LIMITS.pronouns, LABELS.pronouns))),
    funFact: optional(inField('fun_fact', () => cleanParagraph(values.fun_fact, LIMITS.funFact, LABELS.funFact))),
    answers,
  };
}

async function thanks(ctx: Context, outcome: string, notes: readonly string[], more: boolean): Promise<Reply> {
  const userId = ctx.actor.userId;
  const fields = (await currentIntro(ctx, userId)) ?? EMPTY;
  return {
    title: 'Your introduction',
    text: `Thanks! ${outcome.charAt(0).toUpperCase()}${outcome.slice(1)}`,
    sections: introSections({ userId, fields, ...(await skillsOf(ctx, userId)) }),
    context: notes.length ? notes.join('\n') : undefined,
    buttons: more ? [{ label: 'Add a bit more', action: ACTION_OPEN, value: 'more', style: 'primary' }] : undefined,
    mentions: [],
  };
}

/** "About you": replaces both skill lists and submits the intro, all or nothing. */
export const aboutSubmit: FormDef = {
  id: FORM_ABOUT,
  async submit(values, _meta, ctx) {
    await noteManager(ctx);
    const about = readAbout(values);
    const { id } = ctx.community;
    const userId = ctx.actor.userId;
    const base = (await currentIntro(ctx, userId)) ?? EMPTY;
    const fields: IntroFields = { ...base, role: about.role, workingOn: about.workingOn, links: about.links };
    await ctx.store.replaceSkills(id, userId, 'offer', about.offers.skills, ctx.now);
    await ctx.store.replaceSkills(id, userId, 'need', about.needs.skills, ctx.now);
    const outcome = await submitIntro(ctx, userId, fields);
    const notes = [about.offers, about.needs].flatMap((list) => [...list.notes, ...didYouMean(list.unknown)]);
    return thanks(ctx, outcome, notes, true);
  },
};

/** "A bit more": adds pronouns, fun fact and answers to the current intro and submits it. */
export const moreSubmit: FormDef = {
  id: FORM_MORE,
  async submit(values, _meta, ctx) {
    await noteManager(ctx);
    const base = await currentIntro(ctx, ctx.actor.userId);
    if (!base?.role) {
      throw new UserError('conflict', 'Fill in “About you” first: run /intro, then add a bit more.');
    }
    const more = readMore(values, customQuestions(introSettings(ctx.community)));
    const fields: IntroFields = { ...base, ...more };
    const outcome = await submitIntro(ctx, ctx.actor.userId, fields);
    return thanks(ctx, outcome, [], false);
  },
};
