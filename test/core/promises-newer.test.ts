/**
 * The promises of mentorship, presence and resources (listed in promises.test.ts), each in the situation it is said
 * in: the bot is put there, and the promised thing is checked to happen (or, for an answer that may never come,
 * the sentence promises only what will).
 */
import { describe, expect, it } from 'vitest';
import { TestBot } from '../support/test-bot.ts';
import { buttonIn, DAY, mentorBot, WEEK } from './mentorship-support.ts';
import { resourceBot, stockLibrary } from './resources-support.ts';

/** Titles of the DMs `userId` got. */
const titles = (bot: TestBot, userId: string) => bot.dmsTo(userId).map((d) => d.title);

describe('mentorship promises', () => {
  it('"I\'ll DM you when they answer", "let them know kindly", "introduced you to each other", "check in every…"', async () => {
    const bot = await mentorBot();
    await bot.run('/mentor offer skills:pricing', { as: 'ana' });
    await bot.run('/mentor offer skills:pricing', { as: 'ben' });
    const asked = bot.text(await bot.run('/mentor request @ana about:"quotes"', { as: 'leo' }));
    expect(asked).toContain("I'll DM you when they answer.");
    const declined = bot.text(await bot.click(buttonIn(bot, 'ana', 'mentor.decline').button, { as: 'ana' }));
    expect(declined).toContain("I've let them know kindly.");
    expect(bot.text(bot.dmsTo('leo').at(-1))).toMatch(/@ana can't take on a mentee for pricing right now/);

    await bot.click(buttonIn(bot, 'leo', 'mentor.next').button, { as: 'leo' });
    const accepted = await bot.click(buttonIn(bot, 'ben', 'mentor.accept').button, { as: 'ben' });
    expect(bot.text(accepted)).toContain("I've introduced you to each other");
    const intro = bot.sent.find((d) => d.kind === 'dm' && d.to.includes('ben') && d.to.includes('leo'));
    expect(bot.text(intro?.reply)).toMatch(/I'll check in with you both every 2 weeks, and after 12 weeks ask/);

    // Every two weeks, both are asked; after twelve, both get the closing question instead.
    for (let week = 1; week <= 12; week++) {
      bot.clock.advance(WEEK);
      await bot.tick();
    }
    for (const who of ['ben', 'leo']) {
      expect(
        titles(bot, who).filter((t) => t === 'How is it going?'),
        who,
      ).toHaveLength(5);
      expect(
        titles(bot, who).filter((t) => t === 'Your mentorship comes to a close'),
        who,
      ).toHaveLength(1);
    }
  });

  it('"I\'ve asked you both one last question" on /mentor end, and "I\'ve passed it on to" the mentor', async () => {
    const bot = await mentorBot();
    await bot.run('/mentor offer skills:pricing', { as: 'ana' });
    await bot.run('/mentor request @ana about:"quotes"', { as: 'leo' });
    await bot.click(buttonIn(bot, 'ana', 'mentor.accept').button, { as: 'ana' });
    expect(bot.text(await bot.run('/mentor end', { as: 'leo' }))).toContain("I've asked you both one last question");
    for (const who of ['ana', 'leo']) expect(buttonIn(bot, who, 'mentor.closing').button).toBeDefined();
    const form = (await bot.click(buttonIn(bot, 'leo', 'mentor.closing').button, { as: 'leo' }))!.form!;
    const thanks = await bot.submit(form, { takeaway: 'Quote the day rate first.' }, { as: 'leo' });
    expect(bot.text(thanks)).toContain("I've passed it on to @ana.");
    expect(bot.text(bot.dmsTo('ana').at(-1))).toMatch(/Quote the day rate first/);
  });

  it('"I\'ve withdrawn your mentorship request": the mentor can no longer accept it', async () => {
    const bot = await mentorBot();
    await bot.run('/mentor offer skills:pricing', { as: 'ana' });
    await bot.run('/mentor request @ana about:"quotes"', { as: 'leo' });
    expect(bot.text(await bot.run('/mentor end', { as: 'leo' }))).toContain("I've withdrawn your mentorship request");
    expect(await bot.repos.mentorship.openRequestOf(bot.community, 'leo')).toBeUndefined();
    const late = bot.text(await bot.click(buttonIn(bot, 'ana', 'mentor.accept').button, { as: 'ana' }));
    expect(late).not.toMatch(/You're now mentoring/);
    expect(await bot.repos.mentorship.mentorshipsOf(bot.community, 'leo', ['active'])).toEqual([]);
  });

  it('"so I\'ve stopped waiting on them" / "withdrawn your request to them": their Accept no longer works', async () => {
    const bot = await mentorBot();
    await bot.run('/hallway config mentor-timeout-days:2');
    await bot.run('/mentor offer skills:pricing capacity:2', { as: 'ana' });
    await bot.run('/mentor offer skills:typography', { as: 'zoe' });
    await bot.run('/mentor request @zoe about:"kerning"', { as: 'emma' });
    await bot.run('/mentor request @ana about:"quotes"', { as: 'leo' });
    bot.clock.advance(2 * DAY);
    await bot.tick();
    expect(bot.text(bot.dmsTo('emma').at(-1))).toContain("so I've stopped waiting on them");
    expect(bot.text(await bot.click(buttonIn(bot, 'zoe', 'mentor.accept').button, { as: 'zoe' }))).toMatch(/timed out/);

    await bot.run('/mentor request @ana about:"invoices"', { as: 'mia' });
    await bot.run('/mentor stop', { as: 'ana' });
    expect(bot.text(bot.dmsTo('mia').at(-1))).toContain("so I've withdrawn your request to them");
    const late = bot.text(await bot.click(buttonIn(bot, 'ana', 'mentor.accept').button, { as: 'ana' }));
    expect(late).not.toMatch(/You're now mentoring/);
    expect(await bot.repos.mentorship.mentorshipsOf(bot.community, 'mia', ['active'])).toEqual([]);
  });

  it('"I\'ve asked them; I\'ll tell you when they answer" after a round: the answer reaches the mentee', async () => {
    const bot = await mentorBot();
    await bot.run('/mentor offer skills:pricing', { as: 'ana' });
    await bot.run('/mentor request about:"pricing my first commission" skill:pricing', { as: 'leo' });
    await bot.run('/hallway run mentor-round', { as: 'host' });
    expect(bot.text(bot.dmsTo('leo').at(-1))).toContain("I've asked them; I'll tell you when they answer.");
    await bot.click(buttonIn(bot, 'ana', 'mentor.accept').button, { as: 'ana' });
    const told = bot.sent.find((d) => d.kind === 'dm' && d.to.includes('leo') && d.to.includes('ana'));
    expect(bot.text(told?.reply)).toMatch(/@ana will mentor @leo in pricing/);
  });
});

describe('presence and resources promises', () => {
  it('a coffee: the answer reaches the inviter ("know, kindly"), and only an answer is promised', async () => {
    const bot = await TestBot.create({ start: '2026-11-16T07:00:00Z', timezone: 'Europe/Paris' });
    await bot.run('/hallway config presence:on');
    await bot.run('/here', { as: 'emma' });
    await bot.run('/here', { as: 'lucas' });
    const invited = bot.text(await bot.click({ action: 'presence.coffee', value: 'lucas' }, { as: 'emma' }));
    expect(invited).toContain("If they answer today, I'll tell you what they say.");
    const notToday = buttonIn(bot, 'lucas', 'presence.answer').reply.buttons!.find((b) => b.label === 'Not today')!;
    expect(bot.text(await bot.click(notToday, { as: 'lucas' }))).toContain("I've let @emma know, kindly.");
    expect(bot.text(bot.dmsTo('emma').at(-1))).toMatch(/@lucas can't today — maybe another time!/);
  });

  it("a loan: the keeper's answer reaches the borrower, and the one in line is asked when their turn comes", async () => {
    const bot = await resourceBot();
    await stockLibrary(bot);
    const asked = bot.text(await bot.run('/resource borrow Tripod', { as: 'mia' }));
    expect(asked).toContain("When they answer, I'll tell you what they said.");
    await bot.click(buttonIn(bot, 'lucas', 'resource.lend').button, { as: 'lucas' });
    expect(bot.text(bot.dmsTo('mia').at(-1))).toMatch(/Please bring it back by/);
    const inLine = bot.text(await bot.run('/resource borrow Tripod', { as: 'raj' }));
    expect(inLine).toContain("I'll ask for it when it's your turn.");
    await bot.run('/resource return Tripod', { as: 'mia' });
    expect(bot.text(bot.dmsTo('raj').at(-1))).toMatch(/It's your turn for Tripod: I asked @lucas/);
    expect(bot.text(bot.dmsTo('lucas').at(-1))).toMatch(/@raj would like to borrow Tripod/);
  });
});
