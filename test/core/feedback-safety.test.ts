import { describe, expect, it } from 'vitest';
import { feedbackFeature, feedbackGivenCount } from '../../commands/feedback/index.ts';
import type { Context } from '../../commands/feedback/kit.ts';
import { toCommunity } from '#core/context.ts';
import { silentLogger } from '#core/ports/logger.ts';
import { inUnit } from '#core/unit.ts';
import type { TestBot } from '../support/test-bot.ts';
import { buttonIn, feedbackBot, latestRequest, member, status } from './feedback-support.ts';

/** Zoe asked; Ana accepted and gave feedback; Mallory is another member. */
async function givenFeedback(settings = {}) {
  const bot = await feedbackBot({ 'feedback-channel': 'wip', ...settings });
  await member(bot, 'ana', ['illustration']);
  await member(bot, 'mallory', ['accounting']);
  await bot.run('/feedback request about:"Cover" skills:illustration', { as: 'zoe' });
  const request = await latestRequest(bot, 'zoe');
  const accepted = await bot.click(buttonIn(bot, 'ana', 'feedback.accept').button, { as: 'ana' });
  await bot.click(accepted!.buttons![0]!, { as: 'ana' });
  return { bot, request };
}

describe('feedback buttons belong to their member', () => {
  it("refuses a crafted value for someone else's ask, and changes nothing", async () => {
    const bot = await feedbackBot();
    await member(bot, 'ana', ['illustration']);
    await bot.run('/feedback request about:"Cover" skills:illustration', { as: 'zoe' });
    const request = await latestRequest(bot, 'zoe');
    const value = String(request.id);
    for (const action of ['feedback.accept', 'feedback.decline', 'feedback.given', 'feedback.note']) {
      expect(bot.text(await bot.click({ action, value }, { as: 'mallory' }))).toMatch(/was not sent to you/);
    }
    expect(await status(bot, request, 'ana')).toBe('asked');
    expect(await status(bot, request, 'mallory')).toBeUndefined();
    expect(bot.dmsTo('zoe')).toHaveLength(0);
  });

  it('refuses ratings and thank-yous from anyone but the requester', async () => {
    const { bot, request } = await givenFeedback();
    const rate = await bot.click({ action: 'feedback.rate', value: `${request.id}:ana:1` }, { as: 'mallory' });
    expect(bot.text(rate)).toMatch(/Only the member who asked/);
    const ana = await bot.click({ action: 'feedback.rate', value: `${request.id}:ana:5` }, { as: 'ana' });
    expect(bot.text(ana)).toMatch(/Only the member who asked/);
    expect(await bot.repos.feedback.getRating(bot.community, request.id, 'ana')).toBeUndefined();
    const thanks = await bot.submit(
      'feedback.thanks',
      { thanks: 'fake' },
      { as: 'mallory', meta: `${request.id}:ana` },
    );
    expect(bot.text(thanks)).toMatch(/Only the member who asked/);
    // Zoe cannot rate feedback that was never given, nor invent a reviewer.
    const ghost = await bot.click({ action: 'feedback.rate', value: `${request.id}:mallory:5` }, { as: 'zoe' });
    expect(bot.text(ghost)).toMatch(/no feedback from that member/);
  });

  it('refuses malformed values and metas without crashing', async () => {
    const { bot } = await givenFeedback();
    for (const value of ['', 'abc', '1;DROP TABLE', '1:ana:9', '99999999999999999']) {
      const reply = await bot.click({ action: 'feedback.rate', value }, { as: 'zoe' });
      expect(bot.text(reply)).toMatch(/no longer valid/);
    }
    const form = await bot.submit('feedback.thanks', { thanks: 'hi' }, { as: 'zoe', meta: 'nonsense' });
    expect(bot.text(form)).toMatch(/no longer valid/);
    const other = await bot.click({ action: 'feedback.accept', value: '424242' }, { as: 'ana' });
    expect(bot.text(other)).toMatch(/was not sent to you/);
  });
});

describe('double clicks have one effect', () => {
  it('accept, given, rate and thank-you each count once', async () => {
    const { bot, request } = await givenFeedback();
    const accept = { action: 'feedback.accept', value: String(request.id) };
    expect(bot.text(await bot.click(accept, { as: 'ana' }))).toMatch(/already gave feedback/);
    expect(bot.text(await bot.click({ action: 'feedback.given', value: String(request.id) }, { as: 'ana' }))).toMatch(
      /already marked/,
    );
    const zoeDms = bot.dmsTo('zoe');
    expect(zoeDms.filter((r) => /will give you feedback/.test(r.text))).toHaveLength(1);
    expect(zoeDms.filter((r) => r.buttons?.some((b) => b.action === 'feedback.rate'))).toHaveLength(1);

    await bot.click({ action: 'feedback.rate', value: `${request.id}:ana:5` }, { as: 'zoe' });
    const again = await bot.click({ action: 'feedback.rate', value: `${request.id}:ana:1` }, { as: 'zoe' });
    expect(bot.text(again)).toMatch(/already rated this feedback 5\/5/);
    expect(await feedbackGivenCount(bot.repos.feedback, bot.community, 'ana')).toBe(1);

    const meta = `${request.id}:ana`;
    await bot.submit('feedback.thanks', { thanks: 'Thanks!' }, { as: 'zoe', meta });
    expect(bot.text(await bot.submit('feedback.thanks', { thanks: 'Again' }, { as: 'zoe', meta }))).toMatch(
      /already sent/,
    );
    expect(bot.dmsTo('ana').filter((r) => /thanks you/.test(r.text))).toHaveLength(1);
  });

  it('counts only ratings of 4 and 5 as helpful feedback given', async () => {
    const { bot, request } = await givenFeedback();
    await bot.click({ action: 'feedback.rate', value: `${request.id}:ana:3` }, { as: 'zoe' });
    expect(await feedbackGivenCount(bot.repos.feedback, bot.community, 'ana')).toBe(0);
  });
});

describe('prompts can be turned off', () => {
  it('per member: "was this helpful?" is replaced by a plain notice', async () => {
    const bot = await feedbackBot();
    await member(bot, 'ana', ['illustration']);
    await bot.run('/feedback prompts off helpful', { as: 'zoe' });
    await bot.run('/feedback request about:"Cover" skills:illustration', { as: 'zoe' });
    const accepted = await bot.click(buttonIn(bot, 'ana', 'feedback.accept').button, { as: 'ana' });
    expect(accepted?.buttons?.[0]?.action).toBe('feedback.given');
    await bot.click(accepted!.buttons![0]!, { as: 'ana' });
    const last = bot.dmsTo('zoe').at(-1)!;
    expect(last.text).toMatch(/as given\.$/);
    expect(last.buttons).toBeUndefined();
  });

  it('per community: no rating buttons and no weekly post when prompts are off', async () => {
    const { bot } = await givenFeedback({ prompts: false });
    expect(bot.dmsTo('zoe').at(-1)?.buttons).toBeUndefined();
    bot.clock.set('2026-11-18T10:30:00Z');
    expect(await bot.runJob('feedback-prompt')).toBe('not-due');
    expect(bot.postsIn('wip')).toHaveLength(0);
  });
});

describe('the weekly work-in-progress prompt', () => {
  it('posts once a week in the feedback channel, with a button that opens the request form', async () => {
    const bot = await feedbackBot(); // Monday; prompts default to Wednesday 10:00
    bot.clock.set('2026-11-18T10:00:00Z');
    expect(await bot.runJob('feedback-prompt')).toBe('ran');
    expect(await bot.runJob('feedback-prompt')).toBe('already-ran');
    const [post] = bot.postsIn('wip');
    expect(bot.text(post)).toMatch(/What are you working on\?/);
    const opened = await bot.click(post!.buttons![0]!, { as: 'zoe' });
    expect(opened?.form?.formId).toBe('feedback.request');
    bot.clock.set('2026-11-25T10:00:00Z');
    expect(await bot.runJob('feedback-prompt')).toBe('ran');
    expect(bot.postsIn('wip')).toHaveLength(2);
  });

  it('is not due while no feedback channel is set', async () => {
    const bot = await feedbackBot({});
    bot.clock.set('2026-11-18T10:00:00Z');
    expect(await bot.runJob('feedback-prompt')).toBe('not-due');
  });
});

/** Runs a feedback hook as the core would: with `userId`'s context, in a unit of work of its own. */
async function asMember<T>(bot: TestBot, userId: string, hook: (ctx: Context) => Promise<T>): Promise<T> {
  const feedback = bot.features.find((f) => f.name === 'feedback')!;
  return await inUnit(bot.deps, 'interactive', async (unit) => {
    const record = (await unit.core.communities.get(bot.community))!;
    const ctx = {
      actor: { ...bot.actor({ as: userId }), isAdmin: false },
      community: toCommunity(bot.deps, record),
      now: bot.clock.now(),
      store: unit.storeOf(feedback),
      core: unit.core,
      notify: unit.notify,
      log: silentLogger,
    } as unknown as Context;
    return await hook(ctx);
  });
}

describe('home, export and forget-me', () => {
  it('shows a summary on the home, exports the rows, and forgets a member completely', async () => {
    const { bot, request } = await givenFeedback();
    await bot.click({ action: 'feedback.rate', value: `${request.id}:ana:4` }, { as: 'zoe' });
    const home = bot.text({ text: '', sections: await asMember(bot, 'ana', (ctx) => feedbackFeature.home!(ctx)) });
    expect(home).toMatch(/Feedback given: 1/);
    const exported = await asMember(bot, 'host', (ctx) => feedbackFeature.exportData!(ctx));
    expect(exported.feedback_requests).toHaveLength(1);
    expect(exported.feedback_recognition).toEqual([{ reviewer: 'ana', helpful_feedback_given: 1 }]);

    const deleted = await asMember(bot, 'host', (ctx) => feedbackFeature.forget!(ctx, 'zoe'));
    expect(deleted).toEqual({
      'feedback requests': 1,
      'feedback asks': 1,
      'feedback ratings': 1,
      'feedback settings': 0,
    });
    const after = await asMember(bot, 'host', (ctx) => feedbackFeature.exportData!(ctx));
    expect(Object.values(after).every((rows) => rows.length === 0)).toBe(true);
    expect(await feedbackGivenCount(bot.repos.feedback, bot.community, 'ana')).toBe(0);
  });
});
