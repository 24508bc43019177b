/** `/mentor find skill:` — mentors with room for a skill, best fit first, each with the reason. */
import { UserError } from '#core/errors.ts';
import type { Reply } from '#core/reply.ts';
import { fmt } from '#core/text.ts';
import { displaySkill, normaliseSkill, suggestSkills } from '../skills/index.ts';
import type { Context } from './kit.ts';
import { mentorsWithRoom } from './candidates.ts';
import { nameOf } from './flow.ts';
import { askButton, candidateLines } from './messages.ts';

/** At most this many mentors are shown (and get an "Ask" button: Discord fits five in a row). */
const SHOWN = 5;

export async function findMentors(ctx: Context, text: string): Promise<Reply> {
  const wanted = normaliseSkill(text);
  if (!wanted.skill) throw new UserError('invalid_input', 'Name a skill, e.g. /mentor find skill:pricing.');
  const label = displaySkill(wanted.skill, wanted.term);
  const found = await mentorsWithRoom(ctx, ctx.actor.userId, wanted.skill, { limit: SHOWN });
  if (found.length === 0) {
    const maybe = wanted.known ? [] : suggestSkills(text, 3);
    const hint = maybe.length ? ` Did you mean ${maybe.map((s) => fmt.code(s)).join(', ')}?` : '';
    return {
      text: `No mentor has room for ${fmt.bold(label)} right now.${hint}`,
      context: `Ask anyway with /mentor request about:"…" skill:"${label}": the weekly mentor round matches waiting requests as places open.`,
    };
  }
  const buttons = [];
  for (const c of found) buttons.push(askButton(c.offer.userId, await nameOf(ctx, c.offer.userId), wanted.skill));
  return {
    title: `Mentors for ${label}`,
    text: `${found.length === 1 ? 'One mentor has' : `${found.length} mentors have`} room for ${fmt.bold(label)}, best fit first:`,
    sections: [{ text: candidateLines(found, label) }],
    context: 'Ask one with the button, or /mentor request @member about:"…".',
    buttons,
  };
}
