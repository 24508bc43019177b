/**
 * The intro forms as data. Discord modals hold at most five fields, so the intro is two forms: "About you" (the
 * card's substance) and, from a button after it, "A bit more" (pronouns, a fun fact, the community's questions).
 * Both are prefilled with what the member said last, so running `/intro` again edits.
 */
import type { IntroFields, MemberSkill } from './store.ts';
import type { Form, FormField } from '#core/reply.ts';
import type { IntroSettings } from './settings.ts';
import { truncate } from '#core/text.ts';
import { LIMITS } from './clean.ts';
import { skillsText } from './skills-input.ts';

/** Form ids (the core routes `form_submit` by these). */
export const FORM_ABOUT = 'intro.about';
export const FORM_MORE = 'intro.more';
export const FORM_REVIEW_EDIT = 'intro.review-edit';
export const FORM_REJECT = 'intro.reject';

/** Discord's limits on a modal field's label and placeholder. */
const LABEL_MAX = 45;
const PLACEHOLDER_MAX = 100;

/** Field labels, also used in validation messages so the member knows which field to fix. */
export const LABELS = {
  role: 'What you do',
  workingOn: "What you're working on now",
  offers: 'Skills you offer',
  needs: "Skills you're looking for",
  links: 'Links (portfolio, site)',
  pronouns: 'Pronouns',
  funFact: 'A fun fact',
} as const;

/** The community's custom questions (`intro-question-1..3`) that are set, as field id → question. */
export function customQuestions(
  settings: Pick<IntroSettings, `intro-question-${1 | 2 | 3}`>,
): { id: string; question: string }[] {
  const keys = ['intro-question-1', 'intro-question-2', 'intro-question-3'] as const;
  return keys.flatMap((key, i) => {
    const question = settings[key]?.trim();
    return question ? [{ id: `q${i + 1}`, question }] : [];
  });
}

function field(id: string, label: string, kind: FormField['kind'], max: number, extra: Partial<FormField> = {}) {
  return { id, label, kind, required: false, maxLength: max, ...extra } satisfies FormField;
}

/** Form 1: what you do, working on, offers, looking for, links. */
export function aboutForm(
  current: IntroFields | undefined,
  offers: readonly MemberSkill[],
  needs: readonly MemberSkill[],
): Form {
  return {
    formId: FORM_ABOUT,
    title: 'About you',
    submitLabel: 'Introduce me',
    fields: [
      field('role', LABELS.role, 'short', LIMITS.role, {
        required: true,
        placeholder: 'Illustrator, sound designer, zine maker…',
        initial: current?.role,
      }),
      field('working_on', LABELS.workingOn, 'long', LIMITS.workingOn, { required: true, initial: current?.workingOn }),
      field('offers', LABELS.offers, 'long', LIMITS.skillsText, {
        placeholder: 'Comma-separated: photography, layout design',
        initial: skillsText(offers) || undefined,
      }),
      field('needs', LABELS.needs, 'long', LIMITS.skillsText, {
        placeholder: 'Comma-separated: risograph printing, mixing',
        initial: skillsText(needs) || undefined,
      }),
      field('links', LABELS.links, 'long', LIMITS.links, {
        placeholder: 'https://… (up to five, one per line)',
        initial: current?.links.join('\n') || undefined,
      }),
    ],
  };
}

/** Form 2: pronouns, a fun fact, and up to three custom questions. */
export function moreForm(current: IntroFields | undefined, settings: IntroSettings): Form {
  const questions = customQuestions(settings).map(({ id, question }) =>
    field(id, truncate(question, LABEL_MAX), 'long', LIMITS.answer, {
      placeholder: truncate(question, PLACEHOLDER_MAX),
      initial: current?.answers.find((a) => a.question === question)?.answer,
    }),
  );
  return {
    formId: FORM_MORE,
    title: 'A bit more',
    submitLabel: 'Save',
    fields: [
      field('pronouns', LABELS.pronouns, 'short', LIMITS.pronouns, {
        placeholder: 'she/her, they/them…',
        initial: current?.pronouns,
      }),
      field('fun_fact', LABELS.funFact, 'long', LIMITS.funFact, { initial: current?.funFact }),
      ...questions,
    ],
  };
}

/** A manager's edit of a submission before approving it (`meta` names the submission). */
export function reviewEditForm(draft: IntroFields, meta: string): Form {
  return {
    formId: FORM_REVIEW_EDIT,
    title: 'Edit and approve',
    submitLabel: 'Approve',
    meta,
    fields: [
      field('role', LABELS.role, 'short', LIMITS.role, { required: true, initial: draft.role }),
      field('working_on', LABELS.workingOn, 'long', LIMITS.workingOn, { required: true, initial: draft.workingOn }),
      field('links', LABELS.links, 'long', LIMITS.links, { initial: draft.links.join('\n') || undefined }),
      field('pronouns', LABELS.pronouns, 'short', LIMITS.pronouns, { initial: draft.pronouns }),
      field('fun_fact', LABELS.funFact, 'long', LIMITS.funFact, { initial: draft.funFact }),
    ],
  };
}

/** Why a submission is refused (optional; the member sees it). */
export function rejectForm(meta: string): Form {
  return {
    formId: FORM_REJECT,
    title: 'Not this time',
    submitLabel: 'Send',
    meta,
    fields: [
      field('reason', 'A note for the member (optional)', 'long', 300, {
        placeholder: 'What to change before sending it again',
      }),
    ],
  };
}
