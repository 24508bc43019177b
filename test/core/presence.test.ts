/**
 * "Who's in today" with a fake clock: off until a manager turns it on; checking in until a time and where; who
 * else is in and whom to meet (matching's complementarity), Coffee? → Sure / Not today; presence gone at the end
 * of the community's day with only a daily count kept; morning nudges once a day, only to members who opted in
 * and checked in; the morning post of those who opted in to being listed.
 */
import { describe, expect, it } from 'vitest';
import type { TestBot } from '../support/test-bot.ts';
import { TestBot as Bot } from '../support/test-bot.ts';
import { PRESENCE_TABLES, tableRows } from '../support/table-rows.ts';

const HOUR = 3_600_000;

/** A loft in Paris, Monday 16 Nov 2026 at 08:00 local time, with presence on. */
async function loft(options: { on?: boolean } = {}): Promise<TestBot> {
  const bot = await Bot.create({ start: '2026-11-16T07:00:00Z', timezone: 'Europe/Paris' });
  if (options.on ?? true) await bot.run('/hallway config presence:on');
  const skills: Record<string, [string, string]> = {
    emma: ['graphic design, layout design', 'photography'],
    lucas: ['photography', 'layout design'],
    mia: ['copywriting', 'video editing'],
    raj: ['video editing', 'writing'],
  };
  for (const [id, [offers, needs]] of Object.entries(skills)) {
    await bot.run(`/skills offer ${offers}`, { as: id });
    await bot.run(`/skills need ${needs}`, { as: id });
  }
  return bot;
}

describe('presence is off until a manager turns it on', () => {
  it('answers every /here clearly and records nothing', async () => {
    const bot = await loft({ on: false });
    for (const line of ['/here', '/here until:17:00', '/here off', '/here who', '/here nudges on', '/here listed on']) {
      expect(bot.text(await bot.run(line, { as: 'emma' }))).toMatch(/Who's in today is off in this community/);
    }
    expect(bot.text(await bot.click({ action: 'presence.coffee', value: 'lucas' }, { as: 'emma' }))).toMatch(/is off/);
    const rows = await tableRows(bot.deps.storage, PRESENCE_TABLES, bot.community);
    expect(Object.values(rows).flat()).toEqual([]);
  });
});

describe('checking in', () => {
  it('checks in until a time and a place, refuses a time past or on another day, and checks out', async () => {
    const bot = await loft();
    const pastTime = await bot.run('/here until:07:30', { as: 'emma' });
    expect(bot.text(pastTime)).toMatch(/07:30 has already passed today/);
    expect(bot.text(await bot.run('/here until:"tomorrow 10:00"', { as: 'emma' }))).toMatch(/today only/);
    expect(bot.text(await bot.run('/here until:banana', { as: 'emma' }))).toMatch(/couldn't read "banana" as a time/);
    expect(bot.text(await bot.run(`/here where:"${'x'.repeat(81)}"`, { as: 'emma' }))).toMatch(/at most 80/);
    expect(await bot.repos.presence.present(bot.community, bot.clock.now(), 10)).toEqual([]);

    const inReply = await bot.run('/here until:17:00 where:"Studio 4"', { as: 'emma' });
    expect(bot.text(inReply)).toMatch(/You're in until 17:00 \(Studio 4\)\. Nobody else has checked in yet/);
    expect(bot.text(await bot.run('/here', { as: 'lucas' }))).toMatch(/You're in for the day\. One other member is in/);
    const who = await bot.run('/here who', { as: 'lucas' });
    expect(bot.text(who)).toMatch(/@emma — Studio 4, until 17:00/);
    expect(bot.text(await bot.run('/here off', { as: 'emma' }))).toMatch(/Checked out/);
    expect(bot.text(await bot.run('/here off', { as: 'emma' }))).toMatch(/weren't checked in/);
    expect(bot.text(await bot.run('/here who', { as: 'lucas' }))).toMatch(/Nobody else is in right now/);
  });

  it('is gone at the end of the day in the community time zone; only the daily count stays', async () => {
    const bot = await loft();
    await bot.run('/here where:Darkroom', { as: 'lucas' });
    await bot.run('/here until:12:00', { as: 'emma' });
    await bot.run('/here off', { as: 'emma' });
    await bot.run('/here until:13:00', { as: 'emma' }); // back again: still one check-in that day
    bot.clock.set('2026-11-16T12:30:00Z'); // 13:30 in Paris
    expect(bot.text(await bot.run('/here who', { as: 'mia' }))).not.toMatch(/@emma/);
    bot.clock.set('2026-11-16T22:59:00Z'); // 23:59 in Paris
    expect(bot.text(await bot.run('/here who', { as: 'mia' }))).toMatch(/@lucas — Darkroom/);
    bot.clock.set('2026-11-16T23:00:00Z'); // midnight in Paris
    await bot.tick();
    const rows = await tableRows(bot.deps.storage, PRESENCE_TABLES, bot.community);
    expect(rows.presence_checkins).toEqual([]);
    expect(rows.presence_days).toEqual([{ community: bot.community, day: '2026-11-16', members: 2 }]);
    const stats = await bot.run('/hallway stats', { as: 'host' });
    expect(bot.text(stats)).toMatch(/Check-ins \(last 7 days\): 2/);
    expect(bot.text(await bot.run('/here who', { as: 'mia' }))).toMatch(/Nobody else is in right now/);
  });
});

describe('who is in, and a coffee', () => {
  it('suggests complementary members with the reason and a Coffee? button; Sure reaches the inviter', async () => {
    const bot = await loft();
    await bot.run('/here where:"Studio 4"', { as: 'emma' });
    await bot.run('/here where:Darkroom', { as: 'lucas' });
    await bot.run('/here', { as: 'mia' });
    // Not in: sees who is, but cannot invite.
    const outside = await bot.run('/here who', { as: 'raj' });
    expect(bot.text(outside)).toMatch(/3 members are in now/);
    expect(bot.text(outside)).toMatch(/You might like to meet\n• @mia: @mia offers copywriting/);
    expect(outside.buttons).toBeUndefined();

    const who = await bot.run('/here who', { as: 'emma' });
    expect(bot.text(who)).toMatch(
      /You might like to meet\n• @lucas: @lucas offers photography, which you need; you offer layout design, which @lucas needs/,
    );
    expect(bot.text(who)).not.toMatch(/• @mia:/); // nothing in common with Emma
    expect(who.buttons?.map((b) => b.label)).toEqual(['Coffee with Lucas?']);

    const invited = await bot.click(who.buttons![0]!, { as: 'emma' });
    expect(bot.text(invited)).toMatch(/I've asked @lucas/);
    const [invitation] = bot.dmsTo('lucas');
    expect(bot.text(invitation)).toMatch(/@emma is in too and would like a coffee\. They're at Studio 4/);
    expect(bot.text(invitation)).toMatch(
      /@emma offers layout design, which you need; you offer photography, which @emma needs/,
    );
    expect(invitation!.buttons?.map((b) => b.label)).toEqual(['Sure', 'Not today']);
    expect(bot.text(await bot.click(who.buttons![0]!, { as: 'emma' }))).toMatch(/already invited @lucas/);

    // Only Lucas can answer; once.
    expect(bot.text(await bot.click(invitation!.buttons![0]!, { as: 'mia' }))).toMatch(/no longer open/);
    const sure = await bot.click(invitation!.buttons![0]!, { as: 'lucas' });
    expect(sure?.replaceOriginal).toBe(true);
    expect(bot.text(bot.dmsTo('emma').at(-1))).toMatch(/@lucas says sure to a coffee! They're at Darkroom/);
    expect(bot.text(await bot.click(invitation!.buttons![1]!, { as: 'lucas' }))).toMatch(/already answered/);

    // Not today, the other way round; an invitation to someone who is not in is refused.
    await bot.click({ action: 'presence.coffee', value: 'emma' }, { as: 'lucas' });
    await bot.click(bot.dmsTo('emma').at(-1)!.buttons![1]!, { as: 'emma' });
    expect(bot.text(bot.dmsTo('lucas').at(-1))).toMatch(/@emma can't today — maybe another time/);
    expect(bot.text(await bot.click({ action: 'presence.coffee', value: 'raj' }, { as: 'emma' }))).toMatch(
      /@raj isn't in right now/,
    );
    expect(bot.text(await bot.click({ action: 'presence.coffee', value: 'emma' }, { as: 'emma' }))).toMatch(
      /That is you/,
    );
    expect(bot.text(await bot.click({ action: 'presence.coffee', value: 'emma' }, { as: 'raj' }))).toMatch(
      /Check in first/,
    );
    // Avoid lists hold here too.
    await bot.run('/match avoid @lucas', { as: 'mia' });
    expect(bot.text(await bot.click({ action: 'presence.coffee', value: 'lucas' }, { as: 'mia' }))).toMatch(
      /isn't in right now/,
    );

    // Invitations are gone with the day.
    bot.clock.set('2026-11-16T23:00:00Z');
    await bot.tick();
    expect((await tableRows(bot.deps.storage, PRESENCE_TABLES, bot.community)).presence_coffees).toEqual([]);
  });
});

/** The morning nudges a member got (other features DM too: the weekly match round runs on Mondays). */
const nudgesTo = (bot: TestBot, userId: string) => bot.dmsTo(userId).filter((d) => d.title === 'Good morning!');

describe('morning nudges', () => {
  it('go once a day, before noon, only to members who opted in and checked in', async () => {
    const bot = await loft();
    await bot.run('/hallway config matching:off');
    await bot.run('/here nudges on', { as: 'emma' });
    await bot.run('/here nudges on', { as: 'mia' }); // never checks in: never nudged
    await bot.run('/here', { as: 'emma' });
    expect(nudgesTo(bot, 'emma')).toHaveLength(0); // nobody complementary yet
    await bot.run('/here', { as: 'lucas' }); // nudges off: not nudged
    const [nudge] = nudgesTo(bot, 'emma');
    expect(bot.text(nudge)).toMatch(/@lucas is in today too[\s\S]*@lucas offers photography, which you need/);
    expect(nudge!.buttons?.map((b) => b.action)).toEqual(['presence.coffee']);
    await bot.run('/here', { as: 'raj' });
    await bot.tick();
    bot.clock.advance(HOUR);
    await bot.tick();
    expect(nudgesTo(bot, 'emma')).toHaveLength(1);
    expect(nudgesTo(bot, 'lucas')).toHaveLength(0);
    expect(nudgesTo(bot, 'mia')).toHaveLength(0);
    expect(nudgesTo(bot, 'raj')).toHaveLength(0);

    // Tuesday: after noon, nobody is nudged; Wednesday morning, Emma is again.
    bot.clock.set('2026-11-17T11:30:00Z'); // 12:30 in Paris
    await bot.run('/here', { as: 'emma' });
    await bot.run('/here', { as: 'lucas' });
    await bot.tick();
    expect(nudgesTo(bot, 'emma')).toHaveLength(1);
    bot.clock.set('2026-11-18T07:00:00Z');
    await bot.run('/here', { as: 'lucas' });
    await bot.run('/here', { as: 'emma' });
    expect(nudgesTo(bot, 'emma')).toHaveLength(2);
    await bot.run('/here nudges off', { as: 'emma' });
    expect((await bot.repos.presence.prefs(bot.community, 'emma')).nudges).toBe(false);
  });
});

describe('the morning post', () => {
  it('names, in the presence channel, only members in who opted in to being listed', async () => {
    const bot = await loft();
    await bot.run('/hallway config presence-channel:C0HERE');
    await bot.tick(); // yesterday's post, caught up: nobody was in
    await bot.run('/here listed on', { as: 'emma' });
    await bot.run('/here listed on', { as: 'mia' }); // listed, but not in today
    await bot.run('/here where:"Studio 4"', { as: 'emma' });
    await bot.run('/here', { as: 'lucas' });
    bot.clock.set('2026-11-16T09:00:00Z'); // 10:00 in Paris
    await bot.tick();
    await bot.tick();
    const posts = bot.postsIn('C0HERE');
    expect(posts.map((p) => bot.text(p))).toEqual([expect.stringMatching(/In the space today: Emma\./)]);
    expect(JSON.stringify(posts)).not.toMatch(/Studio 4|lucas|Lucas/);
  });
});

describe('forget-me', () => {
  it('removes the member’s presence, preferences and invitations', async () => {
    const bot = await loft();
    await bot.run('/here nudges on', { as: 'emma' });
    await bot.run('/here', { as: 'emma' });
    await bot.run('/here', { as: 'lucas' });
    await bot.click({ action: 'presence.coffee', value: 'lucas' }, { as: 'emma' });
    const confirm = await bot.run('/hallway forget-me', { as: 'emma' });
    expect(bot.text(await bot.click(confirm.buttons![0]!, { as: 'emma' }))).toMatch(
      /presence today: 1[\s\S]*coffee invitations: 1/,
    );
    const rows = await tableRows(bot.deps.storage, PRESENCE_TABLES, bot.community);
    expect(JSON.stringify(rows)).not.toContain('emma');
    expect(rows.presence_days).toEqual([{ community: bot.community, day: '2026-11-16', members: 2 }]);
    expect(
      bot.text(
        await bot.click(bot.dmsTo('lucas')[0]?.buttons?.[0] ?? { action: 'presence.answer', value: 'emma:sure' }, {
          as: 'lucas',
        }),
      ),
    ).toMatch(/no longer open/);
  });
});
