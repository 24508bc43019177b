import { it } from 'vitest';
import { botWithDb } from '../support/capture-db.ts';
import { liveALife, slackCast } from '../support/life.ts';
import { prober } from '../support/probe.ts';

it('debug', { timeout: 120_000 }, async () => {
  const cast = slackCast('slack:T0HARD');
  const { bot, db } = await botWithDb({ community: cast.community });
  await liveALife(bot, cast);
  const p = prober(bot, db);
  const storage = bot.storage as any;
  const wrapped = storage.transaction;
  let n = 0;
  storage.transaction = async (fn: any) => {
    const i = ++n;
    console.log('tx', i, new Error().stack?.split('\n').slice(2, 6).join(' | '));
    try { return await wrapped(fn); } catch (e) { console.log('tx', i, 'rejected', String(e)); throw e; }
  };
  const options: Record<string, unknown> = {};
  Object.defineProperty(options, '__proto__', { value: true, enumerable: true, configurable: true, writable: true });
  options.skills = '<#C0INTRO> \u2066x\u2069';
  for (const as of [{ as: cast.host, admin: true, community: cast.community }, { as: cast.subject, community: cast.community }, { as: 'U0STRANGER', community: cast.community }]) {
    const v = await p.probe('x', async () => await bot.runOptions('skills', 'offer', options, as));
    console.log(JSON.stringify(v.reply), v.rejected, v.problems);
  }
});
