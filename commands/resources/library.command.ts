/** The library itself: add, list, show, train, remove. */
import { z } from 'zod';
import { defineSubcommand } from './kit.ts';
import { opt } from '#core/options.ts';
import { addResource, LIMITS } from './add.ts';
import { listReply } from './browse.ts';
import { detailsReply } from './details.ts';
import { findResource, resourceOption } from './lookup.ts';
import { removeReply } from './remove.ts';
import { RESOURCE_KINDS } from './store.ts';
import { train } from './training.ts';

export const addSubcommand = defineSubcommand({
  description: 'Add a resource: managers add the community’s, members their own things to lend',
  examples: [
    'add name:Risograph kind:equipment where:"Print room" bookable:yes training:yes',
    'add name:"Photo studio" kind:space where:"Second floor"',
    'add name:Tripod kind:equipment lendable:yes',
  ],
  args: z.object({
    name: opt.string('Its name, e.g. Risograph (unique here)', { max: LIMITS.name }),
    kind: opt.choice('What it is', RESOURCE_KINDS).optional(),
    where: opt.string('Where it is kept', { max: LIMITS.where }).optional(),
    description: opt.string('A few words about it', { max: LIMITS.description }).optional(),
    bookable: opt.boolean('Booked for a time slot (rooms, machines)').optional(),
    lendable: opt.boolean('Taken away and brought back (tools, books)').optional(),
    owner: opt.user('Whose it is (managers; default: the community’s)').optional(),
    training: opt.boolean('Only trained members may use it').optional(),
  }),
  run: async (args, ctx) => addResource(ctx, args),
});

export const listSubcommand = defineSubcommand({
  description: 'What the library holds, and what is free now or at a time',
  examples: ['list', 'list kind:space', 'list free:"fri 14:00"'],
  args: z.object({
    kind: opt.choice('Only this kind', RESOURCE_KINDS).optional(),
    free: opt.string('Only what is free then, e.g. fri 14:00', { max: 100 }).optional(),
  }),
  run: async (args, ctx) => listReply(ctx, args.kind, args.free),
});

export const showSubcommand = defineSubcommand({
  description: 'One resource: who owns it, where it is, who has it, the week ahead',
  examples: ['show Risograph', 'show "Photo studio"'],
  args: z.object({ resource: resourceOption() }),
  run: async (args, ctx) => detailsReply(ctx, await findResource(ctx, args.resource)),
});

export const trainSubcommand = defineSubcommand({
  description: 'Let a member use a resource that needs training (managers or the owner)',
  examples: ['train @lucas Risograph'],
  args: z.object({ member: opt.user('Who was trained'), resource: resourceOption() }),
  run: async (args, ctx) => train(ctx, await findResource(ctx, args.resource), args.member),
});

export const removeSubcommand = defineSubcommand({
  description: 'Remove a resource (managers, or the owner of their own thing)',
  examples: ['remove Tripod'],
  args: z.object({ resource: resourceOption() }),
  run: async (args, ctx) => removeReply(ctx, await findResource(ctx, args.resource)),
});
