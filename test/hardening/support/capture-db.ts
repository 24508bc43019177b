/**
 * The hardening tests look at every table of the TestBot's database (on the run's dialect), not only through the
 * stores: `db` is a view of the same database (see support/db.ts).
 */
import { TestBot, type BotOptions } from '../../support/test-bot.ts';
import { type DbView, inspect } from './db.ts';

/** A TestBot with every feature (or `options.features`), and a view of the database behind it. */
export async function botWithDb(options: BotOptions = {}): Promise<{ bot: TestBot; db: DbView }> {
  const bot = await TestBot.create(options);
  return { bot, db: inspect(bot.storage) };
}
