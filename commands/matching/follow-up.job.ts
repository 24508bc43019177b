/**
 * `match-follow-up`: a few days (setting `match-follow-up-days`) after each pairing — a round's or an
 * introduction — ask its members "Did you meet?". Each pairing is asked once; answers feed stats and feedback.
 */
import { matchingSettings } from './settings.ts';
import type { JobContext } from './kit.ts';
import { defineJob } from './kit.ts';
import { dailyJobPeriod } from '#core/schedule.ts';
import { followUpMessage } from './messages.ts';

const DAY_MS = 86_400_000;
/** Pairings this much older than due (matching was off, the bot was down for weeks) are closed without asking. */
const STALE_DAYS = 14;
const BATCH = 500;

async function run(ctx: JobContext): Promise<void> {
  const { id } = ctx.community;
  const settings = matchingSettings(ctx.community);
  const days = settings['match-follow-up-days'];
  const dueBefore = new Date(ctx.now.getTime() - days * DAY_MS);
  const staleBefore = new Date(dueBefore.getTime() - STALE_DAYS * DAY_MS);
  let asked = 0;
  for (const pairing of await ctx.store.dueFollowUps(id, dueBefore, BATCH)) {
    await ctx.store.markFollowUpSent(id, pairing.id, ctx.now);
    if (pairing.createdAt < staleBefore) continue;
    const here = [];
    for (const m of pairing.members) if ((await ctx.store.member(id, m.userId)) !== undefined) here.push(m);
    if (here.length < 2) continue;
    for (const m of here) {
      const others = pairing.members.filter((o) => o.userId !== m.userId).map((o) => o.userId);
      ctx.notify.dm(id, m.userId, followUpMessage(pairing.id, others), {
        key: `match-follow-up:${pairing.id}:${m.userId}`,
      });
      asked++;
    }
  }
  if (asked > 0) ctx.log.info({ asked }, 'match follow-ups sent');
}

export const matchFollowUpJob = defineJob({
  name: 'match-follow-up',
  description: 'Asks members a few days after each match whether they met, and whether they work together',
  period(now, community, { manual } = {}) {
    const s = matchingSettings(community);
    const schedule = { time: s['match-time'], keys: ['matching', 'match-time'] };
    return s.matching ? dailyJobPeriod(now, community, schedule, manual) : undefined;
  },
  run,
});
