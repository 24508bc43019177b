/**
 * One poke at the bot, judged: did the handler crash (a non-UserError, which the member sees as the generic
 * apology), was it refused (a UserError: then the database must be exactly as before), did every reply and every
 * message it caused have text, and would any of them ping someone the core did not name?
 *
 * It watches `storage.transaction`: the dispatcher runs one transaction per event (who acted, then the handler); when
 * the handler fails, that transaction rolls back and a second one records who acted (the activity bookkeeping).
 * Every table is read (through the view, which does not go through the watch) when the event's transaction starts,
 * when the bookkeeping starts (the refused handler must have left nothing) and when it is done (nothing may change
 * after it either).
 */
import { isUserError } from '#core/errors.ts';
import type { Storage, Tx } from '#core/ports/storage.ts';
import type { Reply } from '#core/reply.ts';
import type { TestBot } from '../../support/test-bot.ts';
import { changedTables, type DbView, type Snapshot } from './db.ts';
import { mentionProblems } from './mentions.ts';

export const APOLOGY = /something went wrong on my side/;

export interface Verdict {
  readonly reply: Reply | undefined;
  readonly rejected: boolean;
  /** Everything wrong with this poke (empty: fine). */
  readonly problems: string[];
}

export interface Prober {
  /** Runs `poke` (one dispatch) and judges it. */
  probe(what: string, poke: () => Promise<Reply | undefined>, options?: { replyExpected?: boolean }): Promise<Verdict>;
  /** Pokes judged so far, and how many were refused. */
  readonly tally: { pokes: number; rejected: number; accepted: number; messages: number };
}

export function prober(bot: TestBot, db: DbView): Prober {
  const state = {
    outer: 0,
    /** Every table when the event's transaction started. */
    before: undefined as Snapshot | undefined,
    /** Every table once the bookkeeping after a refusal committed. */
    recorded: undefined as Snapshot | undefined,
    /** Tables the refused handler's transaction left changed (seen when the bookkeeping starts). */
    leftovers: [] as string[],
    userError: false,
    crash: undefined as unknown,
  };
  const storage = bot.storage as { -readonly [K in keyof Storage]: Storage[K] };
  const original = storage.transaction.bind(storage);
  storage.transaction = async <T>(fn: (tx: Tx) => Promise<T>): Promise<T> => {
    const n = ++state.outer;
    if (n === 1) state.before = await db.snapshot();
    const bookkeeping = n === 2 && state.userError;
    if (bookkeeping && state.before) state.leftovers = changedTables(state.before, await db.snapshot());
    try {
      const result = await original(fn);
      if (bookkeeping) state.recorded = await db.snapshot();
      return result;
    } catch (error) {
      if (n === 1) {
        if (isUserError(error)) state.userError = true;
        else state.crash = error;
      }
      throw error;
    }
  };
  const tally = { pokes: 0, rejected: 0, accepted: 0, messages: 0 };

  async function probe(what: string, poke: () => Promise<Reply | undefined>, options = { replyExpected: true }) {
    Object.assign(state, {
      outer: 0,
      before: undefined,
      recorded: undefined,
      leftovers: [],
      userError: false,
      crash: undefined,
    });
    const sentBefore = bot.sent.length;
    const reply = await poke();
    const problems: string[] = [];
    if (state.crash) problems.push(`crash: ${(state.crash as Error)?.stack ?? String(state.crash)}`);
    if (reply && APOLOGY.test(reply.text)) problems.push(`apology: ${reply.text}`);
    if (options.replyExpected && !reply) problems.push('no reply');
    if (reply && !(typeof reply.text === 'string' && reply.text.trim())) problems.push('reply without text');
    if (state.userError && state.before) {
      const after = changedTables(state.recorded ?? state.before, await db.snapshot());
      const changed = [...new Set([...state.leftovers, ...after])].sort();
      if (changed.length) problems.push(`rejected, yet the database changed: ${changed.join(', ')}`);
    }
    const delivered = bot.sent.slice(sentBefore).map((d) => d.reply);
    for (const r of [...(reply ? [reply] : []), ...delivered]) {
      if (!r.text?.trim()) problems.push('a delivered message has no text');
      problems.push(...mentionProblems(r));
    }
    tally.pokes++;
    tally.messages += delivered.length;
    if (state.userError) tally.rejected++;
    else tally.accepted++;
    return { reply, rejected: state.userError, problems: problems.map((p) => `${what}: ${p}`) };
  }
  return { probe, tally };
}
