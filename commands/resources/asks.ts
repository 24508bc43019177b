/**
 * "Does anyone have a tripod?" Nobody listed one, so Hallway asks up to three members who own similar things or
 * offer a related skill, spreading the load as feedback routing does (the same order: fit, then how busy, then who
 * was asked longest ago). The first yes connects the two by DM; an ask nobody answered (or everyone declined) is
 * offered once in the feedback channel.
 */
import type { Context } from './kit.ts';
import { UserError } from '#core/errors.ts';
import type { Reply } from '#core/reply.ts';
import { fmt, plural } from '#core/text.ts';
import { type RankedCandidate, rankReviewers } from '../feedback/index.ts';
import { exactSkill, relatedSkills } from '../skills/index.ts';
import { label, type ResourceEnv, usesText } from './format.ts';
import type { AskRecord, ResourceRecord } from './store.ts';

/** Members asked at once. */
export const MAX_HELPERS = 3;
/** Asks received within this window count as recent when spreading the load. */
const RECENT_MS = 14 * 86_400_000;
/** Offerers read per tier: plenty to rank from. */
const OFFERERS = 50;
/** Resources read to find similar things: a community library. */
const LIBRARY = 500;

export const askRef = (askId: number, userId: string) => `resource-ask:${askId}:${userId}`;
export const askPostRef = (askId: number) => `resource-ask-post:${askId}`;

const STOP = new Set(['the', 'and', 'for', 'with', 'some', 'any', 'one', 'our', 'your', 'that', 'this', 'who', 'can']);

/** The words that say what it is ("a camera tripod" → camera, tripod), plurals folded. */
export function significantWords(text: string): string[] {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  const keys = words
    .filter((w) => w.length >= 3 && !STOP.has(w))
    .map((w) => (w.length > 4 && w.endsWith('s') && !w.endsWith('ss') ? w.slice(0, -1) : w));
  return [...new Set(keys)];
}

/** Skills of the vocabulary named in the text: phrases of three, two, then one word. */
export function skillsIn(text: string): string[] {
  const words = text.toLowerCase().match(/[\p{L}\p{N}+#'-]+/gu) ?? [];
  const found = new Set<string>();
  for (let size = 3; size >= 1; size--) {
    for (let i = 0; i + size <= words.length; i++) {
      const skill = exactSkill(words.slice(i, i + size).join(' '));
      if (skill !== undefined) found.add(skill);
    }
  }
  return [...found];
}

const wordsOf = (r: ResourceRecord) => new Set(significantWords(`${r.name} ${r.description ?? ''}`));

/** Members to ask, best first: owners of similar things and offerers of the skills named, then related skills. */
async function chooseHelpers(env: ResourceEnv, ask: AskRecord, library: readonly ResourceRecord[]) {
  const words = significantWords(ask.what);
  const owners = library
    .filter((r) => r.ownerUserId && [...wordsOf(r)].some((w) => words.includes(w)))
    .map((r) => r.ownerUserId!);
  const skills = skillsIn(ask.what);
  const related = [...new Set(skills.flatMap((s) => relatedSkills(s)))].filter((s) => !skills.includes(s));
  const first = new Set([...owners, ...(await env.store.skillOfferers(env.community.id, skills, OFFERERS))]);
  const second = new Set(await env.store.skillOfferers(env.community.id, related, OFFERERS));
  const tiers = new Map<string, 0 | 1>();
  for (const id of first) tiers.set(id, 0);
  for (const id of second) if (!tiers.has(id)) tiers.set(id, 1);
  tiers.delete(ask.asker);
  for (const id of [...tiers.keys()]) {
    if ((await env.core.members.get(env.community.id, id))?.leftAt) tiers.delete(id);
  }
  const since = new Date(env.now.getTime() - RECENT_MS);
  const loads = new Map(
    (await env.store.helperLoads(env.community.id, [...tiers.keys()], since)).map((l) => [l.userId, l]),
  );
  const candidates: RankedCandidate[] = [...tiers].map(([userId, tier]) => ({
    openAsks: 0,
    recentAsks: 0,
    ...loads.get(userId),
    userId,
    tier,
    skills: [],
  }));
  return rankReviewers(candidates)
    .slice(0, MAX_HELPERS)
    .map((c) => c.userId);
}

function askMessage(ask: AskRecord): Reply {
  return {
    text: `${fmt.user(ask.asker)} is looking for “${ask.what}”. Do you have one to lend or share?`,
    buttons: [
      { label: 'I have one', action: 'resource.have', value: String(ask.id), style: 'primary' },
      { label: 'Not me', action: 'resource.not-me', value: String(ask.id) },
    ],
    mentions: [],
  };
}

/** `/resource ask what:"a tripod"`. */
export async function askForThing(ctx: Context, what: string): Promise<Reply> {
  const words = significantWords(what);
  if (words.length === 0) {
    throw new UserError('invalid_input', 'Tell me what you are looking for, in a word or two, e.g. "a tripod".');
  }
  const library = await ctx.store.listResources(ctx.community.id, {}, LIBRARY);
  const listed = library.filter((r) => words.every((w) => wordsOf(r).has(w)));
  if (listed.length > 0) {
    const lines = listed.slice(0, 5).map((r) => `• ${label(r)}: ${usesText(r)} (\`/resource show ${r.name}\`)`);
    return { text: `The library already has it:\n${lines.join('\n')}` };
  }
  const ask = await ctx.store.createAsk({ community: ctx.community.id, userId: ctx.actor.userId, what, now: ctx.now });
  const helpers = await chooseHelpers(ctx, ask, library);
  for (const helper of helpers) {
    if (!(await ctx.store.addAskReply(ctx.community.id, ask.id, helper, ctx.now))) continue;
    const ref = askRef(ask.id, helper);
    ctx.notify.dm(ctx.community.id, helper, askMessage(ask), { key: ref, ref });
  }
  if (helpers.length > 0) {
    return {
      text: `I asked ${plural(helpers.length, 'member')} who might have “${what}”. The first to say yes will be put in touch with you.`,
    };
  }
  const channel = await offerPublicly(ctx, ask, false);
  return {
    text: channel
      ? `Nobody here obviously has “${what}”, so I asked in ${fmt.channel(channel)}.`
      : `Nobody here obviously has “${what}”, and there is no feedback channel to ask in. Sorry!`,
  };
}

/**
 * Offers an ask once in the feedback channel (owned by the feedback feature; read by its public setting name). With
 * no channel the ask closes. Returns the channel posted in. `tell`: DM the asker (not when they are being answered).
 */
export async function offerPublicly(env: ResourceEnv, ask: AskRecord, tell: boolean): Promise<string | undefined> {
  const channel = env.community.settings['feedback-channel'] as string | undefined;
  const to = channel ? 'posted' : 'closed';
  if (!(await env.store.setAskStatus(env.community.id, ask.id, ['open'], to, env.now))) return undefined;
  const nobody = `Nobody I asked had “${ask.what}”`;
  if (channel) {
    const ref = askPostRef(ask.id);
    env.notify.post(
      env.community.id,
      channel,
      {
        text: `Does anyone have “${ask.what}” to lend or share? ${fmt.user(ask.asker)} is looking for one.`,
        buttons: [{ label: 'I have one', action: 'resource.have', value: String(ask.id), style: 'primary' }],
        mentions: [],
      },
      { key: ref, ref },
    );
  }
  if (tell) {
    const text = channel ? `${nobody}, so I asked in ${fmt.channel(channel)}.` : `${nobody}. Sorry!`;
    env.notify.dm(env.community.id, ask.asker, { text }, { key: `resource-ask-offered:${ask.id}:${ask.asker}` });
  }
  return channel;
}

/** Closes the answers still awaited (their DMs say so). */
export async function closeAwaited(env: ResourceEnv, ask: AskRecord, why: string, except?: string): Promise<void> {
  for (const r of await env.store.listAskReplies(env.community.id, ask.id)) {
    if (r.userId === except || r.status !== 'asked') continue;
    if (!(await env.store.answerAsk(env.community.id, ask.id, r.userId, ['asked'], 'closed', env.now))) continue;
    const ref = askRef(ask.id, r.userId);
    env.notify.update(env.community.id, ref, { text: why }, { key: `${ref}:closed` });
  }
}
