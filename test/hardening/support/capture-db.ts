/**
 * The TestBot keeps its in-memory database private (it only hands out repositories). The hardening tests need to
 * look at every table, so this records each better-sqlite3 handle as `openDatabase` sets its first pragma. A test
 * seam only: nothing in src/ or data/ changes.
 */
import BetterSqlite3 from 'better-sqlite3';
import type { Database } from 'better-sqlite3';
import { TestBot, type BotOptions } from '../../support/test-bot.ts';

const opened: Database[] = [];
const proto = BetterSqlite3.prototype as unknown as { pragma: (...args: unknown[]) => unknown; __captured?: true };
if (!proto.__captured) {
  const original = proto.pragma;
  proto.pragma = function (this: Database, ...args: unknown[]) {
    if (!opened.includes(this)) opened.push(this);
    return original.apply(this, args);
  };
  proto.__captured = true;
}

/** A TestBot with every feature, and the database behind it. */
export async function botWithDb(options: BotOptions = {}): Promise<{ bot: TestBot; db: Database }> {
  const before = opened.length;
  const bot = await TestBot.create(options);
  const db = opened[opened.length - 1];
  if (!db || opened.length === before) throw new Error('could not capture the TestBot database');
  return { bot, db };
}
