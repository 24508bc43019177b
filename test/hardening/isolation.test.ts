/**
 * Community isolation. Two communities live in one process (a Slack workspace and a Discord server; two Discord
 * servers): every read path of one (each subcommand's examples, the home, autocomplete, the export, every job)
 * never shows the other's members, skills, meetups, matches or feedback, and ids of the other's things used from
 * the wrong community find nothing and change nothing. Then at the data level: every method of every store (read
 * from the store ports, so new ones are swept too) is called for an empty community with the ids of a populated
 * one, and must find nothing and change nothing there.
 */
import { describe, expect, it } from 'vitest';
import { dbOf } from '../../data/db/executor.ts';
import type { CommunityId } from '#core/ids.ts';
import type { InboundEvent } from '#core/inbound.ts';
import type { CoreStores, Tx } from '#core/ports/storage.ts';
import { TestBot } from '../support/test-bot.ts';
import { botWithDb } from './support/capture-db.ts';
import { communityRowsOf, type DbView, snapshotOf } from './support/db.ts';
import { type Cast, discordCast, liveALife, slackCast } from './support/life.ts';
import {
  callsFor,
  EXPECT,
  type Fixture,
  GLOBAL,
  isEmpty,
  NoRule,
  REFUSED_IN_B,
  type Port,
  storePorts,
  takesCommunity,
} from './support/repo-methods.ts';

const SECRET = 'SECRET-B';

/** What must never show up in community A: B's ids, channels and marked texts. */
function markersOf(cast: Cast): string[] {
  return [cast.host, cast.subject, cast.friend, cast.third, cast.newcomer, ...Object.values(cast.channels), SECRET];
}

async function twoCommunities(a: Cast, b: Cast) {
  const { bot, db } = await botWithDb({ community: a.community });
  await liveALife(bot, a);
  await liveALife(bot, b);
  const asB = { as: b.friend, community: b.community };
  await bot.run(`/meetup create title:"${SECRET} meetup" when:"in 2 days 18:00"`, asB);
  await bot.run(`/feedback request about:"${SECRET} draft" skills:photography`, asB);
  await bot.run(`/skills offer ${SECRET} printing`, asB);
  return { bot, db };
}

/** The things of B a member of A might try to reach: meetups, requests, pairings and suggestions, by id. */
async function idsOf(db: DbView, community: CommunityId) {
  return await db.query(async (q) => {
    const ids = async (table: 'meetups' | 'feedback_requests' | 'match_pairings' | 'match_suggestions') =>
      (await q.selectFrom(table).select('id').where('community', '=', community).orderBy('id').execute()).map(
        (r) => r.id,
      );
    return {
      meetups: await ids('meetups'),
      requests: await ids('feedback_requests'),
      pairings: await ids('match_pairings'),
      suggestions: await ids('match_suggestions'),
    };
  });
}

async function readPathsOf(bot: TestBot, a: Cast, leaks: (what: string, value: unknown) => void) {
  const members = [
    { as: a.host, admin: true, community: a.community },
    { as: a.subject, community: a.community },
    { as: a.newcomer, community: a.community },
  ];
  for (const as of members) {
    for (const command of bot.core.catalog) {
      for (const sub of command.subcommands) {
        for (const example of [...new Set(['', ...sub.examples])]) {
          const line = `/${command.name} ${sub.name} ${example}`.trim();
          leaks(line, await bot.run(line, as));
        }
      }
    }
    const home: InboundEvent = { kind: 'home_opened', actor: bot.actor(as) };
    leaks('home', await bot.dispatch(home));
    for (const source of ['skills', 'meetups', 'members']) {
      for (const prefix of ['', 'p', 's', SECRET.slice(0, 3)]) {
        const event = {
          kind: 'command',
          actor: bot.actor(as),
          command: 'skills',
          input: { kind: 'text', text: '' },
        } as const;
        leaks(`autocomplete ${source}`, await bot.core.autocomplete(event, source, prefix));
      }
    }
  }
  leaks('export json', await bot.run('/hallway export', members[0]));
  leaks('export csv', await bot.run('/hallway export format:csv', members[0]));
}

describe.each([
  {
    name: 'a Slack workspace and a Discord server',
    a: slackCast('slack:T0ISOA'),
    b: discordCast('discord:200000000000000001', 2),
  },
  {
    name: 'two Discord servers',
    a: discordCast('discord:100000000000000001', 1),
    b: discordCast('discord:200000000000000002', 2),
  },
])('$name in one process', ({ a, b }) => {
  it("never shows one community's data in the other's replies, messages, home, autocomplete or export", {
    timeout: 60_000,
  }, async () => {
    const { bot, db } = await twoCommunities(a, b);
    const markers = markersOf(b);
    const found: string[] = [];
    const leaks = (what: string, value: unknown) => {
      const json = JSON.stringify(value);
      for (const m of markers) if (json.includes(m)) found.push(`${what} shows ${m}`);
    };
    const sentBefore = bot.sent.length;
    await readPathsOf(bot, a, leaks);
    bot.clock.advance(7 * 24 * 3_600_000);
    await bot.tick();
    for (const d of bot.sent.slice(sentBefore).filter((d) => d.community === a.community)) {
      leaks(`${d.kind} to ${d.to.join(',')}`, d);
    }
    // Everything the jobs and commands sent in B went to B's own members and channels.
    const bIds = new Set(markersOf(b));
    for (const d of bot.sent.filter((d) => d.community === b.community)) {
      for (const to of d.to) expect(bIds.has(to) || to.startsWith('dm:'), `${to} is not B's`).toBe(true);
    }
    expect(found).toEqual([]);
    expect((await idsOf(db, b.community)).meetups.length).toBeGreaterThan(0);
  });

  it("finds nothing and changes nothing when a member of one names the other's things by id", {
    timeout: 60_000,
  }, async () => {
    const { bot, db } = await twoCommunities(a, b);
    const theirs = await idsOf(db, b.community);
    const before = await db.communityRows(b.community);
    const as = { as: a.subject, community: a.community };
    const replies: unknown[] = [];
    for (const id of theirs.meetups) {
      for (const line of [
        `/meetup rsvp ${id} going`,
        `/meetup cancel ${id}`,
        `/meetup edit ${id} title:Mine`,
        `/meetup calendar ${id}`,
        `/meetup stats ${id}`,
      ]) {
        replies.push(await bot.run(line, as));
      }
      replies.push(await bot.click({ action: 'meetup.rsvp', value: `${id}:going` }, as));
      replies.push(await bot.click({ action: 'meetup.rate', value: `${id}:5` }, as));
    }
    for (const id of theirs.requests) {
      replies.push(await bot.run(`/feedback cancel ${id}`, as), await bot.run(`/feedback given ${id}`, as));
      for (const action of ['feedback.accept', 'feedback.decline', 'feedback.volunteer', 'feedback.given']) {
        replies.push(await bot.click({ action, value: String(id) }, as));
      }
    }
    for (const id of theirs.pairings) {
      for (const [action, value] of [
        ['match.group', `${id}`],
        ['match.met', `${id}:yes`],
        ['match.collab', `${id}:yes`],
      ]) {
        replies.push(await bot.click({ action: action!, value: value! }, as));
      }
    }
    for (const id of theirs.suggestions)
      replies.push(await bot.click({ action: 'match.introduce', value: String(id) }, as));
    expect(await db.communityRows(b.community)).toEqual(before);
    const json = JSON.stringify(replies);
    for (const m of markersOf(b)) expect(json).not.toContain(m);
  });
});

describe('every store method, scoped to one community', () => {
  async function populatedAndEmpty() {
    const a = slackCast('slack:T0FULL');
    const { bot, db } = await botWithDb({ community: a.community });
    await liveALife(bot, a);
    await bot.run('/meetup create title:"Weekly crit" when:"tomorrow 18:00" repeat:weekly', {
      as: a.friend,
      community: a.community,
    });
    await bot.run('/feedback request about:"Late draft" skills:photography by:"in 3 days"', {
      as: a.third,
      community: a.community,
    });
    const fixture = await db.query(async (q) => {
      type WithId =
        | 'meetup_series'
        | 'match_pairings'
        | 'match_rounds'
        | 'match_suggestions'
        | 'resources'
        | 'resource_bookings'
        | 'resource_loans'
        | 'resource_asks'
        | 'mentorships'
        | 'mentor_requests';
      const newest = async (table: WithId) => {
        const row = await q
          .selectFrom(table)
          .select('id')
          .where('community', '=', a.community)
          .orderBy('id', 'desc')
          .executeTakeFirstOrThrow();
        return row.id;
      };
      const ref = await q
        .selectFrom('message_refs')
        .select('ref')
        .where('community', '=', a.community)
        .executeTakeFirstOrThrow();
      const members = await q.selectFrom('members').select('id').where('community', '=', a.community).execute();
      const change = await q
        .selectFrom('match_index_changes')
        .select(['seq', 'nonce'])
        .where('community', '=', a.community)
        .orderBy('seq', 'desc')
        .executeTakeFirstOrThrow();
      // The meetup with the most answers, and the request the subject was rated on: the richest ids A has.
      const meetup = await q
        .selectFrom('meetup_rsvps')
        .select(['meetup_id', (eb) => eb.fn.countAll().as('answers')])
        .where('community', '=', a.community)
        .groupBy('meetup_id')
        .orderBy('answers', 'desc')
        .orderBy('meetup_id')
        .executeTakeFirstOrThrow();
      const rated = await q
        .selectFrom('feedback_ratings')
        .select('request_id')
        .where('community', '=', a.community)
        .where('reviewer', '=', a.subject)
        .executeTakeFirstOrThrow();
      return {
        meetup: meetup.meetup_id,
        series: await newest('meetup_series'),
        request: rated.request_id,
        pairing: await newest('match_pairings'),
        round: await newest('match_rounds'),
        suggestion: await newest('match_suggestions'),
        resource: await newest('resources'),
        booking: await newest('resource_bookings'),
        loan: await newest('resource_loans'),
        ask: await newest('resource_asks'),
        mentorship: await newest('mentorships'),
        mentorRequest: await newest('mentor_requests'),
        ref: ref.ref,
        memberKeys: members.map((m) => Number(m.id)),
        cursor: { seq: Number(change.seq), nonce: Number(change.nonce) },
      };
    });
    const full: Fixture = {
      B: 'discord:555555555555555555',
      user: a.subject,
      other: a.friend,
      name: (await bot.repos.members.get(a.community, a.subject))!.displayName,
      ...fixture,
      job: 'match-round',
      period: (await bot.repos.jobRuns.lastPeriod('match-round', a.community))!,
      skill: 'photography',
      from: new Date(0),
      to: new Date(8.64e15),
    };
    return { bot, db, a, fixture: full };
  }

  /** Each store port with how to open its implementation on a transaction. */
  function storesOf(bot: TestBot): { port: Port; open: (tx: Tx) => Record<string, unknown> }[] {
    return storePorts(bot.features.map((f) => f.name)).map((port) => ({
      port,
      open: (tx: Tx) => {
        if (port.kind === 'core') return bot.storage.core(tx)[port.store as keyof CoreStores] as never;
        const feature = bot.features.find((f) => f.name === port.store)!;
        return feature.openStore(tx) as Record<string, unknown>;
      },
    }));
  }

  it('reads every store port, and can call every method of each (a new store or method is swept without editing the test)', {
    timeout: 60_000,
  }, async () => {
    const bot = await TestBot.create();
    // Any ids will do to see that every parameter can be filled.
    const fixture: Fixture = {
      B: 'discord:555555555555555555',
      user: 'U0LUCAS',
      other: 'U0EMMA',
      name: 'Lucas',
      meetup: 1,
      series: 1,
      request: 1,
      pairing: 1,
      round: 1,
      suggestion: 1,
      resource: 1,
      booking: 1,
      loan: 1,
      ask: 1,
      mentorship: 1,
      mentorRequest: 1,
      ref: 'intro-card:U0LUCAS',
      job: 'match-round',
      period: '2026-11-16T09:00',
      skill: 'photography',
      memberKeys: [1, 2],
      cursor: { seq: 1, nonce: 1 },
      from: new Date(0),
      to: new Date(8.64e15),
    };
    const stores = storesOf(bot);
    const problems: string[] = [];
    // Every feature that opens a store has a port the sweep read; every core store is there.
    await bot.storage.transaction(async (tx) => {
      for (const feature of bot.features) {
        const store = feature.openStore(tx);
        if (store !== undefined && !stores.some((s) => s.port.store === feature.name)) {
          problems.push(`feature ${feature.name} opens a store but has no commands/${feature.name}/store.ts`);
        }
      }
      for (const name of Object.keys(bot.storage.core(tx))) {
        if (!stores.some((s) => s.port.kind === 'core' && s.port.store === name)) problems.push(`core store ${name}`);
      }
      for (const { port, open } of stores) {
        const store = open(tx);
        for (const method of port.methods) {
          if (typeof store[method.method] !== 'function') problems.push(`${method.id} is not implemented`);
        }
      }
    });
    const all = stores.flatMap((s) => s.port.methods);
    expect(all.length).toBeGreaterThan(100);
    for (const method of all) {
      const global = GLOBAL[method.id];
      if (takesCommunity(method)) {
        if (global) problems.push(`${method.id} takes a community: remove it from GLOBAL`);
        try {
          expect(callsFor(method, fixture).length).toBeGreaterThan(0);
        } catch (error) {
          if (!(error instanceof NoRule)) throw error;
          problems.push(`${method.signature}: no rule for ${error.message} (add one in support/repo-methods.ts)`);
        }
      } else if (!global) {
        problems.push(`${method.signature} takes no community: scope it, or say why not in GLOBAL`);
      }
    }
    for (const id of Object.keys(GLOBAL)) if (!all.some((m) => m.id === id)) problems.push(`GLOBAL names ${id}, gone`);
    expect(problems).toEqual([]);
  });

  interface Outcome {
    readonly method: string;
    readonly what: string;
    /** Threw (the transaction rolled back: nothing can have changed). */
    readonly refused: boolean;
    /** Changed some row (in B, normally). */
    readonly wrote: boolean;
    /** Changed a row of A. */
    readonly changedA: boolean;
    readonly result?: unknown;
    readonly visited: unknown[][];
  }

  /**
   * Calls every method (GLOBAL ones excepted) for `fixture.B`, each call on the pristine database in a transaction
   * rolled back afterwards, so a write to B never makes a later read of B find something.
   */
  async function sweep(bot: TestBot, db: DbView, fixture: Fixture, a: CommunityId): Promise<Outcome[]> {
    const pristine = await db.dump();
    const all = JSON.stringify(snapshotOf(pristine));
    const ofA = JSON.stringify(communityRowsOf(pristine, a));
    const outcomes: Outcome[] = [];
    const rollback = new Error('rollback');
    for (const { port, open } of storesOf(bot)) {
      for (const method of port.methods) {
        if (GLOBAL[method.id]) continue;
        for (const call of callsFor(method, fixture)) {
          const what = `${method.id}(${JSON.stringify(call.args).slice(0, 160)})`;
          await bot.storage
            .transaction(async (tx) => {
              const store = open(tx) as Record<string, (...args: unknown[]) => Promise<unknown>>;
              let result: unknown;
              try {
                result = await store[method.method]!(...call.args);
              } catch {
                // Refusing (a missing meetup, a constraint) is fine: it rolls back, so it can have changed nothing.
                outcomes.push({ method: method.id, what, refused: true, wrote: false, changedA: false, visited: [] });
                throw rollback;
              }
              const after = await db.dumpIn(dbOf(tx));
              outcomes.push({
                method: method.id,
                what,
                refused: false,
                wrote: JSON.stringify(snapshotOf(after)) !== all,
                changedA: JSON.stringify(communityRowsOf(after, a)) !== ofA,
                result,
                visited: call.visited,
              });
              throw rollback;
            })
            .catch((error) => {
              if (error !== rollback) throw error;
            });
        }
      }
    }
    expect(snapshotOf(await db.dump())).toEqual(snapshotOf(pristine));
    return outcomes;
  }

  it('finds nothing of community A and changes nothing of it when a method names community B with A’s ids', {
    timeout: 180_000,
  }, async () => {
    const { bot, db, a, fixture } = await populatedAndEmpty();
    const outcomes = await sweep(bot, db, fixture, a.community);
    const found: string[] = [];
    for (const o of outcomes) {
      if (o.refused) continue;
      if (o.visited.length > 0) found.push(`${o.what} visited ${JSON.stringify(o.visited).slice(0, 200)}`);
      // A call that wrote (in B) answers about B's own new rows; one that changed nothing must have found nothing.
      if (!o.wrote && !(EXPECT[o.method] ?? isEmpty)(o.result)) {
        found.push(`${o.what} → ${JSON.stringify(o.result).slice(0, 200)}`);
      }
    }
    expect(found).toEqual([]);
    expect(outcomes.filter((o) => o.changedA).map((o) => o.what)).toEqual([]);
    // Every method really ran (only these refuse for a meetup or a community B does not have).
    const ran = new Set(outcomes.filter((o) => !o.refused).map((o) => o.method));
    expect([...new Set(outcomes.map((o) => o.method))].filter((m) => !ran.has(m)).sort()).toEqual(REFUSED_IN_B);
  });

  it('would have seen A’s data: the same calls naming A itself find it', { timeout: 180_000 }, async () => {
    const { bot, db, a, fixture } = await populatedAndEmpty();
    const outcomes = await sweep(bot, db, { ...fixture, B: a.community }, a.community);
    const reads = new Set(outcomes.filter((o) => !o.refused).map((o) => o.method));
    for (const o of outcomes) if (o.wrote) reads.delete(o.method);
    expect(outcomes.filter((o) => o.changedA).length).toBeGreaterThan(0);
    const finding = new Set(
      outcomes
        .filter((o) => !o.refused && !o.wrote && (!isEmpty(o.result) || o.visited.length > 0))
        .map((o) => o.method),
    );
    // Most reads find something of A with these arguments, so "nothing" for B means something.
    // Most methods find something of A with these arguments, so "nothing" for B means something. (The rest are
    // writes that change nothing here, like a claim already made, or reads of what A happens not to have.)
    const blind = [...reads].filter((m) => !finding.has(m));
    expect(finding.size, `find nothing even in A: ${blind.join(', ')}`).toBeGreaterThanOrEqual(60);
  });
});
