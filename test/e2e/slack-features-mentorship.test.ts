/**
 * Mentorship and "who's in today" end to end on Slack, through the real app: a mentor request accepted by button
 * (the mentor's DM, Accept, a group DM introducing both), then members checking in, `/here who` with its Coffee?
 * button, the morning nudge's Coffee? tapped and answered Sure.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { blocksText, buttonsOf, SlackStack } from '../support/slack-stack.ts';

const ANA = 'U0ANA'; // workspace admin
const EMMA = 'U0EMMA';
const LUCAS = 'U0LUCAS';
const MIA = 'U0MIA';
const RAJ = 'U0RAJ';

let stack: SlackStack;

beforeAll(async () => {
  const users = [ANA, EMMA, LUCAS, MIA, RAJ].map((id) => ({
    id,
    name: id.slice(2).toLowerCase(),
    is_admin: id === ANA,
    profile: { display_name: id.charAt(2) + id.slice(3).toLowerCase() },
  }));
  stack = await SlackStack.start({ users });
});

afterAll(async () => {
  await stack?.stop();
});

afterEach(async () => {
  expect(await stack.problems()).toEqual([]);
});

describe('mentorship on Slack', () => {
  it('a request reaches the mentor with Accept / Not now; Accept introduces both in a group DM', async () => {
    const offered = await stack.command(RAJ, '/mentor offer skills:"video editing" capacity:2');
    expect(offered.response?.body.text).toMatch(/you mentor \*?video editing\*?, up to 2 mentees at once/);
    const asked = await stack.command(MIA, `/mentor request <@${RAJ}|raj> about:"cutting my first reel"`);
    expect(asked.response?.body).toMatchObject({ response_type: 'ephemeral' });
    expect(blocksText(asked.response!.body)).toContain(`I've asked @${RAJ} to mentor you in video editing`);

    const [ask, ...more] = stack.dmsTo(RAJ);
    expect(more).toEqual([]);
    expect(blocksText(ask!)).toContain(`@${MIA} would like you as their mentor for video editing`);
    expect(blocksText(ask!)).toContain('cutting my first reel');
    expect(buttonsOf(ask!).map((b) => `${b.label}=${b.action}`)).toEqual([
      'Accept=mentor.accept',
      'Not now=mentor.decline',
    ]);

    const calls = stack.fake.calls.length;
    const accepted = await stack.click(RAJ, ask!, 'Accept');
    expect(accepted.response?.body).toMatchObject({ replace_original: true });
    expect(blocksText(accepted.response!.body)).toContain(`You're now mentoring @${MIA} in video editing`);
    const opened = await stack.fake.waitFor('conversations.open', () => true, calls);
    expect(String(opened.args.users).split(',').sort()).toEqual([MIA, RAJ]);
    const group = (opened.answer.channel as { id: string }).id;
    const [intro] = stack.postsTo(group);
    expect(blocksText(intro!)).toContain(`@${RAJ} will mentor @${MIA} in video editing`);

    const status = await stack.command(MIA, '/mentor status');
    expect(blocksText(status.response!.body)).toContain(`@${RAJ} mentors you in video editing`);
  });
});

describe("who's in today on Slack", () => {
  it('/here who shows who is in with Coffee?; a Coffee? tap reaches the other member, who answers Sure', async () => {
    await stack.command(ANA, '/hallway config presence:on');
    await stack.command(EMMA, '/skills offer layout design');
    await stack.command(EMMA, '/skills need photography');
    await stack.command(LUCAS, '/skills offer photography');
    await stack.command(LUCAS, '/skills need layout design');
    await stack.command(EMMA, '/here nudges on');
    const checkedIn = await stack.command(EMMA, '/here where:"Studio 4"');
    expect(blocksText(checkedIn.response!.body)).toContain("You're in for the day (Studio 4)");
    await stack.command(LUCAS, '/here where:Darkroom');

    const who = await stack.command(LUCAS, '/here who');
    expect(blocksText(who.response!.body)).toContain(`@${EMMA} — Studio 4`);
    expect(buttonsOf(who.response!.body).map((b) => b.label)).toEqual(['Coffee with Emma?']);

    // Emma's morning nudge names Lucas, with the same Coffee? button; she taps it.
    const [nudge] = stack.dmsTo(EMMA).filter((c) => blocksText(c).includes('is in today too'));
    expect(blocksText(nudge!)).toContain(`@${LUCAS} offers photography, which you need`);
    const tapped = await stack.click(EMMA, nudge!, 'Coffee with Lucas?');
    expect(blocksText(tapped.response!.body)).toContain(`I've asked @${LUCAS}`);
    const [invite] = stack.dmsTo(LUCAS).filter((c) => blocksText(c).includes('would like a coffee'));
    expect(blocksText(invite!)).toContain(
      `@${EMMA} is in too and would like a coffee. They're at Studio 4, for the day.`,
    );
    expect(buttonsOf(invite!).map((b) => b.label)).toEqual(['Sure', 'Not today']);

    await stack.click(LUCAS, invite!, 'Sure');
    const told = stack.dmsTo(EMMA).filter((c) => blocksText(c).includes('says sure'));
    expect(told.map((c) => blocksText(c))).toEqual([
      expect.stringContaining(`@${LUCAS} says sure to a coffee! They're at Darkroom.`),
    ]);
  });
});
