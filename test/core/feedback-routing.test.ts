import { describe, expect, it } from 'vitest';
import { handOffExpiredAsks } from '../../commands/feedback/index.ts';
import type { FeedbackStore } from '../../commands/feedback/store.ts';
import { loadCommunity } from '#core/context.ts';
import { silentLogger } from '#core/ports/logger.ts';
import { inUnit } from '#core/unit.ts';
import { askedFor, buttonIn, feedbackBot, HOUR, latestRequest, member, status } from './feedback-support.ts';

describe('feedback routing', () => {
  it('spreads 20 requests over the community: no reviewer is asked far more than the others', async () => {
    const bot = await feedbackBot();
    const names = Array.from({ length: 10 }, (_, i) => `m${String(i).padStart(2, '0')}`);
    for (const name of names) await member(bot, name, ['illustration']);
    for (let i = 0; i < 20; i++) {
      const requester = names[i % names.length]!;
      await bot.run(`/feedback request about:"Piece ${i}" skills:illustration`, { as: requester });
      bot.clock.advance(HOUR); // within the 48 h timeout: every ask stays open
    }
    const counts = new Map(names.map((n) => [n, 0]));
    for (const name of names) {
      for (const r of await bot.repos.feedback.listRequestsBy(bot.community, name, ['open'])) {
        const asked = await askedFor(bot, r);
        expect(asked).toHaveLength(3);
        expect(asked).not.toContain(name);
        for (const reviewer of asked) counts.set(reviewer, counts.get(reviewer)! + 1);
      }
    }
    // 60 asks over 10 members is 6 each. Greedy routing cannot always reach exactly 6 (the last requests exclude
    // their own requesters), so allow one either side, and no more.
    const values = [...counts.values()];
    expect(values.reduce((a, b) => a + b, 0)).toBe(60);
    expect(Math.min(...values)).toBeGreaterThanOrEqual(5);
    expect(Math.max(...values)).toBeLessThanOrEqual(7);
  });

  it('also spreads when reviewers answer at once: members asked lately come after the others', async () => {
    const bot = await feedbackBot();
    const names = ['r1', 'r2', 'r3', 'r4', 'r5', 'r6'];
    for (const name of names) await member(bot, name, ['photography']);
    for (let i = 0; i < 20; i++) {
      await bot.run(`/feedback request about:"Shoot ${i}" skills:photography`, { as: `req${i % 4}` });
      const request = await latestRequest(bot, `req${i % 4}`);
      // The first reviewer says yes and gives feedback, the others decline: nothing stays open.
      const [first, ...others] = await askedFor(bot, request);
      await bot.click({ action: 'feedback.accept', value: String(request.id) }, { as: first });
      await bot.click({ action: 'feedback.given', value: String(request.id) }, { as: first });
      for (const reviewer of others)
        await bot.click({ action: 'feedback.decline', value: String(request.id) }, { as: reviewer });
      expect((await bot.repos.feedback.getRequest(bot.community, request.id))?.status).toBe('fulfilled');
      bot.clock.advance(HOUR);
    }
    const counts: number[] = [];
    for (const n of names)
      counts.push((await bot.repos.feedback.listAsksFor(bot.community, n, ['given', 'declined'])).length);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(60);
    expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
  });

  it('asks a member still holding an accepted request only after members who are free', async () => {
    const bot = await feedbackBot();
    for (const name of ['a', 'b', 'c', 'd']) await member(bot, name, ['illustration']);
    await bot.run('/feedback request about:"One" skills:illustration', { as: 'zoe' });
    const first = await latestRequest(bot, 'zoe');
    expect((await askedFor(bot, first)).sort()).toEqual(['a', 'b', 'c']);
    await bot.click({ action: 'feedback.accept', value: String(first.id) }, { as: 'a' });
    bot.clock.advance(HOUR);
    await bot.click({ action: 'feedback.decline', value: String(first.id) }, { as: 'b' });
    await bot.click({ action: 'feedback.decline', value: String(first.id) }, { as: 'c' });
    await bot.click({ action: 'feedback.decline', value: String(first.id) }, { as: 'd' });
    bot.clock.advance(HOUR);
    await bot.run('/feedback request about:"Two" skills:illustration', { as: 'yan' });
    // `a` was asked longest ago, but is busy with "One": the three who declined are free.
    expect((await askedFor(bot, await latestRequest(bot, 'yan'))).sort()).toEqual(['b', 'c', 'd']);
  });

  it('never asks the requester, members who left, or members who paused review asks', async () => {
    const bot = await feedbackBot();
    for (const name of ['ana', 'gone', 'paused', 'zoe']) await member(bot, name, ['illustration']);
    await bot.leave('gone');
    expect(bot.text(await bot.run('/feedback prompts off asks', { as: 'paused' }))).toMatch(/Review asks are off/);
    await bot.run('/feedback request about:"Cover" skills:illustration', { as: 'zoe' });
    expect(await askedFor(bot, await latestRequest(bot, 'zoe'))).toEqual(['ana']);

    await bot.run('/feedback prompts on', { as: 'paused' });
    await bot.run('/feedback request about:"Back cover" skills:illustration', { as: 'zoe' });
    expect((await askedFor(bot, await latestRequest(bot, 'zoe'))).sort()).toEqual(['ana', 'paused']);
  });

  it('passes asks on when a reviewer leaves, and withdraws the requests of a member who leaves', async () => {
    const bot = await feedbackBot();
    for (const name of ['a', 'b', 'c', 'd']) await member(bot, name, ['illustration']);
    await bot.run('/feedback request about:"Cover" skills:illustration', { as: 'zoe' });
    const request = await latestRequest(bot, 'zoe');
    expect((await askedFor(bot, request)).sort()).toEqual(['a', 'b', 'c']);
    await bot.click({ action: 'feedback.accept', value: String(request.id) }, { as: 'b' });
    await bot.leave('a');
    expect(await status(bot, request, 'a')).toBe('timed_out');
    expect(await askedFor(bot, request)).toContain('d');

    await bot.leave('zoe');
    expect((await bot.repos.feedback.getRequest(bot.community, request.id))?.status).toBe('cancelled');
    expect(bot.text(bot.dmsTo('b').at(-1))).toMatch(/withdrawn .*has left.*no need/);
    expect(await status(bot, request, 'c')).toBe('timed_out');
  });

  it('asks members with a related skill when nobody offers the exact one', async () => {
    const bot = await feedbackBot();
    await member(bot, 'ana', ['drawing']);
    await member(bot, 'ben', ['accounting']);
    await bot.run('/feedback request about:"Sketches" skills:illustration', { as: 'zoe' });
    expect(await askedFor(bot, await latestRequest(bot, 'zoe'))).toEqual(['ana']);
  });

  it('tells the requester honestly when nobody fits, and offers the request in the feedback channel', async () => {
    const bot = await feedbackBot();
    await member(bot, 'ben', ['accounting']);
    const reply = await bot.run('/feedback request about:"Zine cover" skills:illustration', { as: 'zoe' });
    expect(bot.text(reply)).toMatch(/found nobody here who offers .* posted it in #wip/);
    const request = await latestRequest(bot, 'zoe');
    expect(request.status).toBe('offered_publicly');
    const post = bot.postsIn('wip')[0]!;
    expect(bot.text(post)).toMatch(/@zoe is looking for feedback on #\d+ Zine cover/);
    expect(bot.text(await bot.click(post.buttons![0]!, { as: 'zoe' }))).toMatch(/your own request/);

    const volunteered = await bot.click(post.buttons![0]!, { as: 'ben' });
    expect(volunteered?.buttons?.[0]?.action).toBe('feedback.given');
    expect(bot.text(bot.dmsTo('zoe').at(-1))).toMatch(/@ben will give you feedback/);
    await bot.click(volunteered!.buttons![0]!, { as: 'ben' });
    expect(buttonIn(bot, 'zoe', 'feedback.rate').button.value).toBe(`${request.id}:ben:1`);
    expect((await bot.repos.feedback.getRequest(bot.community, request.id))?.status).toBe('fulfilled');
  });

  it('says so when there is no feedback channel to offer the request in', async () => {
    const bot = await feedbackBot({});
    const reply = await bot.run('/feedback request about:"Zine cover" skills:illustration', { as: 'zoe' });
    expect(bot.text(reply)).toMatch(/no feedback channel .* \/hallway config/);
    expect((await latestRequest(bot, 'zoe')).status).toBe('expired');
  });

  it('offers the request publicly once every candidate declined or stayed silent', async () => {
    const bot = await feedbackBot({ 'feedback-channel': 'wip', 'feedback-timeout-hours': 12 });
    await member(bot, 'ana', ['illustration']);
    await member(bot, 'ben', ['illustration']);
    await bot.run('/feedback request about:"Cover" skills:illustration', { as: 'zoe' });
    const request = await latestRequest(bot, 'zoe');
    await bot.click(buttonIn(bot, 'ana', 'feedback.decline').button, { as: 'ana' });
    expect(bot.postsIn('wip')).toHaveLength(0);
    bot.clock.advance(11 * HOUR);
    await bot.run('/feedback list', { as: 'ana' });
    expect(await status(bot, request, 'ben')).toBe('asked');
    bot.clock.advance(HOUR);
    await bot.run('/feedback list', { as: 'ana' });
    expect(await status(bot, request, 'ben')).toBe('timed_out');
    expect(bot.postsIn('wip')).toHaveLength(1);
    expect(bot.text(bot.dmsTo('zoe').at(-1))).toMatch(/Nobody I asked could take .* posted it in #wip/);
    // A late tap on the timed-out ask is answered kindly and changes nothing.
    const late = await bot.click(buttonIn(bot, 'ben', 'feedback.accept').button, { as: 'ben' });
    expect(bot.text(late)).toMatch(/timed out/);
    expect(await status(bot, request, 'ben')).toBe('timed_out');
  });

  it('stops asking at the deadline and tells the requester when nobody said yes', async () => {
    const bot = await feedbackBot(); // Monday 08:00 UTC
    await member(bot, 'ana', ['illustration']);
    await bot.run('/feedback request about:"Cover" skills:illustration by:"tuesday 12:00"', { as: 'zoe' });
    const request = await latestRequest(bot, 'zoe');
    bot.clock.advance(28 * HOUR + 1); // Tuesday 12:00 has passed, the 48 h timeout has not
    await bot.run('/feedback list', { as: 'ana' });
    expect((await bot.repos.feedback.getRequest(bot.community, request.id))?.status).toBe('expired');
    expect(await status(bot, request, 'ana')).toBe('timed_out');
    expect(bot.text(bot.dmsTo('zoe').at(-1))).toMatch(/deadline .* passed/);
    expect(bot.postsIn('wip')).toHaveLength(0);
  });

  it('moves on quiet communities through the exported scan the scheduler calls', async () => {
    const bot = await feedbackBot();
    await member(bot, 'ana', ['illustration']);
    await bot.run('/feedback request about:"Cover" skills:illustration', { as: 'zoe' });
    await member(bot, 'ben', ['illustration']); // joins after the request went out
    bot.clock.advance(49 * HOUR);
    // What the scheduler's sweep does for each community: the scan in a unit of work of its own.
    const feedback = bot.features.find((f) => f.name === 'feedback')!;
    const scan = () =>
      inUnit(bot.deps, 'bulk', async (unit) => {
        const community = await loadCommunity(bot.deps, unit.core.communities, bot.community, bot.clock.now());
        const scope = {
          community,
          now: bot.clock.now(),
          store: unit.storeOf(feedback) as FeedbackStore,
          core: unit.core,
          notify: unit.notify,
          log: silentLogger,
        };
        return await handOffExpiredAsks(scope);
      });
    expect(await scan()).toBe(1);
    expect(await scan()).toBe(0);
    await bot.drain();
    expect(await askedFor(bot, await latestRequest(bot, 'zoe'))).toEqual(['ana', 'ben']);
    expect(buttonIn(bot, 'ben', 'feedback.accept').button.value).toBe(String((await latestRequest(bot, 'zoe')).id));
  });
});
