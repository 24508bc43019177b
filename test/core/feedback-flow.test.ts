import { describe, expect, it } from 'vitest';
import { feedbackGivenCount } from '../../commands/feedback/index.ts';
import { askedFor, buttonIn, feedbackBot, HOUR, latestRequest, member, status } from './feedback-support.ts';

describe('a feedback request, start to finish', () => {
  it('routes, hands off on a decline and on silence, and closes the loop with a rating and a thank-you', async () => {
    const bot = await feedbackBot();
    for (const name of ['ana', 'ben', 'cy', 'dan']) await member(bot, name, ['illustration']);
    await member(bot, 'eve', ['drawing']); // related to illustration: asked only after every exact fit
    await member(bot, 'zoe', ['illustration']); // the requester: never asked about her own work

    const reply = await bot.run('/feedback request about:"Cover for my zine" skills:illustration by:friday', {
      as: 'zoe',
    });
    expect(bot.text(reply)).toMatch(/asked 3 members whose skills fit \(illustration\)/);
    // The deadline is said back to the requester as read: a day alone leaves all of that day.
    expect(bot.text(reply)).toContain('Due: I read "friday" as Fri 20 Nov 2026, 23:59 (UTC).');
    const request = await latestRequest(bot, 'zoe');
    expect((await askedFor(bot, request)).sort()).toEqual(['ana', 'ben', 'cy']);
    const ask = buttonIn(bot, 'ana', 'feedback.accept');
    expect(bot.text(ask.reply)).toContain('Cover for my zine');
    expect(ask.reply.buttons?.map((b) => b.action)).toEqual(['feedback.accept', 'feedback.decline']);

    // A decline passes the request to the next candidate.
    const declined = await bot.click(buttonIn(bot, 'ana', 'feedback.decline').button, { as: 'ana' });
    expect(declined?.replaceOriginal).toBe(true);
    expect(await askedFor(bot, request)).toContain('dan');
    expect(bot.dmsTo('zoe')).toHaveLength(0); // a decline stays private

    // A yes is told to the requester.
    const accepted = await bot.click(buttonIn(bot, 'ben', 'feedback.accept').button, { as: 'ben' });
    expect(accepted?.buttons?.[0]?.action).toBe('feedback.given');
    expect(bot.text(bot.dmsTo('zoe')[0])).toMatch(/@ben will give you feedback on #\d+ Cover for my zine/);

    // Silence past the timeout (48 h by default) passes it on too, the next time anything feedback runs.
    bot.clock.advance(47 * HOUR);
    await bot.run('/feedback list', { as: 'zoe' });
    expect(await status(bot, request, 'cy')).toBe('asked');
    bot.clock.advance(2 * HOUR);
    await bot.run('/feedback list', { as: 'zoe' });
    expect(await status(bot, request, 'cy')).toBe('timed_out');
    expect(await askedFor(bot, request)).toContain('eve');
    expect(bot.sent.some((d) => d.kind === 'update' && /passed it to someone else/.test(d.reply.text))).toBe(true);

    // Given → "Was this helpful?" in one tap → a thank-you delivered to the reviewer.
    await bot.click(accepted!.buttons![0]!, { as: 'ben' });
    const helpful = buttonIn(bot, 'zoe', 'feedback.rate');
    expect(helpful.reply.buttons?.map((b) => b.label)).toEqual(['1', '2', '3', '4', '5']);
    const five = helpful.reply.buttons!.find((b) => b.label === '5')!;
    const rated = await bot.click(five, { as: 'zoe' });
    expect(bot.text(rated)).toMatch(/rated @ben's feedback .* 5\/5/);
    expect(await feedbackGivenCount(bot.repos.feedback, bot.community, 'ben')).toBe(1);
    const form = (await bot.click(rated!.buttons![0]!, { as: 'zoe' }))!.form!;
    expect(form.formId).toBe('feedback.thanks');
    await bot.submit(form, { thanks: 'The colour notes were spot on!' }, { as: 'zoe' });
    expect(bot.text(bot.dmsTo('ben').at(-1))).toMatch(/@zoe thanks you .*\n.*spot on/s);

    // The optional note after "given" reaches the requester.
    const noteForm = (await bot.click({ action: 'feedback.note', value: String(request.id) }, { as: 'ben' }))!.form!;
    await bot.submit(noteForm, { note: 'Sent you a marked-up PDF.' }, { as: 'ben' });
    expect(bot.text(bot.dmsTo('zoe').at(-1))).toContain('marked-up PDF');

    // Once the others have answered, the request is fulfilled and nobody new is asked.
    await bot.click(buttonIn(bot, 'dan', 'feedback.decline').button, { as: 'dan' });
    await bot.click(buttonIn(bot, 'eve', 'feedback.decline').button, { as: 'eve' });
    expect((await bot.repos.feedback.getRequest(bot.community, request.id))?.status).toBe('fulfilled');
    expect((await askedFor(bot, request)).sort()).toEqual(['ana', 'ben', 'cy', 'dan', 'eve']);
  });

  it('takes skills from the text and the profile when none are given', async () => {
    const bot = await feedbackBot();
    await member(bot, 'zoe', ['illustration'], ['typography']);
    await member(bot, 'lay', ['layout-design']);
    await member(bot, 'typo', ['typography']);
    await member(bot, 'ill', ['illustration']);
    await bot.run('/feedback request "the page layout of my portfolio"', { as: 'zoe' });
    const request = await latestRequest(bot, 'zoe');
    expect(request.skills).toEqual(['layout-design', 'typography', 'illustration']);
    expect((await askedFor(bot, request)).sort()).toEqual(['ill', 'lay', 'typo']);
  });

  it('opens the request form from the weekly post, and from /feedback alone', async () => {
    const bot = await feedbackBot();
    const bare = await bot.run('/feedback', { as: 'zoe' });
    expect(bare.form?.formId).toBe('feedback.request');
    expect(bare.form?.fields.length).toBeLessThanOrEqual(5);
    await member(bot, 'ana', ['photography']);
    await bot.submit(bare.form!, { about: 'Street photos series', link: '', skills: 'photos', by: '' }, { as: 'zoe' });
    expect(await askedFor(bot, await latestRequest(bot, 'zoe'))).toEqual(['ana']);
  });

  it('refuses links that are not http(s) and deadlines in the past, storing nothing', async () => {
    const bot = await feedbackBot();
    const link = await bot.run('/feedback request about:zine link:javascript:alert(1)', { as: 'zoe' });
    expect(bot.text(link)).toMatch(/https:\/\//);
    const past = await bot.run('/feedback request about:zine by:yesterday', { as: 'zoe' });
    expect(bot.text(past)).toMatch(/past/);
    // A date without a year that has passed would be next year's: asked about, not silently moved a year on.
    bot.clock.set(new Date('2026-12-07T09:00:00Z'));
    const jumped = await bot.run('/feedback request about:zine by:"dec 3 18:00"', { as: 'zoe' });
    expect(bot.text(jumped)).toContain('"dec 3 18:00" has no year: Thu 3 Dec 2026 has passed');
    expect(
      await bot.repos.feedback.listRequestsBy(bot.community, 'zoe', ['open', 'offered_publicly', 'expired']),
    ).toEqual([]);
  });

  it('lists open requests and asks, and cancels, telling everyone involved', async () => {
    const bot = await feedbackBot();
    await member(bot, 'ana', ['illustration']);
    await member(bot, 'ben', ['illustration']);
    await bot.run('/feedback request about:"Poster" skills:illustration', { as: 'zoe' });
    const request = await latestRequest(bot, 'zoe');
    await bot.click(buttonIn(bot, 'ana', 'feedback.accept').button, { as: 'ana' });
    expect(bot.text(await bot.run('/feedback list', { as: 'zoe' }))).toMatch(
      /Poster.*1 said yes, 0 gave feedback, waiting on 1/,
    );
    expect(bot.text(await bot.run('/feedback list', { as: 'ana' }))).toMatch(/Poster.*from @zoe.*\/feedback given/);

    expect(bot.text(await bot.run(`/feedback cancel ${request.id}`, { as: 'ana' }))).toMatch(/no feedback request/);
    expect(bot.text(await bot.run(`/feedback cancel ${request.id}`, { as: 'zoe' }))).toMatch(/Cancelled/);
    expect(bot.text(bot.dmsTo('ana').at(-1))).toMatch(/cancelled .*no need/);
    expect(bot.sent.some((d) => d.kind === 'update' && /cancelled/.test(d.reply.text))).toBe(true);
    expect(bot.text(await bot.click(buttonIn(bot, 'ben', 'feedback.accept').button, { as: 'ben' }))).toMatch(
      /cancelled: nothing to do/,
    );
    expect(bot.text(await bot.run(`/feedback cancel ${request.id}`, { as: 'zoe' }))).toMatch(/already cancelled/);
  });
});

describe('skills typed in a request', () => {
  it('get the same "did you mean" as /skills when the vocabulary does not know them', async () => {
    const bot = await feedbackBot();
    await member(bot, 'ana', ['illustration']);
    const typo = await bot.run('/feedback request about:"Cover" skills:ilustration', { as: 'zoe' });
    expect(bot.text(typo)).toContain('“ilustration” is new to me (kept as you wrote it) — did you mean illustration?');
    const fine = await bot.run('/feedback request about:"Poster" skills:illustration', { as: 'zoe' });
    expect(bot.text(fine)).not.toContain('did you mean');
  });
});
