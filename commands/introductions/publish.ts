/**
 * What happens to a submitted intro: published and its card posted (or updated in place), or, in approval mode,
 * sent to the managers first. Each function returns the sentence the member should read.
 *
 * Approval requests go as DMs to the managers Hallway has seen (members who used an introductions command or
 * button with admin rights; see `noteManager`), since HALLWAY_MANAGERS and platform roles are not stored. A pending
 * intro is never announced in public: when no manager is known yet, the member is told so, the intro waits in
 * `/intro review` and `/hallway stats`, and the first manager seen is told by DM (`noteManager`).
 */
import { introSettings } from './settings.ts';
import type { Context } from './kit.ts';
import type { CardSkills, IntroFields } from './store.ts';
import type { Reply } from '#core/reply.ts';
import { fmt } from '#core/text.ts';
import { formatInZone } from '#core/time.ts';
import { introCard, introSections } from './card.ts';
import { findNeighbours } from './neighbours.ts';

/** What publishing needs: a command's Context or a job's. */
export type Scope = Pick<Context, 'community' | 'store' | 'core' | 'notify' | 'now'>;

/** Button ids (the core routes clicks by these). */
export const ACTION_OPEN = 'intro.open';
export const ACTION_APPROVE = 'intro.approve';
export const ACTION_EDIT = 'intro.edit';
export const ACTION_REJECT = 'intro.reject';

/** The outbox ref of a member's intro card, so edits and forget-me update it in place. */
export const cardRef = (userId: string) => `intro-card:${userId}`;
const SET_CHANNEL = fmt.code('/hallway config intro-channel:#intros');

/** The member's own current intro: the submission waiting, else the published one. */
export async function currentIntro(scope: Scope, userId: string): Promise<IntroFields | undefined> {
  const profile = await scope.store.get(scope.community.id, userId);
  return profile?.draft ?? profile?.published;
}

/** A member's two skill lists. */
export function skillsOf(scope: Scope, userId: string) {
  return scope.store.skillLists(scope.community.id, userId);
}

/** The skills a version of an intro shows: those fixed when it was submitted (older intros: the current lists). */
export async function shownSkills(scope: Scope, userId: string, fields: IntroFields): Promise<CardSkills> {
  return fields.skills ?? (await skillsOf(scope, userId));
}

/** Posts the member's published card, or updates the one posted before. */
export async function postCard(scope: Scope, userId: string): Promise<'posted' | 'updated' | 'no_channel'> {
  const { id } = scope.community;
  const settings = introSettings(scope.community);
  const profile = await scope.store.get(id, userId);
  if (!profile?.published) throw new Error(`no published intro for ${userId}`);
  const neighbours = await findNeighbours(scope.store, id, userId);
  const card = introCard(
    { userId, fields: profile.published, ...(await shownSkills(scope, userId, profile.published)) },
    neighbours,
  );
  // Remembered so that forget-me can redraw the cards that name a member.
  const listed = () =>
    scope.store.setCardNeighbours(
      id,
      userId,
      neighbours.map((n) => n.userId),
    );
  if (profile.cardPostedAt) {
    await listed();
    scope.notify.update(id, cardRef(userId), card);
    return 'updated';
  }
  const channel = settings['intro-channel'];
  if (!channel) {
    await tellManagers(
      scope,
      `An introduction is ready, but there is no intro channel to post it in. Set one with ${SET_CHANNEL}.`,
      'no-channel',
    );
    return 'no_channel';
  }
  await listed();
  scope.notify.post(id, channel, card, { ref: cardRef(userId) });
  await scope.store.markCardPosted(id, userId, scope.now);
  return 'posted';
}

/** DMs every known manager; `topic` keeps it to one message per topic and day. */
async function tellManagers(scope: Scope, text: string, topic: string): Promise<void> {
  const day = formatInZone(scope.now, scope.community.timezone, 'date');
  for (const manager of await scope.store.managers(scope.community.id)) {
    scope.notify.dm(scope.community.id, manager, { text }, { key: `intro-managers:${topic}:${day}:${manager}` });
  }
}

/** Publishes `fields` and posts the card; returns what to tell the member. */
export async function publishIntro(
  scope: Scope,
  userId: string,
  fields: IntroFields,
  reviewedBy?: string,
): Promise<string> {
  await scope.store.publish(scope.community.id, userId, fields, scope.now, reviewedBy);
  const channel = introSettings(scope.community)['intro-channel'];
  switch (await postCard(scope, userId)) {
    case 'posted':
      return `your introduction is posted in ${fmt.channel(channel!)}.`;
    case 'updated':
      return 'your intro card now shows your changes.';
    case 'no_channel':
      return `your introduction is saved; it will be posted as soon as a manager sets the intro channel (${SET_CHANNEL}).`;
  }
}

/** The approval request a manager sees: the card, and Approve / Edit / Reject. */
export async function approvalRequest(
  scope: Scope,
  userId: string,
  draft: IntroFields,
  revision: number,
): Promise<Reply> {
  const value = `${userId}:${revision}`;
  return {
    title: 'Introduction to approve',
    text: `${fmt.user(userId)} introduced themselves. Post their card in the intro channel?`,
    sections: introSections({ userId, fields: draft, ...(await shownSkills(scope, userId, draft)) }),
    buttons: [
      { label: 'Approve', action: ACTION_APPROVE, value, style: 'primary' },
      { label: 'Edit', action: ACTION_EDIT, value },
      { label: 'Reject', action: ACTION_REJECT, value, style: 'danger' },
    ],
    mentions: [],
  };
}

/** Stores the submission and asks the managers by DM; returns what to tell the member, as things stand. */
export async function requestApproval(ctx: Context, userId: string, fields: IntroFields): Promise<string> {
  const { id } = ctx.community;
  const revision = await ctx.store.submitDraft(id, userId, fields, ctx.now);
  const managers = (await ctx.store.managers(id)).filter((m) => m !== userId);
  const request = await approvalRequest(ctx, userId, fields, revision);
  for (const manager of managers) ctx.notify.dm(id, manager, request);
  if (managers.length === 0) {
    return (
      "your introduction waits for a community manager's approval before it's posted. No manager has used Hallway " +
      "here yet, so I couldn't ask one directly: it waits in their review list, and I'll tell you when it's up."
    );
  }
  return "a community manager will look at your introduction before it's posted — I'll tell you when it's up.";
}

/**
 * A member's submission: straight to the channel, or through approval when it is on (managers skip it). The skills
 * are fixed with the text now, so that what a manager reviews is exactly what the card will show.
 */
export async function submitIntro(ctx: Context, userId: string, fields: IntroFields): Promise<string> {
  const submitted = { ...fields, skills: await skillsOf(ctx, userId) };
  if (introSettings(ctx.community).approval && !ctx.actor.isAdmin) {
    return await requestApproval(ctx, userId, submitted);
  }
  return await publishIntro(ctx, userId, submitted);
}
