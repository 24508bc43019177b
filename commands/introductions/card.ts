/**
 * The intro card and the profile view, as Replies. Pure. Member text goes in as literal text (the renderers escape
 * it); the only member pinged is the one introduced, by id: never anything found inside their answers.
 */
import type { IntroFields, MemberSkill } from './store.ts';
import type { Field, Reply, Section } from '#core/reply.ts';
import { fmt } from '#core/text.ts';
import type { Neighbour } from './neighbours.ts';
import { skillsText } from './skills-input.ts';

/** A member's intro as a card shows it: their words and their skills. */
export interface CardInput {
  readonly userId: string;
  readonly fields: IntroFields;
  readonly offers: readonly MemberSkill[];
  readonly needs: readonly MemberSkill[];
  /** Mentorships completed as a mentor (profiles only; the intro card leaves it out). */
  readonly mentored?: number;
}

/** Label/value pairs for what the member said, skipping what they left empty. */
function introFields(input: CardInput): Field[] {
  const { fields } = input;
  const pairs: [string, string | undefined][] = [
    ['What they do', fields.role],
    ['Working on', fields.workingOn],
    ['Offers', skillsText(input.offers)],
    ['Looking for', skillsText(input.needs)],
    ['Pronouns', fields.pronouns],
    ['Links', fields.links.map((url) => fmt.link(url)).join('\n')],
    [
      'Mentored',
      input.mentored ? `${input.mentored} ${input.mentored === 1 ? 'mentorship' : 'mentorships'} completed` : undefined,
    ],
  ];
  return pairs.filter((p): p is [string, string] => Boolean(p[1])).map(([label, value]) => ({ label, value }));
}

/** The card's sections: the intro, the fun fact, the community's questions. */
export function introSections(input: CardInput): Section[] {
  const sections: Section[] = [{ fields: introFields(input) }];
  if (input.fields.funFact) sections.push({ text: `${fmt.bold('Fun fact')}\n${input.fields.funFact}` });
  const answers = input.fields.answers.map((a) => ({ label: a.question, value: a.answer }));
  if (answers.length) sections.push({ fields: answers });
  return sections;
}

/** "You might want to meet": one line per neighbour, with the reason. */
export function neighboursSection(userId: string, neighbours: readonly Neighbour[]): Section | undefined {
  if (neighbours.length === 0) return undefined;
  const lines = neighbours.map((n) => `• ${fmt.user(n.userId)} — ${reason(userId, n)}`);
  return { text: `${fmt.bold('You might want to meet')}\n${lines.join('\n')}` };
}

function reason(userId: string, n: Neighbour): string {
  const who = fmt.user(userId);
  const gives = n.offers.length
    ? `offers ${skillsText(n.offers.map((skill) => ({ skill })))}, which ${who} is looking for`
    : '';
  const wants = n.needs.length
    ? `is looking for ${skillsText(n.needs.map((skill) => ({ skill })))}, which ${who} offers`
    : '';
  return gives && wants ? `${gives}, and ${wants}` : gives || wants;
}

/** The card posted in the intro channel. Pings the member introduced, nobody else. */
export function introCard(input: CardInput, neighbours: readonly Neighbour[]): Reply {
  const meet = neighboursSection(input.userId, neighbours);
  return {
    title: 'New introduction',
    text: `👋 Say hello to ${fmt.user(input.userId)}!`,
    sections: meet ? [...introSections(input), meet] : introSections(input),
    mentions: [input.userId],
  };
}

/** What replaces the card when the member asks Hallway to forget them. */
export const REMOVED_CARD: Reply = { text: 'This introduction was removed at the member’s request.' };

/**
 * `/profile`: a member's card as others see it (or as they see themselves, with a status line), then what other
 * features show on every profile (`recognition`, e.g. "Feedback given").
 */
export function profileReply(input: CardInput, recognition: readonly Field[], status?: string): Reply {
  const sections = introSections(input).filter((s) => s.text || s.fields?.length);
  return {
    text: `${fmt.user(input.userId)}'s profile`,
    sections: recognition.length ? [...sections, { fields: [...recognition] }] : sections,
    context: status,
  };
}
