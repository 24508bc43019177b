/**
 * Matching on the real core: the creative-loft demo pairs designer with photographer and writer with
 * videographer, `/match` suggestions by DM with their buttons, pauses, avoid lists and the follow-up flow.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { TestBot } from '../support/test-bot.ts';
import { button, DAY_MS, lastRoundGroups, loadLoft, ROUND_TIME, WEEK_MS } from './matching-support.ts';

let bot: TestBot;

beforeEach(async () => {
  bot = await TestBot.create({ start: '2026-11-16T08:00:00Z' });
  await loadLoft(bot);
  bot.clearSent();
});

describe('weekly round on the creative loft', () => {
  it('pairs the designer with the photographer and the writer with the videographer, and says why', async () => {
    bot.clock.set(ROUND_TIME);
    expect(await bot.runJob('match-round')).toBe('ran');
    expect(await lastRoundGroups(bot)).toEqual([
      ['ana', 'theo', 'zoe'],
      ['emma', 'lucas'],
      ['mia', 'raj'],
    ]);
    const [emma] = bot.dmsTo('emma');
    expect(bot.text(emma)).toContain("This week you're matched with @lucas.");
    expect(bot.text(emma)).toContain(
      '@lucas offers photography, which you need; you offer graphic design and layout design, which @lucas needs.',
    );
    expect(bot.text(bot.dmsTo('raj')[0])).toContain('@mia offers writing, which you need');
    expect(bot.text(bot.dmsTo('zoe')[0])).toContain("This week you're a trio with @ana and @theo");
    // One DM per member, and the period never runs twice.
    expect(bot.sent.filter((d) => d.kind === 'dm')).toHaveLength(7);
    expect(await bot.runJob('match-round')).toBe('already-ran');
    expect(bot.sent.filter((d) => d.kind === 'dm')).toHaveLength(7);
  });

  it('opens one group chat when a member asks, and records that they answered', async () => {
    bot.clock.set(ROUND_TIME);
    await bot.runJob('match-round');
    const chat = button(bot.dmsTo('emma')[0], 'Open a group chat');
    expect(bot.text(await bot.click(chat, { as: 'mia' }))).toContain("This button isn't for you.");
    await bot.click(chat, { as: 'emma' });
    await bot.click(button(bot.dmsTo('lucas')[0], 'Open a group chat'), { as: 'lucas' });
    const group = bot.sent.filter((d) => d.kind === 'dm' && d.to.length === 2);
    expect(group.map((d) => [...d.to].sort())).toEqual([['emma', 'lucas']]);
    expect(bot.text(group[0]!.reply)).toContain(
      '@emma offers branding, graphic design and layout design; looking for photography.',
    );
  });

  it('does not run when matching is turned off', async () => {
    await bot.repos.communities.saveSettings(bot.community, { matching: false });
    bot.clock.set(ROUND_TIME);
    expect(await bot.runJob('match-round')).toBe('not-due');
    expect(bot.sent).toHaveLength(0);
  });
});

describe('/match suggestions', () => {
  it('sends the top matches by DM with reasons, confirms in the channel, and introduces on request', async () => {
    const reply = await bot.run('/match', { as: 'emma' });
    expect(reply.visibility ?? 'ephemeral').toBe('ephemeral');
    expect(bot.text(reply)).toMatch(/I've sent you \d suggestions? by DM/);
    const dms = bot.dmsTo('emma');
    expect(dms.length).toBeGreaterThanOrEqual(1);
    expect(dms.length).toBeLessThanOrEqual(3);
    expect(bot.text(dms[0])).toContain('Suggestion 1\nYou could meet @lucas.');
    expect(bot.text(dms[0])).toContain('@lucas offers photography, which you need');

    const introduce = button(dms[0], 'Introduce us');
    expect(bot.text(await bot.click(introduce, { as: 'lucas' }))).toContain("This button isn't for you.");
    bot.clearSent();
    const done = await bot.click(introduce, { as: 'emma' });
    expect(bot.text(done)).toContain("I've started a conversation between you and @lucas");
    expect(bot.sent.map((d) => [...d.to].sort())).toEqual([['emma', 'lucas']]);
    expect(bot.text(bot.sent[0]!.reply)).toContain(
      '@lucas offers photo editing and photography; looking for graphic design and layout design.',
    );
    expect(bot.text(await bot.click(introduce, { as: 'emma' }))).toContain("You've already been introduced");
    expect(bot.sent).toHaveLength(1);
  });

  it('leaves a dismissed member out of the next suggestions', async () => {
    await bot.run('/match', { as: 'emma' });
    await bot.click(button(bot.dmsTo('emma')[0], 'Not now'), { as: 'emma' });
    bot.clearSent();
    await bot.run('/match', { as: 'emma' });
    expect(bot.dmsTo('emma').map((r) => bot.text(r))).not.toContainEqual(
      expect.stringContaining('You could meet @lucas'),
    );
  });

  it('asks members without skills to list them first', async () => {
    expect(bot.text(await bot.run('/match', { as: 'newcomer' }))).toContain('Tell me what you offer');
    expect(bot.dmsTo('newcomer')).toHaveLength(0);
  });
});

describe('pause, resume and avoid', () => {
  it('skips a paused member until the date, then takes them back by themselves', async () => {
    expect(bot.text(await bot.run('/match pause until:2026-11-30', { as: 'lucas' }))).toContain('paused until');
    bot.clock.set(ROUND_TIME);
    await bot.runJob('match-round');
    expect((await lastRoundGroups(bot)).flat()).not.toContain('lucas');
    expect((await lastRoundGroups(bot)).flat()).toHaveLength(6);
    bot.clock.advance(2 * WEEK_MS);
    await bot.runJob('match-round');
    expect((await lastRoundGroups(bot)).flat()).toContain('lucas');
  });

  it('refuses a pause end it cannot read one way only, pausing nothing', async () => {
    const far = await bot.run('/match pause until:2028-01-05', { as: 'lucas' });
    expect(bot.text(far)).toMatch(/more than a year away\. A pause lasts a year at most/);
    const twoWays = await bot.run('/match pause until:"next tuesday"', { as: 'lucas' });
    expect(bot.text(twoWays)).toContain('could be Tue 17 Nov (tomorrow) or Tue 24 Nov (in 8 days)');
    const unread = await bot.run('/match pause until:someday', { as: 'lucas' });
    expect(bot.text(unread)).toMatch(/couldn't read "someday"/);
    expect(bot.text(unread)).toMatch(/until:\d{4}-\d{2}-\d{2}/);
    expect((await bot.repos.matching.prefs(bot.community, 'lucas')).pausedAt).toBeUndefined();
  });

  it('pauses until resumed, and never pairs a member with someone they avoid', async () => {
    await bot.run('/match pause', { as: 'mia' });
    await bot.run('/match avoid @lucas', { as: 'emma' });
    bot.clock.set(ROUND_TIME);
    await bot.runJob('match-round');
    expect((await lastRoundGroups(bot)).flat()).not.toContain('mia');
    expect(await lastRoundGroups(bot)).not.toContainEqual(['emma', 'lucas']);
    await bot.run('/match resume', { as: 'mia' });
    bot.clock.advance(WEEK_MS);
    await bot.runJob('match-round');
    expect((await lastRoundGroups(bot)).flat()).toContain('mia');
    expect((await lastRoundGroups(bot)).some((g) => g.includes('emma') && g.includes('lucas'))).toBe(false);
    expect(bot.text(await bot.run('/match status', { as: 'emma' }))).toContain('Never matched with: @lucas');
  });
});

describe('follow-up', () => {
  it('asks each pair once a few days later, then asks about working together', async () => {
    bot.clock.set(ROUND_TIME);
    await bot.runJob('match-round');
    bot.clearSent();
    bot.clock.advance(DAY_MS);
    await bot.runJob('match-follow-up');
    expect(bot.sent).toHaveLength(0);
    bot.clock.advance(2 * DAY_MS);
    await bot.runJob('match-follow-up');
    const asked = bot.dmsTo('emma');
    expect(bot.text(asked[0])).toContain('Did you get to meet @lucas?');
    expect(bot.sent).toHaveLength(7);

    const next = await bot.click(button(asked[0], 'Yes'), { as: 'emma' });
    expect(bot.text(next)).toContain('Are you working on something together?');
    expect(bot.text(await bot.click(button(next, 'Yes'), { as: 'emma' }))).toContain('good luck');
    expect(bot.text(await bot.click(button(asked[0], 'Yes'), { as: 'raj' }))).toContain("This button isn't for you.");
    expect(await bot.repos.matching.outcomes(bot.community, new Date(0))).toMatchObject({ met: 1, collaborating: 1 });

    bot.clock.advance(DAY_MS);
    await bot.runJob('match-follow-up');
    expect(bot.sent).toHaveLength(7);
  });

  it('pauses a member who ignores three rounds in a row, with a friendly note', async () => {
    bot.clock.set(ROUND_TIME);
    for (let round = 0; round < 4; round++) {
      await bot.runJob('match-round');
      // Everyone but Theo answers something each week.
      for (const m of ['emma', 'lucas', 'mia', 'raj', 'ana', 'zoe']) {
        const dm = bot.dmsTo(m).at(-1);
        if (dm?.buttons?.some((b) => b.label === "Can't this week"))
          await bot.click(button(dm, "Can't this week"), { as: m });
      }
      bot.clock.advance(WEEK_MS);
    }
    expect(await bot.repos.matching.prefs(bot.community, 'theo')).toMatchObject({ pauseReason: 'ignored' });
    expect(bot.text(bot.dmsTo('theo').at(-1))).toContain("I've paused your weekly matches");
    expect((await lastRoundGroups(bot)).flat()).not.toContain('theo');
    expect((await bot.repos.matching.prefs(bot.community, 'emma')).pausedAt).toBeUndefined();
  });
});

describe('shared flows', () => {
  it('shows status at home, counts outcomes for stats, and forgets a member', async () => {
    bot.clock.set(ROUND_TIME);
    await bot.runJob('match-round');
    const home = await bot.dispatch({ kind: 'home_opened', actor: bot.actor({ as: 'emma' }) });
    expect(bot.text(home)).toContain('In weekly matches: every monday at 09:00');
    const stats = bot.text(await bot.run('/hallway stats', { as: 'host' }));
    expect(stats).toContain('Members in weekly matches: 7');
    expect(stats).toContain('Matches (last 12 weeks): 3');
    await bot.run('/match avoid @lucas', { as: 'emma' });
    expect(await bot.repos.matching.pairingsOf(bot.community, 'emma', 5)).toHaveLength(1);
    const ask = await bot.run('/hallway forget-me', { as: 'emma' });
    const done = bot.text(await bot.click(button(ask, 'Yes, delete my data'), { as: 'emma' }));
    expect(done).toContain('match answers: 1');
    expect(done).toContain('avoid list entries: 1');
    expect(await bot.repos.matching.pairingsOf(bot.community, 'emma', 5)).toHaveLength(0);
    expect(await bot.repos.matching.avoidPairs(bot.community)).toEqual([]);
  });
});
