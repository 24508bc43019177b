/** Finding the resource or booking a member names, "did you mean" for near misses, and who may manage what. */
import type { Context } from './kit.ts';
import { UserError } from '#core/errors.ts';
import { opt } from '#core/options.ts';
import { editDistance } from '#core/edit-distance.ts';
import type { ResourceEnv } from './format.ts';
import type { BookingRecord, ResourceRecord } from './store.ts';

/** The `resource` option every subcommand that names one uses (Discord suggests names as you type). */
export const resourceOption = () =>
  opt.string('Which resource, e.g. Risograph (see /resource list)', { max: 100, autocomplete: 'resources' });

/** How many resources "did you mean" reads: a community library, not a warehouse. */
const SUGGEST_FROM = 500;

/** Up to three names close to what was typed: containing it, or a few typos away. */
async function suggestions(env: ResourceEnv, typed: string): Promise<string[]> {
  const key = typed.toLowerCase();
  const all = await env.store.listResources(env.community.id, {}, SUGGEST_FROM);
  return all
    .map((r) => ({
      name: r.name,
      score: r.name.toLowerCase().includes(key) ? 0 : editDistance(key, r.name.toLowerCase()),
    }))
    .filter((r) => r.score <= Math.max(2, Math.floor(key.length / 3)))
    .sort((a, b) => a.score - b.score || a.name.localeCompare(b.name))
    .slice(0, 3)
    .map((r) => r.name);
}

/** The resource named (`Risograph`, any case) or numbered (`#3`, from a card), or a UserError with "did you mean". */
export async function findResource(env: ResourceEnv, raw: string | number): Promise<ResourceRecord> {
  const typed = String(raw).trim().replace(/\s+/g, ' ');
  const byId = /^#?(\d{1,9})$/.exec(typed);
  const found = byId
    ? await env.store.getResource(env.community.id, Number(byId[1]))
    : await env.store.findResourceByName(env.community.id, typed);
  if (found) return found;
  const close = byId ? [] : await suggestions(env, typed);
  const hint = close.length > 0 ? ` Did you mean ${close.map((n) => `"${n}"`).join(' or ')}?` : '';
  throw new UserError('not_found', `There is no resource called "${typed}" here.${hint} See \`/resource list\`.`);
}

/** The booking with that number (`7`, `#7`), or a UserError. */
export async function findBooking(env: ResourceEnv, raw: string | number): Promise<BookingRecord> {
  const m = /^#?(\d{1,9})$/.exec(String(raw).trim());
  const booking = m ? await env.store.getBooking(env.community.id, Number(m[1])) : undefined;
  if (!booking) {
    throw new UserError(
      'not_found',
      `There is no booking #${String(raw).trim()} here. \`/resource mine\` lists yours.`,
    );
  }
  return booking;
}

/** Managers manage everything; a member manages the things they own. */
export function canManage(ctx: Context, resource: ResourceRecord): boolean {
  return ctx.actor.isAdmin || (resource.ownerUserId !== undefined && resource.ownerUserId === ctx.actor.userId);
}

export function assertCanManage(ctx: Context, resource: ResourceRecord, what: string): void {
  if (canManage(ctx, resource)) return;
  const who = resource.ownerUserId ? 'its owner or a community manager' : 'a community manager';
  throw new UserError('not_allowed', `Only ${who} can ${what} ${resource.name}.`);
}

/** A member Hallway knows here and who has not left (owners and trainees are named on cards and in DMs). */
export async function assertKnownMember(env: ResourceEnv, userId: string): Promise<void> {
  const member = await env.core.members.get(env.community.id, userId);
  if (!member || member.leftAt) {
    throw new UserError('not_found', 'I can only name a member who is here and has used Hallway before.');
  }
}
