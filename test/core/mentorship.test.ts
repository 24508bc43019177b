/**
 * Mentorship with a fake clock, through the commands and buttons members use: offer → find → request → decline →
 * the next mentor suggested → accept → check-ins at the interval → stuck → wrap-up and the closing question;
 * silence past `mentor-timeout-days`; twelve weeks; stopping, ending and the member's profile.
 */
import { describe, expect, it } from 'vitest';
import { buttonIn, DAY, member, mentorBot, WEEK } from './mentorship-support.ts';

describe('a mentorship, start to finish', () => {
  it('finds, asks, passes a decline on kindly, starts, checks in, helps when stuck, and closes with a thank-you', async () => {
    const bot = await mentorBot();
    await member(bot, 'mia', 'copywriting', 'video editing, color grading');
    await member(bot, 'raj', 'videography, color grading', 'scriptwriting');
    await member(bot, 'ana', 'illustration');
    expect(bot.text(await bot.run('/mentor offer skills:"video editing" capacity:2', { as: 'raj' }))).toMatch(
      /you mentor video editing, up to 2 mentees at once/,
    );
    await bot.run('/mentor offer skills:"video editing, motion graphics"', { as: 'ana' });

    // Find: both have room; Raj first (he also offers color grading, which Mia looks for), each with the reason.
    const found = await bot.run('/mentor find skill:"video editing"', { as: 'mia' });
    const text = bot.text(found);
    expect(text).toMatch(/2 mentors have room for video editing/);
    expect(text.indexOf('@raj')).toBeLessThan(text.indexOf('@ana'));
    expect(text).toMatch(
      /@raj: mentors video editing; you both work in writing; also offers other skills you look for; 0 of 2 mentees so far/,
    );
    expect(text).toMatch(/@ana: mentors video editing; 0 of 1 mentee so far/);
    expect(found.buttons?.map((b) => b.label)).toEqual(['Ask Raj', 'Ask Ana']);

    // Request → Raj gets Accept / Not now.
    const asked = await bot.run('/mentor request @raj about:"cutting my first reel" goal:"a 60-second showreel"', {
      as: 'mia',
    });
    expect(bot.text(asked)).toMatch(/I've asked @raj to mentor you in video editing/);
    const ask = buttonIn(bot, 'raj', 'mentor.accept');
    expect(bot.text(ask.reply)).toMatch(
      /@mia would like you as their mentor for video editing[\s\S]*cutting my first reel/,
    );
    expect(ask.reply.buttons?.map((b) => b.label)).toEqual(['Accept', 'Not now']);

    // Not now → Mia is told kindly, with the next mentor with room one tap away.
    const declined = await bot.click(buttonIn(bot, 'raj', 'mentor.decline').button, { as: 'raj' });
    expect(declined?.replaceOriginal).toBe(true);
    const next = buttonIn(bot, 'mia', 'mentor.next');
    expect(bot.text(next.reply)).toMatch(
      /@raj can't take on a mentee for video editing right now — no reflection on you/,
    );
    expect(bot.text(next.reply)).toMatch(/@ana has room/);
    expect(next.button.label).toBe('Ask Ana');

    // Ask Ana → Accept → both introduced in one DM (a group DM on Slack).
    await bot.click(next.button, { as: 'mia' });
    const accepted = await bot.click(buttonIn(bot, 'ana', 'mentor.accept').button, { as: 'ana' });
    expect(bot.text(accepted)).toMatch(/You're now mentoring @mia in video editing/);
    const intro = bot.sent.find((d) => d.kind === 'dm' && d.to.includes('ana') && d.to.includes('mia'));
    expect([...(intro?.to ?? [])].sort()).toEqual(['ana', 'mia']);
    expect(bot.text(intro?.reply)).toMatch(/@ana will mentor @mia in video editing[\s\S]*60-second showreel/);
    expect(bot.text(await bot.run('/mentor status', { as: 'mia' }))).toMatch(/@ana mentors you in video editing/);

    // Check-ins every two weeks (the default), to both, never twice.
    bot.clock.advance(2 * WEEK - 60_000);
    await bot.tick();
    expect(bot.dmsTo('mia').filter((d) => d.title === 'How is it going?')).toHaveLength(0);
    bot.clock.advance(60_000);
    await bot.tick();
    await bot.tick();
    const checkIn = buttonIn(bot, 'mia', 'mentor.checkin');
    expect(checkIn.reply.buttons?.map((b) => b.label)).toEqual(['Going well', 'Stuck', 'Wrap up']);
    expect(bot.dmsTo('mia').filter((d) => d.title === 'How is it going?')).toHaveLength(1);
    expect(bot.dmsTo('ana').filter((d) => d.title === 'How is it going?')).toHaveLength(1);

    // Stuck → the mentee is offered a feedback request or a different mentor.
    const stuck = checkIn.reply.buttons!.find((b) => b.label === 'Stuck')!;
    const offer = await bot.click(stuck, { as: 'mia' });
    expect(offer?.buttons?.map((b) => b.action)).toEqual(['feedback.open', 'mentor.switch']);
    const form = await bot.click(offer!.buttons![0]!, { as: 'mia' });
    expect(form?.form?.formId).toBe('feedback.request');
    const others = await bot.click(offer!.buttons![1]!, { as: 'mia' });
    expect(bot.text(others)).toMatch(/Mentors with room for video editing:[\s\S]*@raj/);
    expect(others?.buttons?.map((b) => b.label)).toEqual(['Ask Raj']);
    // The same check-in button again: a clear answer, nothing recorded twice.
    expect(bot.text(await bot.click(stuck, { as: 'mia' }))).toMatch(/already answered this check-in/);

    // Two weeks on, Wrap up → both get the closing question; the mentee's answer reaches the mentor.
    bot.clock.advance(2 * WEEK);
    await bot.tick();
    const wrap = buttonIn(bot, 'ana', 'mentor.checkin').reply.buttons!.find((b) => b.label === 'Wrap up')!;
    expect(wrap.value).toMatch(/:2:wrap$/);
    expect(bot.text(await bot.click(wrap, { as: 'ana' }))).toMatch(/Wrapped up/);
    const closing = buttonIn(bot, 'mia', 'mentor.closing');
    expect(bot.text(closing.reply)).toMatch(/has come to a close[\s\S]*what did you take away/i);
    expect(buttonIn(bot, 'ana', 'mentor.closing').button.value).toBe(closing.button.value);
    const closingForm = (await bot.click(closing.button, { as: 'mia' }))!.form!;
    expect(closingForm.formId).toBe('mentor.closing');
    await bot.submit(closingForm, { takeaway: 'Cut on the beat, and show the reel early.' }, { as: 'mia' });
    expect(bot.text(bot.dmsTo('ana').at(-1))).toMatch(/@mia on what they took away[\s\S]*Cut on the beat/);
    expect(bot.text(await bot.submit(closingForm, { takeaway: 'again' }, { as: 'mia' }))).toMatch(/already answered/);
    await bot.submit((await bot.click(closing.button, { as: 'ana' }))!.form!, { takeaway: 'Patience.' }, { as: 'ana' });

    // Completed mentorships count on the mentor's profile.
    expect(bot.text(await bot.run('/profile @ana', { as: 'mia' }))).toMatch(/Mentored: 1 mentorship completed/);
    expect(bot.text(await bot.run('/profile', { as: 'ana' }))).toMatch(/Mentored: 1 mentorship completed/);
    expect(bot.text(await bot.run('/profile @raj', { as: 'mia' }))).not.toMatch(/Mentored/);
    // No more check-ins once it ended.
    bot.clock.advance(4 * WEEK);
    const before = bot.sent.length;
    await bot.tick();
    expect(bot.sent.slice(before).filter((d) => d.reply.title === 'How is it going?')).toEqual([]);
  });

  it('stops waiting on a silent mentor after mentor-timeout-days and tells the mentee kindly', async () => {
    const bot = await mentorBot();
    await bot.run('/hallway config mentor-timeout-days:2');
    await bot.run('/mentor offer skills:typography', { as: 'zoe' });
    await bot.run('/mentor offer skills:"type design"', { as: 'theo' });
    await bot.run('/mentor request @zoe about:"kerning my poster"', { as: 'emma' });
    bot.clock.advance(2 * DAY - 60_000);
    await bot.tick();
    expect(bot.dmsTo('emma')).toHaveLength(0);
    bot.clock.advance(60_000);
    await bot.tick();
    const notice = bot.dmsTo('emma');
    expect(notice).toHaveLength(1);
    expect(bot.text(notice[0])).toMatch(/@zoe didn't answer your mentorship request in time/);
    expect(bot.text(notice[0])).toMatch(/@theo has room/);
    const update = bot.sent.filter((d) => d.kind === 'update');
    expect(update.map((u) => bot.text(u.reply))).toEqual([expect.stringMatching(/typography.*no answer in time/)]);
    // The late Accept is refused clearly; the request waits for Theo or the round.
    const late = await bot.click(buttonIn(bot, 'zoe', 'mentor.accept').button, { as: 'zoe' });
    expect(bot.text(late)).toMatch(/timed out/);
    expect((await bot.repos.mentorship.openRequestOf(bot.community, 'emma'))?.status).toBe('waiting');
    await bot.tick();
    expect(bot.dmsTo('emma')).toHaveLength(1);
  });

  it('closes after twelve weeks with the closing question, after the check-ins between', async () => {
    const bot = await mentorBot();
    await bot.run('/hallway config mentor-check-in-weeks:4');
    await bot.run('/mentor offer skills:pricing', { as: 'ana' });
    await bot.run('/mentor request @ana about:"pricing my first commission"', { as: 'leo' });
    await bot.click(buttonIn(bot, 'ana', 'mentor.accept').button, { as: 'ana' });
    for (let week = 1; week <= 13; week++) {
      bot.clock.advance(WEEK);
      await bot.tick();
    }
    const titles = bot.dmsTo('leo').map((d) => d.title);
    expect(titles.filter((t) => t === 'How is it going?')).toHaveLength(2);
    expect(titles.filter((t) => t === 'Your mentorship comes to a close')).toHaveLength(1);
    expect(await bot.repos.mentorship.completedCount(bot.community, 'ana')).toBe(1);
  });
});

describe('ending and stopping', () => {
  it('/mentor end closes a mentorship for both, and withdraws a request that is still open', async () => {
    const bot = await mentorBot();
    await bot.run('/mentor offer skills:pricing capacity:2', { as: 'ana' });
    await bot.run('/mentor request @ana about:"quotes"', { as: 'leo' });
    await bot.click(buttonIn(bot, 'ana', 'mentor.accept').button, { as: 'ana' });
    await bot.run('/mentor request @ana about:"invoices"', { as: 'mia' });
    expect(bot.text(await bot.run('/mentor end', { as: 'mia' }))).toMatch(/withdrawn your mentorship request/);
    expect(bot.text(bot.sent.filter((d) => d.kind === 'update').at(-1)?.reply)).toMatch(/withdrawn/);
    expect(bot.text(await bot.run('/mentor end', { as: 'leo' }))).toMatch(/is complete/);
    expect(bot.dmsTo('ana').at(-1)?.title).toBe('Your mentorship comes to a close');
    expect(bot.text(await bot.run('/mentor end', { as: 'leo' }))).toMatch(/no mentorship or request to end/);
  });

  it('/mentor stop tells current mentees kindly and passes waiting requests on', async () => {
    const bot = await mentorBot();
    await bot.run('/mentor offer skills:pricing capacity:2', { as: 'ana' });
    await bot.run('/mentor offer skills:pricing', { as: 'ben' });
    await bot.run('/mentor request @ana about:"quotes"', { as: 'leo' });
    await bot.click(buttonIn(bot, 'ana', 'mentor.accept').button, { as: 'ana' });
    await bot.run('/mentor request @ana about:"invoices"', { as: 'mia' });
    expect(bot.text(await bot.run('/mentor stop', { as: 'ana' }))).toMatch(
      /stopped mentoring[\s\S]*mentee has been told kindly/,
    );
    expect(bot.text(bot.dmsTo('leo').at(-1))).toMatch(
      /@ana has stopped mentoring for now, so your mentorship in pricing has ended/,
    );
    expect(bot.text(bot.dmsTo('mia').at(-1))).toMatch(/withdrawn your request to them[\s\S]*@ben has room/);
    expect(await bot.repos.mentorship.offer(bot.community, 'ana')).toBeUndefined();
    expect(bot.text(await bot.run('/mentor find skill:pricing', { as: 'zoe' }))).not.toMatch(/@ana/);
  });

  it('pause keeps mentees but takes no requests; resume takes them again', async () => {
    const bot = await mentorBot();
    await bot.run('/mentor offer skills:pricing', { as: 'ana' });
    expect(bot.text(await bot.run('/mentor pause', { as: 'ana' }))).toMatch(/Paused/);
    expect(bot.text(await bot.run('/mentor pause', { as: 'ana' }))).toMatch(/already paused/);
    expect(bot.text(await bot.run('/mentor find skill:pricing', { as: 'leo' }))).toMatch(/No mentor has room/);
    expect(bot.text(await bot.run('/mentor request @ana about:"quotes"', { as: 'leo' }))).toMatch(
      /isn't taking new mentees right now/,
    );
    await bot.run('/mentor resume', { as: 'ana' });
    expect(bot.text(await bot.run('/mentor request @ana about:"quotes"', { as: 'leo' }))).toMatch(/I've asked @ana/);
  });
});
