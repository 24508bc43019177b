/**
 * Mentorship and "who's in today" end to end on Discord: the real discord.js client against the fake Discord. A
 * mentor request made with typed options reaches the mentor's DM; Accept introduces both by DM; members check in,
 * `/here who` offers Coffee?, and a Coffee? tap reaches the other member, who answers Sure.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customIds, DiscordStack, visibleText } from '../support/discord-stack.ts';
import { expectNoRawUserIds, expectNoStrayPings } from '../support/discord-mentions.ts';
import type { FakeUser } from '../support/fake-discord-payloads.ts';

let stack: DiscordStack;
let emma: FakeUser;
let lucas: FakeUser;
let mia: FakeUser;
let raj: FakeUser;

beforeAll(async () => {
  stack = await DiscordStack.start();
  emma = stack.fake.addMember('emma', '0', 'Emma');
  lucas = stack.fake.addMember('lucas', '0', 'Lucas');
  mia = stack.fake.addMember('mia', '0', 'Mia');
  raj = stack.fake.addMember('raj', '0', 'Raj');
});

afterAll(async () => {
  await stack?.stop();
});

/** The custom id of the first button of `action` in the member's DMs, newest first. */
function buttonFor(user: FakeUser, action: string): string {
  for (const dm of [...stack.dmsTo(user)].reverse()) {
    const id = customIds(dm.body).find((c) => c.includes(`/${action}|`));
    if (id) return id;
  }
  throw new Error(`no ${action} button for ${user.username}`);
}

describe('mentorship on Discord', () => {
  it('a request made with typed options is accepted by button, and both are introduced', async () => {
    const offered = await stack.command(raj, 'mentor', 'offer', { skills: 'video editing', capacity: 2 });
    expect(offered.data.content).toMatch(/you mentor \*\*video editing\*\*, up to 2 mentees at once/);
    const asked = await stack.command(mia, 'mentor', 'request', {
      member: { user: raj.id },
      about: 'cutting my first reel',
      goal: 'a 60-second showreel',
    });
    expect(asked.data.flags).toBe(64);
    expect(asked.data.content).toContain(`I've asked <@${raj.id}> to mentor you in **video editing**`);
    const [ask] = stack.dmsTo(raj);
    expect(visibleText(ask?.body)).toContain(`<@${mia.id}> would like you as their mentor for **video editing**`);
    expect(customIds(ask?.body)).toEqual([
      expect.stringMatching(/\/mentor\.accept\|\d+$/),
      expect.stringMatching(/\/mentor\.decline\|\d+$/),
    ]);

    const accepted = await stack.click(raj, buttonFor(raj, 'mentor.accept'), { inDm: true });
    expect(accepted.type).toBe(7); // the ask is replaced in place
    expect(visibleText(accepted.data)).toContain(`You're now mentoring <@${mia.id}> in **video editing**`);
    // Discord has no group DMs for bots: each gets the introduction, naming both.
    for (const user of [raj, mia]) {
      const intro = stack.dmsTo(user).find((c) => visibleText(c.body).includes('will mentor'));
      expect(visibleText(intro?.body)).toContain(`<@${raj.id}> will mentor <@${mia.id}> in **video editing**`);
      expect(intro?.body.allowed_mentions).toEqual({ parse: [], users: [raj.id, mia.id] });
    }
    const mentorships = await stack.repos.mentorship.mentorshipsOf(stack.community, mia.id, ['active']);
    expect(mentorships.map((m) => m.mentorId)).toEqual([raj.id]);
  });
});

describe("who's in today on Discord", () => {
  it('/here who offers Coffee?; a tap invites the other member, who answers Sure', async () => {
    // Set directly: `/hallway config` now has more than 25 options, which Discord takes as an option/value pair
    // (adapters/discord); how that is typed is the adapter's business, tested there.
    const settings = (await stack.repos.communities.get(stack.community))?.settings ?? {};
    await stack.repos.communities.saveSettings(stack.community, { ...settings, presence: true });
    await stack.command(emma, 'skills', 'offer', { skills: 'layout design' });
    await stack.command(emma, 'skills', 'need', { skills: 'photography' });
    await stack.command(lucas, 'skills', 'offer', { skills: 'photography' });
    await stack.command(lucas, 'skills', 'need', { skills: 'layout design' });
    expect((await stack.command(emma, 'here', 'in', { where: 'Studio 4' })).data.content).toContain(
      "You're in for the day (**Studio 4**)",
    );
    await stack.command(lucas, 'here', 'in', { until: '17:00', where: 'Darkroom' });

    const who = await stack.command(emma, 'here', 'who');
    expect(who.data.flags).toBe(64);
    expect(visibleText(who.data)).toContain(`<@${lucas.id}> offers photography, which you need`);
    const [coffee] = customIds(who.data);
    expect(coffee).toBe(`presence.coffee|${lucas.id}`); // in a server channel: no server prefix needed

    const tapped = await stack.click(emma, coffee!);
    expect(visibleText(tapped.data)).toContain(`I've asked <@${lucas.id}>`);
    const invite = stack.dmsTo(lucas).find((c) => visibleText(c.body).includes('would like a coffee'));
    expect(visibleText(invite?.body)).toContain(`<@${emma.id}> is in too and would like a coffee`);
    const [sure, notToday] = customIds(invite?.body);
    expect([sure, notToday]).toEqual([
      `${stack.fake.guild.id}/presence.answer|${emma.id}:sure`,
      `${stack.fake.guild.id}/presence.answer|${emma.id}:not_today`,
    ]);
    await stack.click(lucas, sure!, { inDm: true });
    const told = stack.dmsTo(emma).filter((c) => visibleText(c.body).includes('says sure'));
    expect(told.map((c) => c.body.content ?? visibleText(c.body))).toHaveLength(1);
    expect(visibleText(told[0]?.body)).toContain(`<@${lucas.id}> says sure to a coffee! They're at **Darkroom**.`);
  });

  it('pinged only the users each message names, and never showed a raw id in a title', () => {
    expectNoStrayPings(stack.fake.calls);
    expectNoRawUserIds(stack.fake.calls);
  });
});
