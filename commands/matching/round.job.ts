/**
 * `match-round`: on the community's match day and time, pair every member taking part (maximum complementarity,
 * no repeats inside the window, one trio when odd, nobody left out) and DM each their match with the reason.
 * Members who let three rounds in a row pass without a word are paused, with a friendly note.
 */
import type { JobContext } from '../../src/core/command.ts';
import { defineJob } from '../../src/core/command.ts';
import { weeklyPeriod } from '../../src/core/schedule.ts';
import { historySince } from './history.ts';
import { pausedForSilenceMessage, roundMessage } from './messages.ts';
import { seedFrom } from './random.ts';
import { planRound, type RoundPlan } from './round-plan.ts';

/** Unanswered rounds in a row after which a member is paused. */
export const IGNORED_ROUNDS_LIMIT = 3;

interface RoundJobPlan {
  readonly round: RoundPlan;
  readonly members: number;
  /** New ignored streaks of last round's members. */
  readonly streaks: readonly (readonly [string, number])[];
  readonly toPause: readonly string[];
}

/** Last round's members and whether each answered anything (a button on the round DM or the follow-up). */
function streaksAfterLastRound(ctx: JobContext): [string, number][] {
  const { id } = ctx.community;
  const last = ctx.repos.matching.lastRound(id);
  if (!last) return [];
  return ctx.repos.matching.roundPairings(id, last.id).flatMap((p) =>
    p.members.map((m): [string, number] => {
      const answered = m.respondedAt !== undefined || m.met !== undefined;
      return [m.userId, answered ? 0 : ctx.repos.matching.prefs(id, m.userId).ignoredStreak + 1];
    }),
  );
}

async function prepare(ctx: JobContext): Promise<RoundJobPlan> {
  const { id, settings } = ctx.community;
  const streaks = streaksAfterLastRound(ctx);
  const toPause = streaks.filter(([, n]) => n >= IGNORED_ROUNDS_LIMIT).map(([u]) => u);
  const pausing = new Set(toPause);
  const members = ctx.repos.matching.participants(id, ctx.now).filter((m) => !pausing.has(m.userId));
  const round = await planRound({
    members,
    met: ctx.repos.matching.metSince(id, historySince(ctx.now)),
    avoid: ctx.repos.matching.avoidPairs(id),
    now: ctx.now,
    windowWeeks: settings['match-window-weeks'],
    seed: seedFrom(`${id}|${ctx.period}`),
    // Let the bot answer members between chunks of a large community's round.
    pause: () => new Promise((resolve) => setImmediate(resolve)),
  });
  return { round, members: members.length, streaks, toPause };
}

function run(ctx: JobContext, plan: RoundJobPlan): void {
  const { id } = ctx.community;
  const repo = ctx.repos.matching;
  const { round } = plan;
  const roundId = repo.createRound(
    id,
    {
      period: ctx.period,
      members: plan.members,
      totalScore: round.totalScore,
      repeats: round.repeats,
      leftOut: round.leftOut.length,
    },
    ctx.now,
  );
  if (roundId === undefined) return;
  for (const [userId, streak] of plan.streaks) repo.setIgnoredStreak(id, userId, streak, ctx.now);
  for (const userId of plan.toPause) {
    repo.pause(id, userId, undefined, 'ignored', ctx.now);
    ctx.notify.dm(id, userId, pausedForSilenceMessage(), { key: `match-paused:${ctx.period}:${userId}` });
  }
  for (const group of round.groups) {
    const pairingId = repo.addPairing(
      id,
      { roundId, kind: 'round', score: group.score, members: group.members },
      ctx.now,
    );
    for (const userId of group.members) {
      const others = group.members.filter((m) => m !== userId);
      const reply = roundMessage(pairingId, userId, others, group.reasons[userId] ?? '');
      ctx.notify.dm(id, userId, reply, { key: `match-round:${ctx.period}:${userId}` });
    }
  }
  ctx.log.info(
    { members: plan.members, groups: round.groups.length, repeats: round.repeats, leftOut: round.leftOut.length },
    'match round paired',
  );
}

export const matchRoundJob = defineJob<RoundJobPlan>({
  name: 'match-round',
  description: 'Pairs every member taking part by complementary skills and DMs each their weekly match',
  period(now, community) {
    const s = community.settings;
    return s.matching ? weeklyPeriod(now, community.timezone, s['match-day'], s['match-time']) : undefined;
  },
  prepare,
  run,
});
