/**
 * Skill matching end to end on Slack, through the real app: skills set with slash commands, `/match` suggestions
 * by DM with "Introduce us" (a group DM), an admin's weekly round (one DM per member), and a round whose fan-out
 * meets a 429 from chat.postMessage and still reaches every member exactly once.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ApiCall } from '../support/fake-slack.ts';
import { blocksText, buttonsOf, SlackStack } from '../support/slack-stack.ts';

const ANA = 'U0ANA'; // workspace admin, no skills: not in the rounds
const EMMA = 'U0EMMA'; // designer, needs photos
const LUCAS = 'U0LUCAS'; // photographer, needs layout
const MIA = 'U0MIA'; // writer, needs video
const RAJ = 'U0RAJ'; // videographer, needs writing
const ZOE = 'U0ZOE'; // illustrator: five members, so one trio
const MEMBERS = [EMMA, LUCAS, MIA, RAJ, ZOE];
const SKILLS: Record<string, [offer: string, need: string]> = {
  [EMMA]: ['layout design, typography', 'photography'],
  [LUCAS]: ['product photography', 'layout'],
  [MIA]: ['copywriting', 'video editing'],
  [RAJ]: ['video editing', 'writing'],
  [ZOE]: ['illustration', 'risograph printing'],
};
const WEEK = 7 * 24 * 3_600_000;

let stack: SlackStack;

beforeAll(async () => {
  const users = [ANA, ...MEMBERS].map((id) => ({ id, name: id.slice(2).toLowerCase(), is_admin: id === ANA }));
  stack = await SlackStack.start({ users });
});

afterAll(async () => {
  await stack?.stop();
});

afterEach(async () => {
  // The 429 below is scripted; anything else Slack refused would be a bug.
  expect(await stack.problems(['ratelimited'])).toEqual([]);
});

/** A round's DM is the one with "Open a group chat" (its value is the pairing id); wording may change. */
const isRoundDm = (c: ApiCall) => buttonsOf(c).some((b) => b.action === 'match.group');
const isSuggestion = (c: ApiCall) => buttonsOf(c).some((b) => b.action === 'match.introduce');
/** The members a message mentions, other than `self`. */
const mentioned = (c: ApiCall, self: string) => MEMBERS.filter((m) => m !== self && blocksText(c).includes(`@${m}`));

describe('matching on Slack', () => {
  it('stores the skills members give with /skills offer and /skills need, normalised', async () => {
    for (const id of MEMBERS) {
      const [offer, need] = SKILLS[id]!;
      const offered = await stack.command(id, `/skills offer ${offer}`);
      expect(offered.response?.body.text).toMatch(/^Added to what you offer: /);
      await stack.command(id, `/skills need ${need}`);
    }
    const skills = async (id: string, kind: 'offer' | 'need') =>
      (await stack.repos.profiles.skills(stack.community, id, kind)).map((s) => s.skill);
    expect(await skills(LUCAS, 'offer')).toEqual(['photography']);
    expect(await skills(LUCAS, 'need')).toEqual(['layout-design']);
    expect(await skills(MIA, 'offer')).toEqual(['copywriting']);
  });

  it('/match answers with an ephemeral confirmation and DMs suggestions with "Introduce us"', async () => {
    const before = stack.dmsTo(EMMA).length;
    const { response } = await stack.command(EMMA, '/match');
    expect(response?.body).toMatchObject({ response_type: 'ephemeral' });
    const n = Number(/I've sent you (\d) suggestions? by DM/.exec(String(response?.body.text))?.[1]);
    const suggestions = stack.dmsTo(EMMA).slice(before);
    expect(n).toBeGreaterThanOrEqual(1);
    expect(suggestions).toHaveLength(n);
    expect(suggestions.every(isSuggestion)).toBe(true);
    // The photographer is the two-way match: first, with the reason both ways.
    expect(mentioned(suggestions[0]!, EMMA)).toEqual([LUCAS]);
    expect(blocksText(suggestions[0]!)).toMatch(/photography[\s\S]*layout design|layout design[\s\S]*photography/);
    for (const dm of suggestions) {
      expect(buttonsOf(dm).map((b) => b.label)).toEqual(['Introduce us', 'Not now']);
    }
  });

  it('"Introduce us" opens a group DM with both members and introduces each to the other', async () => {
    const suggestion = stack.dmsTo(EMMA).find((c) => isSuggestion(c) && mentioned(c, EMMA).includes(LUCAS));
    const calls = stack.fake.calls.length;
    const { response } = await stack.click(EMMA, suggestion!, 'Introduce us');
    expect(response?.body).toMatchObject({ replace_original: true });
    expect(response?.body.text).toContain(`started a conversation between you and <@${LUCAS}>`);

    const opened = await stack.fake.waitFor('conversations.open', () => true, calls);
    expect(String(opened.args.users).split(',').sort()).toEqual([EMMA, LUCAS]);
    const group = (opened.answer.channel as { id: string }).id;
    const [intro, ...more] = stack.postsTo(group);
    expect(more).toEqual([]);
    expect(blocksText(intro!)).toMatch(new RegExp(`Meet @(${EMMA} and @${LUCAS}|${LUCAS} and @${EMMA})`));
    expect(intro!.args.channel).toMatch(/^G/);
  });

  it("an admin's /hallway run match-round DMs every member taking part exactly once", async () => {
    const calls = stack.fake.calls.length;
    const { response } = await stack.command(ANA, '/hallway run match-round');
    expect(blocksText(response!.body)).toContain('match-round done.');
    const dms = roundDmsSince(calls);
    expect(Object.keys(dms).sort()).toEqual([...MEMBERS].sort());
    expect(Object.values(dms).every((list) => list.length === 1)).toBe(true);
    expectPartition(dms);
    expect(stack.dmsTo(ANA).filter(isRoundDm)).toEqual([]);
  });

  it('a 429 with Retry-After during the next round still gives every member exactly one DM', async () => {
    stack.clock.advance(WEEK);
    const calls = stack.fake.calls.length;
    stack.fake.failNext('chat.postMessage', { status: 429, retryAfter: 1 });
    const running = stack.command(ANA, '/hallway run match-round');

    const limited = await stack.fake.waitFor('chat.postMessage', (c) => c.status === 429, calls);
    const limitedAt = performance.now();
    const index = stack.fake.calls.all.indexOf(limited);
    const retried = await stack.fake.waitFor(
      'chat.postMessage',
      (c) => c.args.channel === limited.args.channel,
      index + 1,
    );
    const waited = performance.now() - limitedAt;
    // The drainer paused its whole Slack lane until Retry-After on the injected clock; move that clock past it so
    // the rest of the fan-out is not held back (the retry above already waited the second in real time).
    stack.clock.advance(2_000);
    const { response } = await running;
    expect(blocksText(response!.body)).toContain('match-round done.');

    expect(retried.answer.ok).toBe(true);
    expect(waited).toBeGreaterThanOrEqual(900);
    const dms = roundDmsSince(calls);
    expect(Object.keys(dms).sort()).toEqual([...MEMBERS].sort());
    expect(Object.values(dms).every((list) => list.length === 1)).toBe(true);
    expectPartition(dms);
    const attempts = stack.fake.calls.all
      .slice(calls)
      .filter((c) => c.method === 'chat.postMessage' && c.args.channel === limited.args.channel);
    expect(attempts.map((c) => c.status)).toEqual([429, 200]);
  });
});

/** Successful round DMs since call `from`, by member. */
function roundDmsSince(from: number): Record<string, ApiCall[]> {
  const dms: Record<string, ApiCall[]> = {};
  for (const call of stack.fake.calls.all.slice(from)) {
    if (call.method !== 'chat.postMessage' || call.answer.ok !== true || !isRoundDm(call)) continue;
    const to = String(call.args.channel);
    dms[to] = [...(dms[to] ?? []), call];
  }
  return dms;
}

/** The DMs describe one grouping: pairs and at most one trio, everyone once, partners naming each other. */
function expectPartition(dms: Record<string, ApiCall[]>): void {
  const groups = new Map<string, string[]>();
  for (const [member, [dm]] of Object.entries(dms)) {
    const pairing = buttonsOf(dm!).find((b) => b.action === 'match.group')!.value;
    groups.set(pairing, [...(groups.get(pairing) ?? []), member]);
  }
  expect([...groups.values()].map((g) => g.length).sort()).toEqual([2, 3]);
  for (const group of groups.values()) {
    for (const member of group) {
      expect(mentioned(dms[member]![0]!, member).sort()).toEqual(group.filter((m) => m !== member).sort());
    }
  }
}
