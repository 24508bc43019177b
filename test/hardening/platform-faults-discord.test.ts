/**
 * Platform faults on Discord, full stack: the real app (createApp, discord.js over the gateway and REST, the outbox
 * drainer) against the fake Discord, which answers one weekly match round's DM fan-out with a fault each time: a 429
 * with Retry-After and X-RateLimit headers, 500s and 502s, a request it never answers, a socket it cuts mid-answer,
 * and permanent refusals (50007 closed DMs, 10003 unknown channel). Each round must still reach every member exactly
 * once (the refused ones excepted, which an admin sees in `/hallway stats`), never sooner than Discord allowed. Then
 * the gateway asks the client to reconnect, invalidates its session and drops the connection: the client resumes and
 * every interaction, including one sent while it was away, is answered. An interaction delivered twice has one effect.
 */
import { once } from 'node:events';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { OutboxItem } from '#core/stores/outbox.ts';
import { customIds, DiscordStack, visibleText } from '../support/discord-stack.ts';
import type { InteractionState, RecordedCall } from '../support/fake-discord.ts';
import type { FakeUser } from '../support/fake-discord-payloads.ts';
import { ErrorLog } from '../support/slack-stack-support.ts';

const WEEK = 7 * 24 * 3_600_000;
/** Short, so a request that never answers costs a second, not the production ten. */
const TIMEOUT_MS = 1_000;
const SKILLS: [offer: string, need: string][] = [
  ['layout design', 'photography'],
  ['photography', 'layout design'],
  ['copywriting', 'video editing'],
  ['video editing', 'copywriting'],
  ['illustration', 'typography'],
  ['typography', 'illustration'],
];
const MESSAGES = 'POST /channels/:id/messages';
const OPEN_DM = 'POST /users/@me/channels';

let stack: DiscordStack;
const log = new ErrorLog();
let host: FakeUser;
let members: FakeUser[];

beforeAll(async () => {
  stack = await DiscordStack.start({ timeoutMs: TIMEOUT_MS, log });
  host = stack.fake.addMember('host', String(0x20), 'Host');
  members = ['ava', 'bo', 'cy', 'di', 'ed', 'flo'].map((name) => stack.fake.addMember(name, '0'));
  for (const [i, m] of members.entries()) {
    await stack.command(m, 'skills', 'offer', { skills: SKILLS[i]![0] });
    await stack.command(m, 'skills', 'need', { skills: SKILLS[i]![1] });
  }
});

afterAll(async () => {
  await stack?.stop();
});

afterEach(() => {
  // Failures are warnings; an error line means something broke (an unhandled failure, a listener that threw).
  expect(log.lines).toEqual([]);
  // Each test accounts for the warnings its faults cause (see `expectWarnings`); any other is a surprise.
  expect(log.warnings).toEqual([]);
});

/** The warnings logged since the last call are exactly these (in any order). */
function expectWarnings(...expected: string[]): void {
  expect(log.warnings.splice(0).sort()).toEqual(expected.sort());
}

const isRoundDm = (c: RecordedCall) => customIds(c.body).some((id) => id.includes('/match.group|'));
const dmPath = (user: FakeUser) => `/channels/${stack.fake.dmChannelFor(user.id)}/messages`;
const toDm = (user: FakeUser) => (c: RecordedCall) => c.path === dmPath(user);
/** Every message POST to a member's DM since call `from`, failed ones included, in order. */
const attemptsTo = (user: FakeUser, from: number) =>
  stack.fake.calls.slice(from).filter((c) => c.route === MESSAGES && c.path === dmPath(user));

/** The round's DM item of a member in the outbox (the newest DM to them). */
async function roundItem(user: FakeUser): Promise<OutboxItem> {
  const item = (await stack.repos.outbox.list(stack.community)).find(
    (i) => i.target.kind === 'dm' && i.target.userIds.includes(user.id),
  );
  if (!item) throw new Error(`no DM queued for ${user.username}`);
  return item;
}

/** A new week, and the host runs the round; resolves once the answer arrived and the outbox settled. */
async function runRound(): Promise<number> {
  stack.clock.advance(WEEK);
  const from = stack.fake.calls.length;
  const answer = await stack.command(host, 'hallway', 'run', { job: 'match-round' });
  expect(visibleText(answer.data)).toContain('`match-round` done.');
  return from;
}

/** Each member got exactly one round DM since `from` (the members in `except` none). */
function expectOneRoundDmEach(from: number, except: readonly FakeUser[] = []): void {
  const delivered = stack.fake.calls
    .slice(from)
    .filter((c) => c.route === MESSAGES && c.status === 200 && isRoundDm(c));
  const count = (m: FakeUser) => delivered.filter(toDm(m)).length;
  expect(Object.fromEntries(members.map((m) => [m.username, count(m)]))).toEqual(
    Object.fromEntries(members.map((m) => [m.username, except.includes(m) ? 0 : 1])),
  );
}

/** Members answer their round ("Can't this week"): three silent rounds in a row would pause them. */
async function answerRound(from: number): Promise<void> {
  for (const m of members) {
    const dm = stack.fake.calls.slice(from).find((c) => toDm(m)(c) && c.status === 200 && isRoundDm(c));
    const skip = dm && customIds(dm.body).find((id) => id.includes('/match.skip|'));
    if (!skip) continue;
    const answer = await stack.click(m, skip, { inDm: true });
    expect(visibleText(answer.data)).toContain('No problem');
  }
}

/** Interaction callbacks recorded for one interaction. */
const callbacksOf = (i: InteractionState) =>
  stack.fake
    .callsTo('POST /interactions/:id/:token/callback')
    .filter((c) => c.path.startsWith(`/interactions/${i.id}/`));

describe('faults during a round fan-out on Discord', () => {
  it('429 with Retry-After and X-RateLimit headers: waited out, nothing sent meanwhile, one DM each', async () => {
    stack.fake.rateLimitNext(OPEN_DM, 0.3);
    stack.fake.rateLimitNext(MESSAGES, 0.3);
    stack.clock.advance(WEEK);
    const from = stack.fake.calls.length;
    const startedAt = Date.now();
    // The clock stands still in these tests and the lane's pause is measured on it: once the blocked DM went
    // through (after waiting in real time), move it past Retry-After, as real time would have.
    const caughtUp = (async () => {
      const blocked = await stack.fake.waitFor(MESSAGES, (c) => c.status === 429 && c.at >= startedAt);
      await stack.fake.waitFor(MESSAGES, (c) => c.path === blocked.path && c.status === 200 && c.at >= blocked.at);
      stack.clock.advance(400);
    })();
    const answer = await stack.command(host, 'hallway', 'run', { job: 'match-round' });
    await caughtUp;
    expect(visibleText(answer.data)).toContain('`match-round` done.');

    const since = stack.fake.calls.slice(from);
    const limited = since.filter((c) => c.status === 429);
    expect(limited.map((c) => c.route).sort()).toEqual([MESSAGES, OPEN_DM]);
    for (const blocked of limited) {
      const sameRoute = since.filter((c) => c.route === blocked.route && c !== blocked);
      // Nothing on that route while Discord said to wait; the retry of the same request came after the wait.
      expect(sameRoute.filter((c) => c.at > blocked.at && c.at < blocked.at + 300)).toEqual([]);
      const retry = sameRoute.find((c) => c.path === blocked.path && c.at >= blocked.at && c.status === 200);
      expect(retry!.at - blocked.at).toBeGreaterThanOrEqual(300);
    }
    expectOneRoundDmEach(from);
    for (const m of members)
      expect(
        attemptsTo(m, from).filter((c) => c.status === 200),
        m.username,
      ).toHaveLength(1);
    expectWarnings('rate limited: pausing', 'rate limited: pausing');
    await answerRound(from);
  });

  it('500 and 502: retried with growing backoff, then delivered once', async () => {
    const target = members[1]!;
    const failTwice = (a: number, b: number) => {
      for (const status of [a, b]) stack.fake.script({ route: MESSAGES, status, when: toDm(target) });
    };
    failTwice(500, 502);
    const from = await runRound();
    // discord.js retried the 5xx once at once; then the outbox took over with its backoff.
    expect(attemptsTo(target, from).map((c) => c.status)).toEqual([500, 502]);
    const roundAt = stack.clock.now().getTime();
    const after1 = await roundItem(target);
    expect(after1).toMatchObject({ status: 'pending', attempts: 1, lastError: 'transient: http_502' });
    const backoff1 = after1.notBefore.getTime() - roundAt;
    expect(backoff1).toBeGreaterThanOrEqual(2_500);
    expectOneRoundDmEach(from, [target]);

    failTwice(502, 500);
    stack.clock.set(new Date(after1.notBefore.getTime() - 1));
    expect(await stack.app.drainer.drainOnce()).toBe(0);
    expect(attemptsTo(target, from)).toHaveLength(2);
    stack.clock.set(after1.notBefore);
    await stack.settle();
    const after2 = await roundItem(target);
    expect(after2).toMatchObject({ status: 'pending', attempts: 2 });
    const backoff2 = after2.notBefore.getTime() - after1.notBefore.getTime();
    expect(backoff2).toBeGreaterThan(backoff1);

    stack.clock.set(after2.notBefore);
    await stack.settle();
    expect(attemptsTo(target, from).map((c) => c.status)).toEqual([500, 502, 502, 500, 200]);
    expect(await roundItem(target)).toMatchObject({ status: 'sent', attempts: 3 });
    expectOneRoundDmEach(from);
    expectWarnings('outbox send failed', 'outbox send failed');
    await answerRound(from);
  });

  it('a request that never answers: the REST timeout fires, the send is retried and delivered once', async () => {
    const target = members[2]!;
    stack.fake.script({ route: MESSAGES, status: 0, fault: 'hang', when: toDm(target) });
    const from = await runRound();
    const [hung, retry, ...more] = attemptsTo(target, from);
    expect(more).toEqual([]);
    expect(hung?.status).toBe(0);
    expect(retry?.status).toBe(200);
    expect(retry!.at - hung!.at).toBeGreaterThanOrEqual(TIMEOUT_MS);
    expect(await roundItem(target)).toMatchObject({ status: 'sent', attempts: 1 });
    expectOneRoundDmEach(from);
    await answerRound(from);
  });

  it('a socket cut mid-answer: the item goes back to the queue and is delivered once', async () => {
    const target = members[3]!;
    stack.fake.script({ route: MESSAGES, status: 0, fault: 'cut', when: toDm(target) });
    const from = await runRound();
    expect(attemptsTo(target, from).map((c) => c.status)).toEqual([0]);
    const item = await roundItem(target);
    expect(item).toMatchObject({ status: 'pending', attempts: 1 });
    expect(item.notBefore.getTime() - stack.clock.now().getTime()).toBeGreaterThanOrEqual(2_500);
    expectOneRoundDmEach(from, [target]);

    stack.clock.set(item.notBefore);
    await stack.settle();
    expect(attemptsTo(target, from).map((c) => c.status)).toEqual([0, 200]);
    expect(await roundItem(target)).toMatchObject({ status: 'sent', attempts: 2 });
    expectOneRoundDmEach(from);
    expectWarnings('outbox send failed');
    await answerRound(from);
  });

  it('50007 and 10003: failed for good, never retried, counted in /hallway stats; the rest delivered', async () => {
    const [closed, gone] = [members[4]!, members[5]!];
    stack.fake.closedDms.add(closed.id);
    stack.fake.script({
      route: MESSAGES,
      status: 404,
      body: { code: 10003, message: 'Unknown Channel' },
      when: toDm(gone),
    });
    const from = await runRound();
    expect(await roundItem(closed)).toMatchObject({ status: 'failed', attempts: 1, lastError: 'dm_closed: 50007' });
    expect(await roundItem(gone)).toMatchObject({ status: 'failed', attempts: 1, lastError: 'not_found: 10003' });
    expect((await stack.repos.members.get(stack.community, closed.id))?.dmUnreachable).toBe(true);
    expectOneRoundDmEach(from, [closed, gone]);

    stack.clock.advance(24 * 3_600_000);
    expect(await stack.app.drainer.drainOnce()).toBe(0);
    await stack.settle();
    expect(attemptsTo(closed, from).map((c) => c.status)).toEqual([403]);
    expect(attemptsTo(gone, from).map((c) => c.status)).toEqual([404]);

    const stats = await stack.command(host, 'hallway', 'stats');
    expect(visibleText(stats.data)).toContain('Messages undeliverable: 2');
    expect((await stack.repos.outbox.counts(stack.community)).failed).toBe(2);
    expectWarnings('outbox item failed for good', 'outbox item failed for good');
  });
});

describe('gateway reconnects on Discord', () => {
  const show = (user: FakeUser) => stack.fake.command(user, 'skills', [{ name: 'show', type: 1, options: [] }]);

  /** The interaction was answered exactly once, with its skills. */
  async function expectAnswered(i: InteractionState): Promise<void> {
    const answer = await stack.answerTo(i);
    expect(visibleText(answer.data)).toContain('Your skills');
    expect(callbacksOf(i).map((c) => c.status)).toEqual([204]);
  }

  it('op 7 RECONNECT: resumes (no new IDENTIFY); an interaction sent meanwhile and one after are answered', async () => {
    const identified = stack.fake.gateway.identified.length;
    const resumed = once(stack.fake.gateway, 'resumed');
    stack.fake.gateway.requestReconnect();
    const meanwhile = show(members[0]!);
    await resumed;
    await expectAnswered(meanwhile);
    await expectAnswered(show(members[0]!));
    expect(stack.fake.gateway.identified).toHaveLength(identified);
  });

  it('op 9 INVALID_SESSION (resumable): resumes the session and keeps answering', async () => {
    const identified = stack.fake.gateway.identified.length;
    const resumed = once(stack.fake.gateway, 'resumed');
    stack.fake.gateway.invalidateSession(true);
    await resumed;
    await expectAnswered(show(members[1]!));
    expect(stack.fake.gateway.identified).toHaveLength(identified);
  });

  it('op 9 (resumable) and then close 4000, as Discord does: resumes again on a new connection', async () => {
    const identified = stack.fake.gateway.identified.length;
    const resumes = stack.fake.gateway.resumes.length;
    stack.fake.gateway.invalidateSession(true);
    stack.fake.gateway.closeConnections(4000);
    // Whichever RESUME wins the race with the close, the one on the new connection comes last.
    const missed = show(members[3]!);
    await expectAnswered(missed);
    await expectAnswered(show(members[3]!));
    expect(stack.fake.gateway.resumes.length).toBeGreaterThan(resumes);
    expect(stack.fake.gateway.identified).toHaveLength(identified);
  });

  it('close 4000: reconnects, resumes, gets the interaction it missed replayed, and answers it', async () => {
    const identified = stack.fake.gateway.identified.length;
    const resumed = once(stack.fake.gateway, 'resumed');
    stack.fake.gateway.closeConnections(4000);
    const missed = show(members[2]!);
    await resumed;
    expect(stack.fake.gateway.resumes.at(-1)?.replayed).toBe(1);
    await expectAnswered(missed);
    await expectAnswered(show(members[2]!));
    expect(stack.fake.gateway.identified).toHaveLength(identified);
  });
});

describe('duplicates on Discord', () => {
  it('the same INTERACTION_CREATE delivered twice writes once and is answered once', async () => {
    const user = members[0]!;
    const stored = async () =>
      (await stack.repos.profiles.skills(stack.community, user.id, 'offer')).map((s) => s.skill);
    const before = await stored();
    const offer = [{ name: 'offer', type: 1, options: [{ name: 'skills', type: 3, value: 'screen printing' }] }];
    const i = stack.fake.command(user, 'skills', offer);
    stack.fake.redeliver(i);
    const answer = await stack.answerTo(i);
    expect(visibleText(answer.data)).toMatch(/^Added/);
    // A later interaction's answer: by then the second delivery has been handled too (events are taken in order).
    await stack.answerTo(stack.fake.command(user, 'skills', [{ name: 'show', type: 1, options: [] }]));
    expect(callbacksOf(i).map((c) => c.status)).toEqual([204]);
    expect(await stored()).toEqual([...before, 'screen-printing']);
  });
});
