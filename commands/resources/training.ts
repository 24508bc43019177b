/**
 * Training gates: a resource with `training:yes` is booked and borrowed only by its owner and the members someone
 * trained (`/resource train`, by a manager or the owner). Everyone else is told who can train them.
 */
import type { Context } from './kit.ts';
import { UserError } from '#core/errors.ts';
import type { Reply } from '#core/reply.ts';
import { fmt } from '#core/text.ts';
import { label, type ResourceEnv } from './format.ts';
import { assertCanManage, assertKnownMember } from './lookup.ts';
import type { ResourceRecord } from './store.ts';

/** Who to ask for training, in words. */
function trainers(resource: ResourceRecord): string {
  return resource.ownerUserId ? `${fmt.user(resource.ownerUserId)} or a community manager` : 'a community manager';
}

/** Refuses a member who needs training for this resource and has none. */
export async function assertMayUse(
  env: ResourceEnv & Pick<Context, 'actor'>,
  resource: ResourceRecord,
  verb: 'book' | 'borrow',
): Promise<void> {
  if (!resource.trainingRequired) return;
  const userId = env.actor.userId;
  if (userId === resource.ownerUserId) return;
  if (await env.store.isTrained(env.community.id, resource.id, userId)) return;
  throw new UserError(
    'not_allowed',
    `You need a short training before you ${verb} ${resource.name}. Ask ${trainers(resource)} to train you: they can then run \`/resource train\`.`,
  );
}

/** `/resource train @member <resource>`: managers, or the owner of the resource. */
export async function train(ctx: Context, resource: ResourceRecord, userId: string): Promise<Reply> {
  assertCanManage(ctx, resource, 'train members on');
  if (!resource.trainingRequired) {
    throw new UserError(
      'conflict',
      `${resource.name} needs no training: anyone may ${resource.bookable ? 'book' : 'borrow'} it.`,
    );
  }
  if (userId === resource.ownerUserId) {
    throw new UserError('conflict', `${fmt.user(userId)} owns ${resource.name}: owners need no training.`);
  }
  await assertKnownMember(ctx, userId);
  const added = await ctx.store.addTraining(ctx.community.id, resource.id, userId, ctx.actor.userId, ctx.now);
  if (!added) return { text: `${fmt.user(userId)} was already trained on ${label(resource)}.`, mentions: [] };
  const how = resource.bookable
    ? `book it with \`/resource book ${resource.name}\``
    : `borrow it with \`/resource borrow ${resource.name}\``;
  ctx.notify.dm(ctx.community.id, userId, {
    text: `${fmt.user(ctx.actor.userId)} trained you on ${label(resource)}: you can now ${how}.`,
    mentions: [],
  });
  return { text: `${fmt.user(userId)} may now use ${label(resource)}. I let them know.`, mentions: [] };
}
