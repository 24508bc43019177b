/**
 * Mentorship under bad input and at the edges: every mistake gets a clear reply and changes nothing; capacity is
 * never exceeded, even when accepts arrive together; leaving and forget-me wind a mentorship down kindly, never
 * naming a forgotten member.
 */
import { describe, expect, it } from 'vitest';
import type { As, TestBot } from '../support/test-bot.ts';
import { buttonIn, mentorBot, mentorshipState, WEEK } from './mentorship-support.ts';
import { MENTORSHIP_TABLES, tableRows } from '../support/table-rows.ts';

/** Runs a poke that must be refused: a clear reply matching `message`, and nothing changed. */
async function refused(bot: TestBot, poke: () => Promise<unknown>, message: RegExp) {
  const before = await mentorshipState(bot);
  const sent = bot.sent.length;
  const reply = (await poke()) as Parameters<TestBot['text']>[0];
  expect(bot.text(reply)).toMatch(message);
  expect(bot.text(reply)).not.toMatch(/something went wrong/);
  expect(await mentorshipState(bot)).toBe(before);
  expect(bot.sent.length).toBe(sent);
}

describe('bad input', () => {
  it('refuses each mistake clearly and changes nothing', async () => {
    const bot = await mentorBot();
    const as = (id: string): As => ({ as: id });
    await bot.run('/mentor offer skills:"video editing"', as('raj'));
    await bot.run('/mentor offer skills:typography', as('zoe'));
    await bot.run('/mentor request @raj about:"my reel"', as('mia'));
    const ask = buttonIn(bot, 'raj', 'mentor.accept').button;

    // Mentoring yourself, by command and by the buttons that name a mentor.
    await refused(bot, () => bot.run('/mentor request @raj about:"reels"', as('raj')), /can't be your own mentor/);
    await refused(bot, () => bot.click({ action: 'mentor.ask', value: 'zoe' }, as('zoe')), /can't be your own mentor/);
    // A capacity out of range.
    await refused(bot, () => bot.run('/mentor offer skills:pricing capacity:6', as('ana')), /capacity.*at most 5/);
    await refused(bot, () => bot.run('/mentor offer skills:pricing capacity:0', as('ana')), /capacity.*at least 1/);
    await refused(bot, () => bot.run('/mentor offer skills:" , "', as('ana')), /Name the skills/);
    // A mentor who is paused, full, not a mentor, or gone; a skill they don't mentor.
    await bot.run('/mentor pause', as('zoe'));
    await refused(bot, () => bot.run('/mentor request @zoe about:"kerning"', as('leo')), /isn't taking new mentees/);
    await refused(bot, () => bot.run('/mentor request @ana about:"kerning"', as('leo')), /isn't offering mentorship/);
    await refused(
      bot,
      () => bot.run('/mentor request @raj about:"kerning" skill:typography', as('leo')),
      /mentors video editing, not typography/,
    );
    await refused(
      bot,
      () => bot.run('/mentor request @nobody about:"x"', as('leo')),
      /don't know a member called @nobody/,
    );
    // A second open request.
    await refused(
      bot,
      () => bot.run('/mentor request about:"colour" skill:"color grading"', as('mia')),
      /already have a mentorship request open \(with @raj\)/,
    );
    // Answering someone else's request; an id that does not exist; a forged value.
    await refused(bot, () => bot.click(ask, as('leo')), /Only the mentor this request was sent to/);
    await refused(bot, () => bot.click({ action: 'mentor.accept', value: '999' }, as('raj')), /no longer exists/);
    await refused(bot, () => bot.click({ action: 'mentor.accept', value: '1; drop' }, as('raj')), /no longer valid/);
    await refused(
      bot,
      () => bot.click({ action: 'mentor.next', value: `1:zoe` }, as('leo')),
      /Only the member who made this request/,
    );
    // Pausing, stopping without an offer; finding nothing.
    await refused(bot, () => bot.run('/mentor pause', as('leo')), /not offering mentorship yet/);
    await refused(bot, () => bot.run('/mentor stop', as('leo')), /nothing to stop/);
    await refused(bot, () => bot.run('/mentor end @zoe', as('leo')), /no mentorship going with @zoe/);

    // A full mentor, then a check-in pressed twice and someone else's check-in.
    await bot.click(ask, as('raj'));
    await refused(
      bot,
      () => bot.run('/mentor request @raj about:"reels"', as('leo')),
      /places are all taken \(1 of 1\)/,
    );
    await refused(bot, () => bot.click(ask, as('raj')), /already accepted/);
    bot.clock.advance(2 * WEEK);
    await bot.tick();
    const going = buttonIn(bot, 'mia', 'mentor.checkin').reply.buttons![0]!;
    await bot.click(going, as('mia'));
    await refused(bot, () => bot.click(going, as('mia')), /already answered this check-in/);
    await refused(bot, () => bot.click(going, as('leo')), /Only the mentor and the mentee/);
    await refused(
      bot,
      () => bot.click({ ...going, value: going.value.replace(':1:', ':7:') }, as('mia')),
      /does not exist/,
    );
    await refused(
      bot,
      () => bot.click({ action: 'mentor.closing', value: going.value.split(':')[0]! }, as('mia')),
      /not come to a close/,
    );
  });
});

describe('capacity', () => {
  it('is never exceeded when accepts arrive together', async () => {
    const bot = await mentorBot();
    await bot.run('/mentor offer skills:pricing capacity:2', { as: 'ana' });
    const mentees = ['leo', 'mia', 'zoe', 'theo'];
    for (const m of mentees) await bot.run(`/mentor request @ana about:"pricing for ${m}"`, { as: m });
    const asks = bot.dmsTo('ana').map((d) => d.buttons!.find((b) => b.action === 'mentor.accept')!);
    expect(asks).toHaveLength(4);
    const replies = await Promise.all(asks.map((button) => bot.click(button, { as: 'ana' })));
    const started = replies.filter((r) => /You're now mentoring/.test(bot.text(r)));
    const full = replies.filter((r) => /places are taken \(2 of 2\)/.test(bot.text(r)));
    expect([started.length, full.length]).toEqual([2, 2]);
    const offer = await bot.repos.mentorship.offer(bot.community, 'ana');
    expect(offer).toMatchObject({ active: 2, capacity: 2, pending: 2 });
    const places = (await bot.repos.mentorship.mentorshipsOf(bot.community, 'ana', ['active'])).map((m) => m.slot);
    expect(places.sort()).toEqual([1, 2]);
    // Raising the capacity makes room for one more.
    await bot.run('/mentor offer skills:pricing capacity:3', { as: 'ana' });
    const last = replies.findIndex((r) => /places are taken/.test(bot.text(r)));
    expect(bot.text(await bot.click(asks[last]!, { as: 'ana' }))).toMatch(/You're now mentoring/);
  });
});

describe('leaving and forget-me', () => {
  it('a mentee forgotten: the mentor is told without their name; completed mentorships still count', async () => {
    const bot = await mentorBot();
    await bot.run('/mentor offer skills:"video editing" capacity:2', { as: 'raj' });
    for (const m of ['mia', 'leo']) {
      await bot.run(`/mentor request @raj about:"reels by ${m}"`, { as: m });
      await bot.click(buttonIn(bot, 'raj', 'mentor.accept').button, { as: 'raj' });
    }
    await bot.run('/mentor end @raj', { as: 'leo' });
    await bot.run('/mentor request @raj about:"again"', { as: 'leo' });
    bot.clearSent();
    const confirm = await bot.run('/hallway forget-me', { as: 'leo' });
    await bot.click(confirm.buttons![0]!, { as: 'leo' });
    const told = bot.dmsTo('raj');
    expect(told.map((d) => bot.text(d))).toEqual([]);
    const updates = bot.sent.filter((d) => d.kind === 'update').map((d) => bot.text(d.reply));
    expect(updates).toEqual(['This mentorship request was withdrawn.']);
    expect(JSON.stringify(await tableRows(bot.deps.storage, MENTORSHIP_TABLES, bot.community))).not.toContain('leo');
    expect(await bot.repos.mentorship.completedCount(bot.community, 'raj')).toBe(1);

    // Now the active one: Mia is forgotten mid-mentorship.
    const again = await bot.run('/hallway forget-me', { as: 'mia' });
    await bot.click(again.buttons![0]!, { as: 'mia' });
    const [notice] = bot.dmsTo('raj');
    expect(bot.text(notice)).toMatch(
      /The other member of your mentorship in video editing asked Hallway to delete their data/,
    );
    expect(JSON.stringify(notice)).not.toContain('mia');
    expect((await bot.repos.mentorship.offer(bot.community, 'raj'))?.active).toBe(0);
  });

  it('a mentor forgotten: their mentee and the mentee waiting on them are told, without their name', async () => {
    const bot = await mentorBot();
    await bot.run('/mentor offer skills:pricing capacity:2', { as: 'ana' });
    await bot.run('/mentor offer skills:pricing', { as: 'ben' });
    await bot.run('/mentor request @ana about:"quotes"', { as: 'leo' });
    await bot.click(buttonIn(bot, 'ana', 'mentor.accept').button, { as: 'ana' });
    await bot.run('/mentor request @ana about:"invoices"', { as: 'mia' });
    bot.clearSent();
    const confirm = await bot.run('/hallway forget-me', { as: 'ana' });
    await bot.click(confirm.buttons![0]!, { as: 'ana' });
    expect(bot.text(bot.dmsTo('leo')[0])).toMatch(/asked Hallway to delete their data/);
    expect(bot.text(bot.dmsTo('mia')[0])).toMatch(
      /The mentor you asked for pricing is no longer available[\s\S]*@ben has room/,
    );
    for (const d of bot.sent) expect(JSON.stringify(d)).not.toMatch(/"ana"|\bana\b/);
    expect(JSON.stringify(await tableRows(bot.deps.storage, MENTORSHIP_TABLES, bot.community))).not.toContain('"ana"');
    expect((await bot.repos.mentorship.openRequestOf(bot.community, 'mia'))?.status).toBe('waiting');
  });

  it('a member who leaves: their mentorships end and the other side is told kindly', async () => {
    const bot = await mentorBot();
    await bot.run('/mentor offer skills:pricing', { as: 'ana' });
    await bot.run('/mentor request @ana about:"quotes"', { as: 'leo' });
    await bot.click(buttonIn(bot, 'ana', 'mentor.accept').button, { as: 'ana' });
    await bot.leave('leo');
    expect(bot.text(bot.dmsTo('ana').at(-1))).toMatch(
      /@leo has left the community, so your mentorship in pricing with them has ended/,
    );
    expect((await bot.repos.mentorship.offer(bot.community, 'ana'))?.active).toBe(0);
  });
});
