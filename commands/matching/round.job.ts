/**
 * `match-round`: on the community's match day and time, pair every member taking part (maximum complementarity,
 * no repeats inside the window, one trio when odd, nobody left out) and DM each their match with the reason.
 * Members who let three rounds in a row pass without a word are paused, with a friendly note.
 */
import type { JobContext } from '#core/command.ts';
import { defineJob } from '#core/command.ts';
import { weeklyPeriod } from '#core/schedule.ts';
import { historySince } from './history.ts';
import { leaseIndexInSlices } from './index-cache.ts';
import { pausedForSilenceMessage, roundMessage } from './messages.ts';
import { seedFrom } from './random.ts';
import { planOnIndex, type RoundPlan } from './round-plan.ts';
import type { SkillIndex } from './skill-index.ts';
import { breathe } from './steps.ts';

/** Unanswered rounds in a row after which a member is paused. */
export const IGNORED_ROUNDS_LIMIT = 3;
/** Pairings of history read per slice. */
const HISTORY_PAGE = 2_000;

interface RoundJobPlan {
  readonly round: RoundPlan;
  readonly members: number;
  /** New ignored streaks of last round's members (those that change, or are stored for the first time). */
  readonly streaks: readonly (readonly [string, number])[];
  readonly toPause: readonly string[];
}

/** Last round's members' new streaks (back to 0 after any answer, one more without), skipping unchanged ones. */
function streaksAfterLastRound(ctx: JobContext): [string, number][] {
  const { id } = ctx.community;
  const last = ctx.repos.matching.lastRound(id);
  if (!last) return [];
  return ctx.repos.matching.roundAnswers(id, last.id).flatMap((m): [string, number][] => {
    const streak = m.answered ? 0 : m.ignoredStreak + 1;
    return streak === m.ignoredStreak && m.hasPrefs ? [] : [[m.userId, streak]];
  });
}

/** Everyone taking part now (skills listed or opted in, not paused, still here), minus those being paused. */
function participants(ctx: JobContext, index: SkillIndex, pausing: ReadonlySet<string>): number[] {
  const now = ctx.now.getTime();
  const out: number[] = [];
  for (let slot = 0; slot < index.slots; slot++) {
    if (index.takesPart(slot, now) && !pausing.has(index.userIds[slot]!)) out.push(slot);
  }
  return out;
}

async function prepare(ctx: JobContext): Promise<RoundJobPlan> {
  const { id, settings } = ctx.community;
  const repo = ctx.repos.matching;
  const streaks = streaksAfterLastRound(ctx);
  const toPause = streaks.filter(([, n]) => n >= IGNORED_ROUNDS_LIMIT).map(([u]) => u);
  // The index stays as it is while the round is planned in slices; members' changes apply after.
  const lease = await leaseIndexInSlices(repo, id, breathe);
  try {
    const members = participants(ctx, lease.index, new Set(toPause));
    const since = historySince(ctx.now);
    const round = await planOnIndex(
      {
        index: lease.index,
        participants: members,
        *forEachMet(visit) {
          for (let after = 0; ; yield) {
            const last = repo.scanMet(id, since, after, HISTORY_PAGE, visit);
            if (last === after) return;
            after = last;
          }
        },
        avoid: repo.avoidPairs(id),
        now: ctx.now,
        windowWeeks: settings['match-window-weeks'],
        seed: seedFrom(`${id}|${ctx.period}`),
      },
      // Let the bot answer members between slices of a large community's round.
      breathe,
    );
    return { round, members: members.length, streaks, toPause };
  } finally {
    lease.release();
  }
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
