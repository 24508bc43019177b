/** Routes non-command events to the features that handle them. */
import type { Context, Feature } from './command.ts';
import { UserError } from './errors.ts';
import type { ActionEvent, FormSubmitEvent } from './inbound.ts';
import type { Reply } from './reply.ts';

export function handleAction(features: readonly Feature[], event: ActionEvent, ctx: Context): Reply | undefined {
  const def = features.flatMap((f) => f.actions ?? []).find((a) => a.id === event.action);
  if (!def) throw new UserError('unknown_action', 'That button no longer does anything. Try the command again.');
  const parsed = def.value.safeParse(event.value);
  if (!parsed.success) throw new UserError('invalid_action', 'That button is no longer valid. Try the command again.');
  return def.run(parsed.data, ctx, { messageId: event.messageId });
}

export function handleForm(features: readonly Feature[], event: FormSubmitEvent, ctx: Context): Reply | undefined {
  const def = features.flatMap((f) => f.forms ?? []).find((f) => f.id === event.formId);
  if (!def) throw new UserError('unknown_form', 'That form has expired. Open it again.');
  return def.submit(event.values, event.meta, ctx);
}

/** Every feature greets the newcomer in its own way (the welcome DM lives in introductions). */
export function handleJoin(features: readonly Feature[], ctx: Context): Reply | undefined {
  let reply: Reply | undefined;
  for (const feature of features) reply = feature.onMemberJoined?.(ctx) ?? reply;
  return reply;
}

export function handleLeave(features: readonly Feature[], ctx: Context): undefined {
  ctx.repos.members.markLeft(ctx.community.id, ctx.actor.userId, ctx.now);
  for (const feature of features) feature.onMemberLeft?.(ctx);
  return undefined;
}

/** The member's home (Slack App Home): each feature adds its sections. */
export function handleHome(features: readonly Feature[], ctx: Context): Reply {
  const sections = features.flatMap((f) => f.home?.(ctx) ?? []);
  return {
    title: `Hallway — hi ${ctx.actor.displayName}`,
    text: sections.length ? 'Your corner of the community.' : 'Introduce yourself with /intro to get started.',
    sections,
  };
}
