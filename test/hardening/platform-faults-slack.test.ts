/**
 * Platform faults on Slack, full stack: the real app (createApp, Bolt over HTTP, the outbox drainer, the real Web
 * API client) against the fake Slack, which answers one weekly match round's DM fan-out with a fault each time:
 * a 429 with Retry-After, 500s and 502s, a request it never answers, a socket it cuts mid-answer, and a permanent
 * `channel_not_found`. Each round must still reach every member exactly once (the permanent failure excepted, which
 * an admin sees in `/hallway stats`), never sooner than the platform allowed. Then duplicates: a click delivered
 * twice at once, a slash command sent twice and an event redelivered each have one effect.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { OutboxItem } from '#core/stores/outbox.ts';
import type { ApiCall } from '../support/fake-slack.ts';
import { buttonClick, sendCommand, sendInteraction } from '../support/slack-requests.ts';
import { blocksText, buttonsOf, type Handled, messageLocation, SlackStack } from '../support/slack-stack.ts';

const ANA = 'U0ANA'; // workspace admin: runs the rounds, reads the stats
const MEMBERS = ['U0EMMA', 'U0LUCAS', 'U0MIA', 'U0RAJ', 'U0ZOE', 'U0NOAH'];
const [EMMA, LUCAS, MIA, RAJ, ZOE] = MEMBERS as [string, string, string, string, string, string];
const SKILLS: [offer: string, need: string][] = [
  ['layout design', 'photography'],
  ['photography', 'layout design'],
  ['copywriting', 'video editing'],
  ['video editing', 'copywriting'],
  ['illustration', 'typography'],
  ['typography', 'illustration'],
];
const WEEK = 7 * 24 * 3_600_000;
/** Short, so a request that never answers costs a second, not the production ten. */
const TIMEOUT_MS = 1_000;
/** Scripted faults answer with these; anything else Slack refused would be a bug. */
const SCRIPTED = ['ratelimited', 'internal_error', 'no_answer', 'cut', 'channel_not_found'];

let stack: SlackStack;

beforeAll(async () => {
  const users = [ANA, ...MEMBERS].map((id) => ({ id, name: id.slice(2).toLowerCase(), is_admin: id === ANA }));
  stack = await SlackStack.start({ users, timeoutMs: TIMEOUT_MS });
  for (const [i, id] of MEMBERS.entries()) {
    await stack.command(id, `/skills offer ${SKILLS[i]![0]}`);
    await stack.command(id, `/skills need ${SKILLS[i]![1]}`);
  }
});

afterAll(async () => {
  await stack?.stop();
});

afterEach(() => {
  const refused = stack.fake.calls.all.filter(
    (c) => c.answer.ok !== true && !SCRIPTED.includes(String(c.answer.error)),
  );
  expect(refused.map((c) => `${c.method}: ${c.answer.error}`)).toEqual([]);
  expect(stack.fake.responses.all.filter((r) => r.status !== 200)).toEqual([]);
  // Failures are warnings; an error line means something broke (an unhandled failure, a crash in a listener).
  expect(stack.errors.lines).toEqual([]);
  // Each test accounts for the warnings its faults cause (see `expectWarnings`); any other is a surprise.
  expect(stack.errors.warnings).toEqual([]);
});

const isRoundDm = (c: ApiCall) => buttonsOf(c).some((b) => b.action === 'match.group');
const postsSince = (from: number) => stack.fake.calls.all.slice(from).filter((c) => c.method === 'chat.postMessage');
/** Every chat.postMessage to one member's DM since call `from`, failed ones included, in order. */
const attemptsTo = (member: string, from: number) => postsSince(from).filter((c) => c.args.channel === member);

/** The warnings logged since the last call are exactly these (in any order). */
function expectWarnings(...expected: string[]): void {
  expect(stack.errors.warnings.splice(0).sort()).toEqual(expected.sort());
}

/** The round's DM item of a member in the outbox (the newest DM to them). */
async function roundItem(member: string): Promise<OutboxItem> {
  const item = (await stack.repos.outbox.list(stack.community)).find(
    (i) => i.target.kind === 'dm' && i.target.userIds.includes(member),
  );
  if (!item) throw new Error(`no DM queued for ${member}`);
  return item;
}

/** A new week, and an admin runs the round; resolves once the answer was shown and the outbox settled. */
async function runRound(): Promise<number> {
  stack.clock.advance(WEEK);
  const from = stack.fake.calls.length;
  const { response } = await stack.command(ANA, '/hallway run match-round');
  expect(blocksText(response!.body)).toContain('match-round done.');
  return from;
}

/** Each member delivered exactly one round DM since `from` (the members in `except` none). */
function expectOneRoundDmEach(from: number, except: readonly string[] = []): void {
  const delivered = postsSince(from).filter((c) => c.answer.ok === true && isRoundDm(c));
  const counts = Object.fromEntries(MEMBERS.map((m) => [m, delivered.filter((c) => c.args.channel === m).length]));
  expect(counts).toEqual(Object.fromEntries(MEMBERS.map((m) => [m, except.includes(m) ? 0 : 1])));
}

/**
 * Members answer their round ("Can't this week"), as engaged members do: three silent rounds in a row would pause
 * them, and the next round would have no one to fan out to.
 */
async function answerRound(from: number): Promise<void> {
  for (const dm of postsSince(from).filter((c) => c.answer.ok === true && isRoundDm(c))) {
    const { response } = await stack.click(String(dm.args.channel), dm, "Can't this week");
    expect(response?.body.text).toContain('No problem');
  }
}

describe('faults during a round fan-out on Slack', () => {
  it('429 with Retry-After: the lane waits it out, nothing is sent meanwhile, everyone gets one DM', async () => {
    stack.fake.failNext('chat.postMessage', { status: 429, retryAfter: 1 });
    stack.clock.advance(WEEK);
    const from = stack.fake.calls.length;
    const running = stack.command(ANA, '/hallway run match-round');
    const limited = await stack.fake.waitFor('chat.postMessage', (c) => c.status === 429, from);
    const retried = await stack.fake.waitFor(
      'chat.postMessage',
      (c) => c.args.channel === limited.args.channel && c.status === 200,
      stack.fake.calls.all.indexOf(limited) + 1,
    );
    // The clock stands still in these tests; the lane's pause is measured on it, so move it past Retry-After now
    // (the retry above already waited the second in real time).
    stack.clock.advance(1_000);
    await running;

    expect(retried.at - limited.at).toBeGreaterThanOrEqual(1_000);
    const inWindow = postsSince(from).filter((c) => c.at > limited.at && c.at < limited.at + 1_000);
    expect(inWindow).toEqual([]);
    expect(attemptsTo(String(limited.args.channel), from).map((c) => c.status)).toEqual([429, 200]);
    expect(postsSince(from).filter((c) => c.status === 429)).toHaveLength(1);
    expectOneRoundDmEach(from);
    expectWarnings('rate limited: pausing');
    await answerRound(from);
  });

  it('500 and 502: retried with growing backoff (client, then outbox), then delivered once', async () => {
    const target = LUCAS;
    const toTarget = (args: Record<string, unknown>) => args.channel === target;
    const failThrice = (a: number, b: number, c: number) => {
      for (const status of [a, b, c]) stack.fake.failNext('chat.postMessage', { status, when: toTarget });
    };
    failThrice(500, 502, 500);
    const from = await runRound();
    // The Web API client retried twice itself (200 ms, then 400 ms), then the outbox took over with its backoff.
    const first = attemptsTo(target, from);
    expect(first.map((c) => c.status)).toEqual([500, 502, 500]);
    const clientGaps = [first[1]!.at - first[0]!.at, first[2]!.at - first[1]!.at];
    expect(clientGaps[0]).toBeGreaterThanOrEqual(200);
    expect(clientGaps[1]).toBeGreaterThan(clientGaps[0]!);
    const roundAt = stack.clock.now().getTime();
    const after1 = await roundItem(target);
    expect(after1).toMatchObject({ status: 'pending', attempts: 1, lastError: 'transient: http_500' });
    const backoff1 = after1.notBefore.getTime() - roundAt;
    expect(backoff1).toBeGreaterThanOrEqual(2_500);

    // Not a moment early: a forced pass a millisecond before the retry is due sends nothing.
    failThrice(502, 500, 502);
    stack.clock.set(new Date(after1.notBefore.getTime() - 1));
    expect(await stack.app.drainer.drainOnce()).toBe(0);
    expect(attemptsTo(target, from)).toHaveLength(3);
    stack.clock.set(after1.notBefore);
    await stack.settle();
    const after2 = await roundItem(target);
    expect(after2).toMatchObject({ status: 'pending', attempts: 2 });
    const backoff2 = after2.notBefore.getTime() - after1.notBefore.getTime();
    expect(backoff2).toBeGreaterThan(backoff1);

    stack.clock.set(after2.notBefore);
    await stack.settle();
    expect(attemptsTo(target, from).map((c) => c.status)).toEqual([500, 502, 500, 502, 500, 502, 200]);
    expect(await roundItem(target)).toMatchObject({ status: 'sent', attempts: 3 });
    expectOneRoundDmEach(from);
    expectWarnings('outbox send failed', 'outbox send failed');
    await answerRound(from);
  });

  it('a request that never answers: the client times out, retries, and the DM is delivered once', async () => {
    const target = MIA;
    stack.fake.failNext('chat.postMessage', { fault: 'hang', when: (args) => args.channel === target });
    const from = await runRound();
    const [hung, retry, ...more] = attemptsTo(target, from);
    expect(more).toEqual([]);
    expect(hung).toMatchObject({ status: 0, answer: { error: 'no_answer' } });
    expect(retry).toMatchObject({ status: 200, answer: { ok: true } });
    // The retry came after the timeout fired (plus the client's 200 ms pause), not before.
    expect(retry!.at - hung!.at).toBeGreaterThanOrEqual(TIMEOUT_MS);
    expect(await roundItem(target)).toMatchObject({ status: 'sent', attempts: 1 });
    expectOneRoundDmEach(from);
    expectWarnings('http request failed The operation was aborted due to timeout');
    await answerRound(from);
  });

  it('a socket cut mid-answer: the item goes back to the queue and is delivered once', async () => {
    const target = RAJ;
    stack.fake.failNext('chat.postMessage', { fault: 'cut', when: (args) => args.channel === target });
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

  it('channel_not_found: failed for good, never retried, counted in /hallway stats; the rest delivered', async () => {
    const target = ZOE;
    stack.fake.failNext('chat.postMessage', { error: 'channel_not_found', when: (args) => args.channel === target });
    const from = await runRound();
    expect(await roundItem(target)).toMatchObject({
      status: 'failed',
      attempts: 1,
      lastError: 'not_found: channel_not_found',
    });
    expectOneRoundDmEach(from, [target]);

    // A day later, with a forced pass: still the one attempt.
    stack.clock.advance(24 * 3_600_000);
    expect(await stack.app.drainer.drainOnce()).toBe(0);
    await stack.settle();
    expect(attemptsTo(target, from).map((c) => c.answer.error)).toEqual(['channel_not_found']);

    const { response } = await stack.command(ANA, '/hallway stats');
    expect(blocksText(response!.body)).toMatch(/Messages undeliverable\n1\b/);
    expect((await stack.repos.outbox.counts(stack.community)).failed).toBe(1);
    expectWarnings('outbox item failed for good');
  });
});

describe('duplicates and replays on Slack', () => {
  /** Sends the same signed request twice at once; resolves once the core has handled both copies. */
  async function twice(send: () => Promise<{ status: number }>, handled: (h: Handled) => boolean): Promise<void> {
    const from = stack.handled.length;
    const statuses = (await Promise.all([send(), send()])).map((r) => r.status);
    expect(statuses).toEqual([200, 200]);
    await stack.handled.waitForCount(handled, 2, from, 'both copies handled');
    await stack.settle();
  }

  it('the same RSVP click payload delivered twice at once: one RSVP, one card update', async () => {
    await stack.command(ANA, '/hallway config meetup-channel:<#C0EVENTS|events>');
    await stack.command(ANA, '/meetup create title:"Zine night" when:"fri 19:00"');
    const [card] = stack.postsTo('C0EVENTS');
    const going = buttonsOf(card!).find((b) => b.label === 'Going')!;
    const { channel, ts } = messageLocation(card!);
    const responseId = randomUUID();
    const payload = buttonClick({
      teamId: stack.fake.teamId,
      userId: EMMA,
      actionId: going.actionId,
      value: going.value,
      responseUrl: stack.fake.responseUrl(responseId),
      messageTs: ts,
      channelId: channel,
    });
    await twice(
      async () => await sendInteraction(stack.target, payload),
      (h) => h.event.kind === 'action' && h.event.actor.userId === EMMA,
    );
    const meetupId = Number(going.value.split(':')[0]);
    const rsvps = await stack.repos.meetups.listRsvps(stack.community, meetupId);
    expect(rsvps.map((r) => `${r.userId}:${r.status}`)).toEqual([`${EMMA}:going`]);
    expect(stack.updatesOf(card!)).toHaveLength(1);
    expect(blocksText(stack.updatesOf(card!)[0]!)).toContain('1 going');
    // The copy is the same signed request (a replay): it has no effect and no answer; the original is confirmed.
    await stack.fake.responses.waitFor((r) => r.id === responseId);
    await stack.settle();
    const answers = stack.fake.responses.all.filter((r) => r.id === responseId);
    expect(answers.map((r) => String(r.body.text).slice(0, 16))).toEqual(["You're going to "]);
  });

  it('the same slash command sent twice at once answers twice but writes once', async () => {
    const stored = async () => (await stack.repos.profiles.skills(stack.community, LUCAS, 'offer')).map((s) => s.skill);
    const before = await stored();
    const fields = {
      command: '/skills',
      text: 'offer screen printing',
      user_id: LUCAS,
      team_id: stack.fake.teamId,
      channel_id: 'C0GENERAL',
      response_url: stack.fake.responseUrl(randomUUID()),
      trigger_id: `trigger-${randomUUID()}`,
    };
    await twice(
      async () => await sendCommand(stack.target, fields),
      (h) => h.event.kind === 'command' && h.event.actor.userId === LUCAS,
    );
    expect(await stored()).toEqual([...before, 'screen-printing']);
  });

  it('an Events API event redelivered by Slack has one effect: one welcome DM', async () => {
    const newcomer = { id: 'U0NEW', name: 'new', profile: { display_name: 'New' } };
    stack.fake.addUser(newcomer);
    await stack.event({ type: 'team_join', user: newcomer }, 'EvJOINNEW');
    await stack.event({ type: 'team_join', user: newcomer }, 'EvJOINNEW', 1);
    expect(stack.dmsTo('U0NEW')).toHaveLength(1);
    expect((await stack.repos.outbox.list(stack.community)).filter((i) => i.key === 'welcome:U0NEW')).toHaveLength(1);
  });
});
