/**
 * `match-round`: on the community's match day and time, pair every member taking part (maximum complementarity,
 * no repeats inside the window, one trio when odd, nobody left out) and DM each their match with the reason.
 * Members who let three rounds in a row pass without a word are paused, with a friendly note.
 *
 * The groups are written in batches (`batches`), each with its members' DMs in one transaction, so commands never
 * wait long behind a large round. The first batch creates the round (and pauses the silent); a round that exists
 * is being resumed after a crash: `prepare` then plans only the members its committed batches did not group.
 */
import { matchingSettings } from './settings.ts';
import type { CommunityId } from '#core/ids.ts';
import type { JobContext, PrepareContext } from './kit.ts';
import type { MatchingStore } from './store.ts';
import { defineJob } from './kit.ts';
import { weeklyJobPeriod } from '#core/schedule.ts';
import { avoidTest, historySince } from './history.ts';
import { type IndexSource, leaseIndexInSlices } from './index-cache.ts';
import { pausedForSilenceMessage, roundMessage } from './messages.ts';
import { seedFrom } from './random.ts';
import { planOnIndex, type RoundPlan } from './round-plan.ts';
import type { SkillIndex } from './skill-index.ts';
import { breathe } from './steps.ts';

/** Unanswered rounds in a row after which a member is paused. */
export const IGNORED_ROUNDS_LIMIT = 3;
/** Pairings of history read per slice. */
const HISTORY_PAGE = 2_000;
/** Groups written per transaction (with their members and DMs): a few tens of milliseconds on either database. */
export const ROUND_BATCH_GROUPS = 250;

interface RoundJobPlan {
  readonly round: RoundPlan;
  readonly members: number;
  /** New ignored streaks of last round's members (those that change, or are stored for the first time). */
  readonly streaks: readonly (readonly [string, number])[];
  readonly toPause: readonly string[];
  /** Groups per batch (each batch one transaction). */
  readonly batchGroups: number;
}

/** Last round's members' new streaks (back to 0 after any answer, one more without), skipping unchanged ones. */
async function streaksAfterLastRound(store: MatchingStore, id: CommunityId): Promise<[string, number][]> {
  const last = await store.lastRound(id);
  if (!last) return [];
  return (await store.roundAnswers(id, last.id)).flatMap((m): [string, number][] => {
    const streak = m.answered ? 0 : m.ignoredStreak + 1;
    return streak === m.ignoredStreak && m.hasPrefs ? [] : [[m.userId, streak]];
  });
}

/** Everyone taking part now (skills listed or opted in, not paused, still here), minus `skip`. */
function participants(now: Date, index: SkillIndex, skip: ReadonlySet<string>): number[] {
  const at = now.getTime();
  const out: number[] = [];
  for (let slot = 0; slot < index.slots; slot++) {
    if (index.takesPart(slot, at) && !skip.has(index.userIds[slot]!)) out.push(slot);
  }
  return out;
}

/**
 * A new round: last round's streaks (and who gets paused for them). A round resumed after a crash: who its
 * committed batches grouped already (its first batch wrote the streaks and pauses).
 */
async function startOrResume(ctx: PrepareContext) {
  const { id } = ctx.community;
  const resumed = await ctx.read((store) => store.roundFor(id, ctx.period));
  if (resumed) {
    const paired = await ctx.read((store) => store.pairedIn(id, resumed.id));
    return { streaks: [], toPause: [], skip: new Set(paired) };
  }
  const streaks = await ctx.read((store) => streaksAfterLastRound(store, id));
  const toPause = streaks.filter(([, n]) => n >= IGNORED_ROUNDS_LIMIT).map(([u]) => u);
  return { streaks, toPause, skip: new Set(toPause) };
}

/**
 * The pairs met since `since` among the index's members, read page by page in short transactions and kept as
 * index slots (three numbers a pair: no strings held), then visited in steps while the round is planned.
 */
async function metPairs(ctx: PrepareContext, index: SkillIndex, since: Date) {
  const { id } = ctx.community;
  const a: number[] = [];
  const b: number[] = [];
  const at: number[] = [];
  const keep = (x: string, y: string, when: number) => {
    const i = index.slotOf(x);
    const j = index.slotOf(y);
    if (i === undefined || j === undefined) return;
    a.push(i);
    b.push(j);
    at.push(when);
  };
  for (let after = 0; ; ) {
    const from = after;
    after = await ctx.read((store) => store.scanMet(id, since, from, HISTORY_PAGE, keep));
    if (after === from) break;
    await breathe();
  }
  return function* forEachMet(visit: (x: string, y: string, when: number) => void) {
    for (let k = 0; k < a.length; k++) {
      visit(index.userIds[a[k]!]!, index.userIds[b[k]!]!, at[k]!);
      if ((k & 1023) === 1023) yield;
    }
  };
}

async function prepare(ctx: PrepareContext, batchGroups: number): Promise<RoundJobPlan> {
  const { id } = ctx.community;
  const settings = matchingSettings(ctx.community);
  const { streaks, toPause, skip } = await startOrResume(ctx);
  const source: IndexSource = { key: await ctx.read(async (store) => store.indexCacheKey), read: ctx.read };
  // The index stays as it is while the round is planned in slices; members' changes apply after.
  const lease = await leaseIndexInSlices(source, id, breathe);
  try {
    const members = participants(ctx.now, lease.index, skip);
    const forEachMet = await metPairs(ctx, lease.index, historySince(ctx.now));
    const avoid = await ctx.read((store) => store.avoidPairs(id));
    const round = await planOnIndex(
      {
        index: lease.index,
        participants: members,
        forEachMet,
        avoid,
        now: ctx.now,
        windowWeeks: settings['match-window-weeks'],
        seed: seedFrom(`${id}|${ctx.period}`),
      },
      // Let the bot answer members between slices of a large community's round.
      breathe,
    );
    return { round, members: members.length, streaks, toPause, batchGroups };
  } finally {
    lease.release();
  }
}

/** The round of this period: found (a later batch, or a resumed round), or created with the silent paused. */
async function roundOf(ctx: JobContext, plan: RoundJobPlan): Promise<number> {
  const { id } = ctx.community;
  const repo = ctx.store;
  const found = await repo.roundFor(id, ctx.period);
  if (found) return found.id;
  const { round } = plan;
  const roundId = await repo.createRound(
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
  if (roundId === undefined) throw new Error(`the round of ${ctx.period} appeared while being created`);
  for (const [userId, streak] of plan.streaks) await repo.setIgnoredStreak(id, userId, streak, ctx.now);
  for (const userId of plan.toPause) {
    await repo.pause(id, userId, undefined, 'ignored', ctx.now);
    ctx.notify.dm(id, userId, pausedForSilenceMessage(), { key: `match-paused:${ctx.period}:${userId}` });
  }
  return roundId;
}

/** Writes one batch of groups and queues a DM to each of their members. */
async function run(ctx: JobContext, plan: RoundJobPlan): Promise<void> {
  const { id } = ctx.community;
  const { round } = plan;
  const roundId = await roundOf(ctx, plan);
  const index = ctx.batch?.index ?? 0;
  const from = index * plan.batchGroups;
  const batch = Array.from({ length: Math.min(plan.batchGroups, round.groups.length - from) }, (_, k) => from + k);
  // The plan read the avoid lists before this transaction: one added since must still hold at the introduction.
  const avoided = avoidTest(await ctx.store.avoidPairs(id));
  const groups = batch.filter((k) => {
    const members = round.groups.members(k);
    return !members.some((a, i) => members.slice(i + 1).some((b) => avoided(a, b)));
  });
  const dropped = batch.length - groups.length;
  const ids = await ctx.store.addPairings(
    id,
    groups.map((k) => ({ roundId, kind: 'round', score: round.groups.score(k), members: round.groups.members(k) })),
    ctx.now,
  );
  groups.forEach((k, at) => {
    const members = round.groups.members(k);
    // Rendered now, as planned: the plan keeps no text between batches (planned-groups.ts).
    const reasons = round.groups.reasons(k);
    for (const userId of members) {
      const others = members.filter((m) => m !== userId);
      const reply = roundMessage(ids[at]!, userId, others, reasons[userId] ?? '');
      ctx.notify.dm(id, userId, reply, { key: `match-round:${ctx.period}:${userId}` });
    }
  });
  if (index + 1 < (ctx.batch?.count ?? 1)) return;
  ctx.log.info(
    {
      members: plan.members,
      groups: round.groups.length,
      repeats: round.repeats,
      leftOut: round.leftOut.length,
      droppedForAvoids: dropped,
    },
    'match round paired',
  );
}

/** The round job; `batchGroups` sets how many groups each transaction writes (tests make it small). */
export function roundJob(options: { readonly batchGroups?: number } = {}) {
  const batchGroups = options.batchGroups ?? ROUND_BATCH_GROUPS;
  return defineJob<RoundJobPlan>({
    name: 'match-round',
    description: 'Pairs every member taking part by complementary skills and DMs each their weekly match',
    period(now, community, { manual } = {}) {
      const s = matchingSettings(community);
      const schedule = { day: s['match-day'], time: s['match-time'], keys: ['matching', 'match-day', 'match-time'] };
      return s.matching ? weeklyJobPeriod(now, community, schedule, manual) : undefined;
    },
    prepare: (ctx) => prepare(ctx, batchGroups),
    run,
    batches: (plan) => Math.ceil(plan.round.groups.length / batchGroups),
  });
}

export const matchRoundJob = roundJob();
