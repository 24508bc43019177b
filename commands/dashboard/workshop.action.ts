/**
 * "Suggest a workshop" on the dashboard's Skills page: the manager gets, by DM, a draft skill-share post for a skill
 * many members need, with a button per member who offers it that drafts the meetup (the digest's button).
 */
import { z } from 'zod';
import { UserError } from '#core/errors.ts';
import { fmt, truncate } from '#core/text.ts';
import { planSessionButton } from '../meetups/index.ts';
import { skillLabel } from '../skills/index.ts';
import { defineAction } from './kit.ts';

/** Buttons in the DM: one per offerer, at most this many. */
const HOSTS = 3;

export const workshopAction = defineAction({
  id: 'dashboard.workshop',
  value: z.string().min(1).max(80),
  async run(skill, ctx) {
    if (!ctx.actor.isAdmin) throw new UserError('not_allowed', 'Only community managers can suggest workshops.');
    const { id: community } = ctx.community;
    const demand = await ctx.store.skillDemand(community, skill);
    const hosts = await ctx.store.offerers(community, skill, HOSTS);
    const label = skillLabel(skill);
    if (!demand || hosts.length === 0) {
      throw new UserError('conflict', `Nobody here offers ${label} at the moment, so there is no one to host it yet.`);
    }
    const people = demand.needs === 1 ? '1 member wants' : `${demand.needs} members want`;
    const names = hosts.map((h) => fmt.user(h.userId)).join(', ');
    ctx.notify.dm(
      community,
      ctx.actor.userId,
      {
        title: `Skill-share idea: ${label}`,
        text: `${people} to learn ${label}, and ${names} ${hosts.length === 1 ? 'offers' : 'offer'} it. A post you could adapt:`,
        sections: [
          {
            text: fmt.italic(
              `Skill-share: ${label}. ${people} to learn it and we have someone who knows it well here. Join a relaxed session to learn the basics together — bring questions!`,
            ),
          },
        ],
        buttons: hosts.map((h) => planSessionButton(h.userId, skill, truncate(`Plan it with ${h.name}`, 40))),
        mentions: [],
      },
      { key: `dashboard-workshop:${skill}:${ctx.now.getTime()}` },
    );
    return { text: `I sent you a draft ${label} skill-share by DM, with a button to plan it with whoever hosts it.` };
  },
});
