/**
 * Adding a resource. Managers add the community's own things (or name a member as the owner); any member adds
 * their own things to lend. A name is unique per community whatever its case: the database refuses a second one.
 */
import type { Context } from './kit.ts';
import { UserError } from '#core/errors.ts';
import type { Reply } from '#core/reply.ts';
import { fmt } from '#core/text.ts';
import { cardChannel, postCard } from './card.ts';
import { label, ownerText, usesText } from './format.ts';
import { assertKnownMember } from './lookup.ts';
import type { ResourceKind } from './store.ts';

export const LIMITS = { name: 80, where: 200, description: 1000 } as const;

/** Letters and digits first, then words with a little punctuation: a name members type and Discord suggests. */
const NAME = /^[\p{L}\p{N}][\p{L}\p{N}\p{M} '’.,&()/+-]*$/u;

export interface AddInput {
  readonly name: string;
  readonly kind?: ResourceKind;
  readonly where?: string;
  readonly description?: string;
  readonly bookable?: boolean;
  readonly lendable?: boolean;
  readonly owner?: string;
  readonly training?: boolean;
}

function checkName(raw: string): string {
  const name = raw.trim().replace(/\s+/g, ' ');
  if (Array.from(name).length > LIMITS.name) {
    throw new UserError('too_long', `A resource name is at most ${LIMITS.name} characters.`);
  }
  if (!NAME.test(name) || /^\d+$/.test(name)) {
    throw new UserError(
      'invalid_input',
      "A resource name starts with a letter or digit and uses words, digits and - ' . , & ( ) / + (no mentions or markup), e.g. `Photo studio`.",
    );
  }
  return name;
}

/** A member adds their own thing to lend; only managers add bookable or community resources. */
function memberUse(ctx: Context, input: AddInput) {
  if (input.owner !== undefined && input.owner !== ctx.actor.userId) {
    throw new UserError('not_allowed', 'You can add your own things; only community managers add things for others.');
  }
  if (input.bookable === true) {
    throw new UserError(
      'not_allowed',
      'Only community managers add bookable resources (rooms, machines). Add something of yours to lend with `lendable:yes`.',
    );
  }
  if (input.lendable === false) {
    throw new UserError('invalid_input', 'Things members add are lent: leave out `lendable:no`.');
  }
  return { ownerUserId: ctx.actor.userId, bookable: false, lendable: true };
}

/** A manager's resource: the community's (or the named owner's); bookable or lendable by kind unless told. */
async function managerUse(ctx: Context, input: AddInput) {
  if (input.owner !== undefined) await assertKnownMember(ctx, input.owner);
  const lentByDefault = input.owner !== undefined || input.kind === 'tool' || input.kind === 'book';
  const bookable = input.bookable ?? (input.lendable === undefined ? !lentByDefault : !input.lendable);
  const lendable = input.lendable ?? (input.bookable === undefined ? lentByDefault : !input.bookable);
  if (!bookable && !lendable) {
    throw new UserError(
      'invalid_input',
      'A resource is bookable, lendable or both: say `bookable:yes` or `lendable:yes`.',
    );
  }
  return { ownerUserId: input.owner, bookable, lendable };
}

export async function addResource(ctx: Context, input: AddInput): Promise<Reply> {
  const name = checkName(input.name);
  const use = ctx.actor.isAdmin ? await managerUse(ctx, input) : memberUse(ctx, input);
  const resource = await ctx.store.addResource({
    community: ctx.community.id,
    name,
    kind: input.kind ?? 'other',
    location: input.where || undefined,
    description: input.description || undefined,
    trainingRequired: input.training ?? false,
    ...use,
    createdBy: ctx.actor.userId,
    now: ctx.now,
  });
  if (!resource) {
    const existing = await ctx.store.findResourceByName(ctx.community.id, name);
    throw new UserError(
      'conflict',
      `There is already a resource called "${existing?.name ?? name}" here: see \`/resource show ${existing?.name ?? name}\`.`,
    );
  }
  const channel = await postCard(ctx, resource, cardChannel(ctx, ctx.channelId));
  const where = channel ? `Its card is in ${fmt.channel(channel)}.` : 'No channel to post its card in.';
  const training = resource.trainingRequired ? ' Members need training first (`/resource train`).' : '';
  return {
    text: `Added ${label(resource)} (${resource.kind}, owner: ${ownerText(resource)}): members can ${usesText(resource)}.${training}`,
    context: where,
    mentions: [],
  };
}
