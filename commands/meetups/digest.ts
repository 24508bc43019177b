/**
 * The weekly digest ("the weekly nudge"): one post to the meetup channel with this week's meetups, the newest
 * members, what is new and most booked in the shared-resources library, and one skill-share idea — a skill several
 * members need and someone offers, with a button that drafts the meetup for the member who offers it. Nobody is
 * pinged: the post names people without mentioning them.
 */
import type { SkillShareIdea } from './store.ts';
import type { Button, Reply, Section } from '#core/reply.ts';
import { fmt, truncate } from '#core/text.ts';
import { skillLabel } from '../skills/index.ts';
import { librarySections } from './digest-library.ts';
import { countsText, type MeetupEnv, names, summaryLine, tally } from './format.ts';

const WEEK = 7 * 86_400_000;
/** An idea needs at least this many members asking for the skill. */
export const MIN_NEEDS = 2;
const LIMIT = 10;

/** Rotates through the strongest ideas week by week, so the same one does not come back every Monday. */
export function pickIdea(ideas: readonly SkillShareIdea[], now: Date): SkillShareIdea | undefined {
  if (ideas.length === 0) return undefined;
  return ideas[Math.floor(now.getTime() / WEEK) % ideas.length];
}

async function meetupsSection(env: MeetupEnv): Promise<Section> {
  const repo = env.store;
  const soon = (await repo.listStartingBetween(env.community.id, env.now, new Date(env.now.getTime() + WEEK))).slice(
    0,
    LIMIT,
  );
  if (soon.length === 0) {
    return { text: `${fmt.bold('This week')}\nNothing planned yet — start something with \`/meetup create\`.` };
  }
  const lines: string[] = [];
  for (const m of soon) {
    const counts = countsText(m, tally(await repo.listRsvps(env.community.id, m.id)));
    lines.push(`• ${summaryLine(m, env.community.timezone)} (${counts})`);
  }
  return { text: `${fmt.bold('This week')}\n${lines.join('\n')}` };
}

async function newcomersSection(env: MeetupEnv): Promise<Section | undefined> {
  const since = new Date(env.now.getTime() - WEEK);
  const newcomers = await env.store.newestMembers(env.community.id, since, LIMIT);
  if (newcomers.length === 0) return undefined;
  return { text: `${fmt.bold('New faces')}\n${names(newcomers.map((m) => m.userId))} — say hello!` };
}

/** "4 people want to learn screen printing; Ana offers it — host a session?" */
export function ideaText(idea: SkillShareIdea): string {
  const host = idea.offerers[0]!;
  return `${idea.needCount} people want to learn ${skillLabel(idea.skill)}; ${fmt.user(host)} offers it — host a session?`;
}

/**
 * The button that drafts a skill-share meetup hosted by `host` (a create form filled in; only the host or a manager
 * may open it). Its value carries the host and the skill's words, ≤ 80 characters in all.
 */
export function planSessionButton(host: string, skill: string, label = 'Plan this session'): Button {
  const value = `${host}|${truncate(skillLabel(skill), 79 - host.length)}`;
  return { label, action: 'meetup.draft', value, style: 'primary' };
}

/** The digest post for the week of `env.now`. */
export async function buildDigest(env: MeetupEnv): Promise<Reply> {
  const sections: Section[] = [await meetupsSection(env)];
  const newcomers = await newcomersSection(env);
  if (newcomers) sections.push(newcomers);
  sections.push(...(await librarySections(env)));
  const idea = pickIdea(await env.store.skillShareIdeas(env.community.id, MIN_NEEDS, LIMIT), env.now);
  const buttons = [];
  if (idea) {
    sections.push({ text: `${fmt.bold('Skill-share idea')}\n${ideaText(idea)}` });
    buttons.push(planSessionButton(idea.offerers[0]!, idea.skill));
  }
  return {
    title: 'This week in the community',
    text: 'Your weekly Hallway digest: meetups, new faces and an idea.',
    sections,
    buttons,
    mentions: [],
  };
}
