/**
 * Lending. A borrower joins the queue of a lendable resource; the one at its head is asked for by DM to the keeper
 * (the owner, or whoever added a community item) with Lend it / Not now. Lent, both are told the due date; the loan
 * closes with `/resource return` (the borrower) or Got it back (the keeper), and the next in line is asked for.
 * Every step is a conditional move in the store, so a double click or two racing members have one effect.
 */
import type { Context } from './kit.ts';
import { UserError } from '#core/errors.ts';
import type { Reply } from '#core/reply.ts';
import { fmt } from '#core/text.ts';
import { keeperOf, label, type ResourceEnv, when } from './format.ts';
import type { LoanRecord, ResourceRecord } from './store.ts';
import { assertMayUse } from './training.ts';
import { readUntil } from './when.ts';

const DAY = 86_400_000;
/** How long a loan lasts when the borrower named no date. */
export const DEFAULT_LOAN_DAYS = 7;
/** The furthest due date a borrower may ask for. */
const MAX_LOAN_DAYS = 90;

/** Idempotency key and ref of the DM asking the keeper (named last: forget-me finds it). */
export const loanAskRef = (loanId: number, keeper: string) => `resource-loan:${loanId}:${keeper}`;

/** The loan's due date: what the borrower asked for if still ahead, else a week from now. */
export function dueDate(loan: LoanRecord, now: Date): Date {
  if (loan.wantedUntil && loan.wantedUntil > now) return loan.wantedUntil;
  return new Date(now.getTime() + DEFAULT_LOAN_DAYS * DAY);
}

/** Lend it / Not now, to the keeper. */
function askKeeper(env: ResourceEnv, resource: ResourceRecord, loan: LoanRecord, keeper: string): void {
  const until = loan.wantedUntil ? ` until ${when(loan.wantedUntil, env.community.timezone)}` : '';
  const ref = loanAskRef(loan.id, keeper);
  env.notify.dm(
    env.community.id,
    keeper,
    {
      text: `${fmt.user(loan.borrower)} would like to borrow ${label(resource)}${until}. Can you lend it?`,
      buttons: [
        { label: 'Lend it', action: 'resource.lend', value: String(loan.id), style: 'primary' },
        { label: 'Not now', action: 'resource.not-now', value: String(loan.id) },
      ],
      mentions: [],
    },
    { key: ref, ref },
  );
}

/** Marks a loan lent (with its due date) and tells the borrower; the keeper gets the reply (or nothing). */
async function lend(env: ResourceEnv, resource: ResourceRecord, loan: LoanRecord): Promise<Date | undefined> {
  const due = dueDate(loan, env.now);
  if (!(await env.store.moveLoan(env.community.id, loan.id, ['requested'], 'lent', env.now, due))) return undefined;
  const keeper = keeperOf(resource);
  const from = keeper ? ` from ${fmt.user(keeper)}` : '';
  env.notify.dm(env.community.id, loan.borrower, {
    text: `You're borrowing ${label(resource)}${from}. Please bring it back by ${when(due, env.community.timezone)}, then tell me with \`/resource return ${resource.name}\`.`,
    mentions: [],
  });
  return due;
}

/** Asks for the next in line once the head is free: the keeper is asked, or (no keeper) it is lent at once. */
export async function advanceQueue(env: ResourceEnv, resource: ResourceRecord): Promise<void> {
  const queue = await env.store.listQueue(env.community.id, resource.id);
  if (queue.some((l) => l.status === 'requested' || l.status === 'lent')) return;
  const next = queue.find((l) => l.status === 'waiting');
  if (!next || !(await env.store.moveLoan(env.community.id, next.id, ['waiting'], 'requested', env.now))) return;
  const keeper = keeperOf(resource);
  if (!keeper) {
    await lend(env, resource, { ...next, status: 'requested' });
    return;
  }
  askKeeper(env, resource, next, keeper);
  env.notify.dm(env.community.id, next.borrower, {
    text: `It's your turn for ${label(resource)}: I asked ${fmt.user(keeper)} to lend it to you.`,
    mentions: [],
  });
}

/** `/resource borrow` and the Borrow button. */
export async function borrow(ctx: Context, resource: ResourceRecord, until?: string): Promise<Reply> {
  if (!resource.lendable) {
    throw new UserError(
      'conflict',
      `${resource.name} is booked by the slot, not lent: \`/resource book ${resource.name}\`.`,
    );
  }
  const keeper = keeperOf(resource);
  if (keeper === ctx.actor.userId) {
    throw new UserError(
      'conflict',
      resource.ownerUserId
        ? `${resource.name} is yours to lend, not to borrow.`
        : `You look after ${resource.name} for the community: no need to borrow it.`,
    );
  }
  await assertMayUse(ctx, resource, 'borrow');
  const wantedUntil = until === undefined ? undefined : readUntil(until, ctx.now, ctx.community.timezone);
  if (wantedUntil && wantedUntil.getTime() - ctx.now.getTime() > MAX_LOAN_DAYS * DAY) {
    throw new UserError('invalid_input', `Loans last at most ${MAX_LOAN_DAYS} days: pick a nearer date.`);
  }
  const queue = await ctx.store.listQueue(ctx.community.id, resource.id);
  const mine = queue.find((l) => l.borrower === ctx.actor.userId);
  if (mine) return { text: alreadyQueued(ctx, resource, mine, queue) };
  const headFree = !queue.some((l) => l.status === 'requested' || l.status === 'lent');
  const status = headFree ? 'requested' : 'waiting';
  const input = { community: ctx.community.id, resourceId: resource.id, userId: ctx.actor.userId, wantedUntil };
  const loan = await ctx.store.requestLoan({ ...input, status, now: ctx.now });
  if (!loan) throw new UserError('conflict', `Someone just asked for ${resource.name} too: try again in a moment.`);
  if (status === 'waiting') {
    const place = queue.filter((l) => l.status === 'waiting').length + 1;
    return {
      text: `${label(resource)} is out or promised. You're #${place} in line: I'll ask for it when it's your turn.`,
    };
  }
  if (!keeper) {
    const due = await lend(ctx, resource, loan);
    return {
      text: `${label(resource)} is yours until ${when(due!, ctx.community.timezone)}. Nobody needs to approve it.`,
    };
  }
  askKeeper(ctx, resource, loan, keeper);
  return {
    // A keeper may never answer (no request lapses): promise the answer, not that it comes.
    text: `I asked ${fmt.user(keeper)} to lend you ${label(resource)}. When they answer, I'll tell you what they said.`,
    mentions: [],
  };
}

function alreadyQueued(ctx: Context, resource: ResourceRecord, mine: LoanRecord, queue: LoanRecord[]): string {
  if (mine.status === 'lent') {
    return `You already have ${label(resource)}, due back ${when(mine.dueAt!, ctx.community.timezone)}.`;
  }
  if (mine.status === 'requested') return `You already asked for ${label(resource)}: waiting for the answer.`;
  const place = queue.filter((l) => l.status === 'waiting').findIndex((l) => l.id === mine.id) + 1;
  return `You're already #${place} in line for ${label(resource)}.`;
}

/** The loan a button names, with its resource; only the keeper (or a manager, for the community's things) may act. */
export async function loanForKeeper(ctx: Context, loanId: number) {
  const loan = await ctx.store.getLoan(ctx.community.id, loanId);
  const resource = loan && (await ctx.store.getResource(ctx.community.id, loan.resourceId));
  if (!loan || !resource) throw new UserError('not_found', 'That request is no longer open.');
  const keeper = keeperOf(resource);
  const mayAct = ctx.actor.userId === keeper || (ctx.actor.isAdmin && !resource.ownerUserId);
  if (!mayAct) {
    throw new UserError('not_allowed', `Only the owner of ${resource.name} can answer that.`);
  }
  return { loan, resource };
}

/** Lend it. */
export async function approveLoan(ctx: Context, loanId: number): Promise<Reply> {
  const { loan, resource } = await loanForKeeper(ctx, loanId);
  if (loan.status === 'lent')
    return { text: `You already lent ${label(resource)} to ${fmt.user(loan.borrower)}.`, mentions: [] };
  if (loan.status !== 'requested') throw new UserError('conflict', 'That request is no longer open.');
  const due = await lend(ctx, resource, loan);
  if (!due) throw new UserError('conflict', 'That request is no longer open.');
  return {
    text: `You lent ${label(resource)} to ${fmt.user(loan.borrower)} until ${when(due, ctx.community.timezone)}. I told them. Tap Got it back when it's back.`,
    buttons: [{ label: 'Got it back', action: 'resource.got-back', value: String(loan.id) }],
    mentions: [],
    replaceOriginal: true,
  };
}

/** Not now. */
export async function declineLoan(ctx: Context, loanId: number): Promise<Reply> {
  const { loan, resource } = await loanForKeeper(ctx, loanId);
  if (!(await ctx.store.moveLoan(ctx.community.id, loan.id, ['requested'], 'declined', ctx.now))) {
    throw new UserError('conflict', 'That request is no longer open.');
  }
  ctx.notify.dm(ctx.community.id, loan.borrower, {
    text: `${fmt.user(ctx.actor.userId)} can't lend ${label(resource)} right now. Maybe ask again later, or try \`/resource ask\`.`,
    mentions: [],
  });
  await advanceQueue(ctx, resource);
  return {
    text: `OK: I told ${fmt.user(loan.borrower)} it's not possible right now.`,
    mentions: [],
    replaceOriginal: true,
  };
}

/** Got it back (the keeper). */
export async function gotBack(ctx: Context, loanId: number): Promise<Reply> {
  const { loan, resource } = await loanForKeeper(ctx, loanId);
  // Offered on a loan that is out: one waiting, asked for, declined or cancelled was never lent, so nothing comes back.
  if (loan.status !== 'lent' && loan.status !== 'returned') {
    throw new UserError('conflict', `${resource.name} was never lent on that request: nothing to mark as back.`);
  }
  if (!(await ctx.store.moveLoan(ctx.community.id, loan.id, ['lent'], 'returned', ctx.now))) {
    return { text: `${label(resource)} is already marked as back.`, replaceOriginal: true };
  }
  ctx.notify.dm(ctx.community.id, loan.borrower, {
    text: `${fmt.user(ctx.actor.userId)} has ${label(resource)} back. Thanks for bringing it back!`,
    mentions: [],
  });
  await advanceQueue(ctx, resource);
  return {
    text: `Marked ${label(resource)} as back from ${fmt.user(loan.borrower)}.`,
    mentions: [],
    replaceOriginal: true,
  };
}

/** `/resource return`: the borrower brings it back, or steps out of the line. */
export async function giveBack(ctx: Context, resource: ResourceRecord): Promise<Reply> {
  const loans = await ctx.store.listMemberLoans(ctx.community.id, ctx.actor.userId);
  const loan = loans.find((l) => l.resourceId === resource.id);
  if (!loan) throw new UserError('conflict', `You don't have ${resource.name}, and you're not in line for it.`);
  const keeper = keeperOf(resource);
  if (loan.status !== 'lent') {
    await ctx.store.moveLoan(ctx.community.id, loan.id, ['waiting', 'requested'], 'cancelled', ctx.now);
    if (loan.status === 'requested' && keeper) {
      const ref = loanAskRef(loan.id, keeper);
      ctx.notify.update(
        ctx.community.id,
        ref,
        { text: `${fmt.user(loan.borrower)} no longer needs ${label(resource)}.`, mentions: [] },
        { key: `${ref}:withdrawn` },
      );
      await advanceQueue(ctx, resource);
    }
    return { text: `You're out of the line for ${label(resource)}.` };
  }
  await ctx.store.moveLoan(ctx.community.id, loan.id, ['lent'], 'returned', ctx.now);
  if (keeper) {
    ctx.notify.dm(ctx.community.id, keeper, {
      text: `${fmt.user(ctx.actor.userId)} says ${label(resource)} is back with you. If it isn't, have a word with them.`,
      mentions: [],
    });
  }
  await advanceQueue(ctx, resource);
  return { text: `Thanks! ${label(resource)} is marked as returned.` };
}
