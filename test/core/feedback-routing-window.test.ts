/**
 * Routing in communities larger than the window of offerers read per skill (commands/feedback/reviewers.ts): the
 * bounded reads must still spread asks and never prefer a busy member while a free one exists.
 */
import { describe, expect, it } from 'vitest';
import { WINDOW } from '../../commands/feedback/reviewers.ts';
import { feedbackStore } from '../../data/stores/feedback.store.ts';
import { askedFor, feedbackBot, HOUR, latestRequest, member } from './feedback-support.ts';

const names = (n: number) => Array.from({ length: n }, (_, i) => `m${String(i).padStart(2, '0')}`);

describe('feedback routing beyond one window of offerers', () => {
  it('spreads 20 requests over 40 reviewers: everyone is asked once or twice', async () => {
    const bot = await feedbackBot();
    const reviewers = names(40);
    expect(reviewers.length).toBeGreaterThan(WINDOW * 2);
    for (const name of reviewers) await member(bot, name, ['illustration']);
    const counts = new Map(reviewers.map((n) => [n, 0]));
    for (let i = 0; i < 20; i++) {
      const requester = `req${i % 4}`;
      await bot.run(`/feedback request about:"Piece ${i}" skills:illustration`, { as: requester });
      const asked = await askedFor(bot, await latestRequest(bot, requester));
      expect(asked).toHaveLength(3);
      for (const reviewer of asked) counts.set(reviewer, counts.get(reviewer)! + 1);
      bot.clock.advance(HOUR);
    }
    expect(Math.min(...counts.values())).toBe(1);
    expect(Math.max(...counts.values())).toBe(2);
  });

  it('finds the one free member outside the first window before asking busy ones', async () => {
    const bot = await feedbackBot();
    const reviewers = names(30);
    for (const name of reviewers) await member(bot, name, ['illustration']);
    const now = bot.clock.now();
    await bot.storage.transaction(async (tx) => {
      const store = feedbackStore(tx);
      const old = await store.createRequest({
        community: bot.community,
        requester: 'old',
        about: 'Earlier piece',
        skills: ['illustration'],
        now,
      });
      // Everyone but m29 holds an accepted ask.
      for (const name of reviewers.slice(0, 29)) await store.addAsk(bot.community, old.id, name, 'accepted', now);
    });
    bot.clock.advance(HOUR);
    await bot.run('/feedback request about:"Cover" skills:illustration', { as: 'zoe' });
    // m29 first; then the busy ones, equally loaded, by id.
    expect((await askedFor(bot, await latestRequest(bot, 'zoe'))).sort()).toEqual(['m00', 'm01', 'm29']);
  });
});
