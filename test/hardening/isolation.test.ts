/**
 * Community isolation. Two communities live in one process (a Slack workspace and a Discord server; two Discord
 * servers): every read path of one (each subcommand's examples, the home, autocomplete, the export, every job)
 * never shows the other's members, skills, meetups, matches or feedback, and ids of the other's things used from
 * the wrong community find nothing and change nothing. Then at the data level: every repository method is called
 * for an empty community with the ids of a populated one, and must find nothing and change nothing there.
 */
import type { Database } from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { CommunityId } from '#core/ids.ts';
import type { InboundEvent } from '#core/inbound.ts';
import type { TestBot } from '../support/test-bot.ts';
import { botWithDb } from './support/capture-db.ts';
import { communityRows } from './support/db.ts';
import { type Cast, discordCast, liveALife, slackCast } from './support/life.ts';
import { REPO_METHODS, type Fixture, isEmpty } from './support/repo-methods.ts';

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
function idsOf(db: Database, community: CommunityId) {
  const all = (sql: string) => db.prepare(sql).pluck().all(community) as number[];
  return {
    meetups: all('SELECT id FROM meetups WHERE community = ?'),
    requests: all('SELECT id FROM feedback_requests WHERE community = ?'),
    pairings: all('SELECT id FROM match_pairings WHERE community = ?'),
    suggestions: all('SELECT id FROM match_suggestions WHERE community = ?'),
  };
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
  it("never shows one community's data in the other's replies, messages, home, autocomplete or export", async () => {
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
    expect(idsOf(db, b.community).meetups.length).toBeGreaterThan(0);
  });

  it("finds nothing and changes nothing when a member of one names the other's things by id", async () => {
    const { bot, db } = await twoCommunities(a, b);
    const theirs = idsOf(db, b.community);
    const before = communityRows(db, b.community);
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
    expect(communityRows(db, b.community)).toEqual(before);
    const json = JSON.stringify(replies);
    for (const m of markersOf(b)) expect(json).not.toContain(m);
  });
});

describe('every repository method, scoped to one community', () => {
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
    const one = (sql: string) => db.prepare(sql).pluck().get(a.community) as number;
    const fixture: Fixture = {
      B: 'discord:555555555555555555',
      user: a.subject,
      other: a.friend,
      name: (await bot.repos.members.get(a.community, a.subject))!.displayName,
      meetup: one('SELECT max(id) FROM meetups WHERE community = ?'),
      series: one('SELECT max(id) FROM meetup_series WHERE community = ?'),
      request: one('SELECT max(id) FROM feedback_requests WHERE community = ?'),
      pairing: one('SELECT max(id) FROM match_pairings WHERE community = ?'),
      round: one('SELECT max(id) FROM match_rounds WHERE community = ?'),
      suggestion: one('SELECT max(id) FROM match_suggestions WHERE community = ?'),
      ref: db.prepare('SELECT ref FROM message_refs WHERE community = ? LIMIT 1').pluck().get(a.community) as string,
      job: 'match-round',
      period: (await bot.repos.jobRuns.lastPeriod('match-round', a.community))!,
      skill: 'photography',
      from: new Date(0),
      to: new Date(8.64e15),
    };
    return { bot, db, a, fixture };
  }

  it('classifies every method (a new method must be added to support/repo-methods.ts)', async () => {
    const { bot } = await populatedAndEmpty();
    const unclassified: string[] = [];
    for (const [repoName, repo] of Object.entries(bot.repos)) {
      if (typeof repo !== 'object') continue;
      for (const method of Object.keys(repo)) {
        if (!REPO_METHODS[`${repoName}.${method}`]) unclassified.push(`${repoName}.${method}`);
      }
    }
    expect(unclassified).toEqual([]);
  });

  it('reads nothing of community A when asked about community B, with A’s ids', async () => {
    const { bot, db, a, fixture } = await populatedAndEmpty();
    const before = communityRows(db, a.community);
    const found: string[] = [];
    for (const [name, entry] of Object.entries(REPO_METHODS)) {
      if (entry.kind !== 'read') continue;
      const [repoName, method] = name.split('.') as [keyof typeof bot.repos, string];
      const fn = (bot.repos[repoName] as unknown as Record<string, (...args: unknown[]) => unknown>)[method]!;
      const result = fn(...entry.args(fixture));
      const expected = entry.expect ?? isEmpty;
      if (!expected(result)) found.push(`${name} → ${JSON.stringify(result).slice(0, 200)}`);
    }
    expect(found).toEqual([]);
    expect(communityRows(db, a.community)).toEqual(before);
  });

  it('changes nothing of community A when a write names community B with A’s ids', async () => {
    const { bot, db, a, fixture } = await populatedAndEmpty();
    const before = communityRows(db, a.community);
    const changed: string[] = [];
    for (const [name, entry] of Object.entries(REPO_METHODS)) {
      if (entry.kind !== 'write') continue;
      const [repoName, method] = name.split('.') as [keyof typeof bot.repos, string];
      const fn = (bot.repos[repoName] as unknown as Record<string, (...args: unknown[]) => unknown>)[method]!;
      const snapshotBefore = JSON.stringify(communityRows(db, a.community));
      try {
        bot.repos.transaction(() => fn(...entry.args(fixture)));
      } catch {
        // Refusing (a missing meetup, a constraint) is fine; only what it did to A counts.
      }
      if (JSON.stringify(communityRows(db, a.community)) !== snapshotBefore) changed.push(name);
    }
    expect(changed).toEqual([]);
    expect(communityRows(db, a.community)).toEqual(before);
  });
});
