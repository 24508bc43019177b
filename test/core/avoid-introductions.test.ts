/**
 * The avoid list holds at the moment of every introduction (issue 20, finding 2): "Introduce us" on a suggestion,
 * a weekly round (an avoid added while the round was being planned), its "Open a group chat", the follow-up, the
 * intro card's "you might want to meet" and feedback routing. And it outlives the avoided member's forget-me: kept
 * by keyed hash, nothing readable names them, and when they come back they are still avoided everywhere.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { matchingFeature } from '../../commands/matching/index.ts';
import { runJob } from '#core/jobs.ts';
import type { JobDef } from '#core/command.ts';
import { TestBot } from '../support/test-bot.ts';
import { inspect } from '../hardening/support/db.ts';
import { button, DAY_MS, lastRoundGroups, loadLoft, ROUND_TIME } from './matching-support.ts';

let bot: TestBot;

beforeEach(async () => {
  bot = await TestBot.create({ start: '2026-11-16T08:00:00Z' });
  await bot.run('/hallway config intro-channel:intros feedback-channel:wip', { as: 'host' });
  await loadLoft(bot);
  bot.clearSent();
});

/** Emma's suggestion of Lucas (the loft's best pair), as the DM button. */
async function emmaSuggestedLucas() {
  await bot.run('/match', { as: 'emma' });
  const dm = bot.dmsTo('emma').find((r) => bot.text(r).includes('You could meet @lucas'));
  return button(dm, 'Introduce us');
}

const groupDms = () => bot.sent.filter((d) => d.kind === 'dm' && d.to.length > 1);

async function forget(userId: string) {
  const ask = await bot.run('/hallway forget-me', { as: userId });
  await bot.click(button(ask, 'Yes, delete my data'), { as: userId });
}

describe('at the moment of the introduction', () => {
  it('"Introduce us" is refused once the other member avoids you, without saying who avoids whom', async () => {
    const introduce = await emmaSuggestedLucas();
    await bot.run('/match avoid @emma', { as: 'lucas' });
    const reply = await bot.click(introduce, { as: 'emma' });
    expect(bot.text(reply)).toBe('This introduction is no longer possible. Try /match for new suggestions.');
    expect(groupDms()).toEqual([]);
    expect((await bot.repos.matching.suggestion(bot.community, Number(introduce.value)))?.status).toBe('shown');
    expect(await bot.repos.matching.pairingsOf(bot.community, 'emma', 5)).toEqual([]);
  });

  it('"Introduce us" after "Not now" is refused: the suggestion was dismissed', async () => {
    const introduce = await emmaSuggestedLucas();
    await bot.click({ action: 'match.dismiss', value: introduce.value }, { as: 'emma' });
    expect(bot.text(await bot.click(introduce, { as: 'emma' }))).toMatch(/said not now/);
    expect(groupDms()).toEqual([]);
  });

  it('a round planned before an avoid was added does not introduce that pair', async () => {
    const feature = bot.features.find((f) => f.name === 'matching')!;
    const round = matchingFeature.jobs!.find((j) => j.name === 'match-round')! as JobDef;
    // The avoid lands between planning (outside the transaction) and the run that writes the pairs.
    const late: JobDef = {
      ...round,
      prepare: async (ctx) => {
        const plan = await round.prepare!(ctx);
        await bot.run('/match avoid @lucas', { as: 'emma' });
        return plan;
      },
    };
    bot.clock.set(ROUND_TIME);
    expect(await runJob(feature, late, bot.community, bot.deps)).toBe('ran');
    await bot.drain();
    expect((await lastRoundGroups(bot)).flat()).not.toContain('emma');
    expect(bot.dmsTo('emma').some((r) => bot.text(r).includes('matched with @lucas'))).toBe(false);
    expect(bot.dmsTo('lucas').some((r) => bot.text(r).includes('matched with @emma'))).toBe(false);
  });

  it('"Open a group chat" and the follow-up stop once either member avoids the other', async () => {
    bot.clock.set(ROUND_TIME);
    await bot.runJob('match-round');
    const chat = button(bot.dmsTo('emma')[0], 'Open a group chat');
    await bot.run('/match avoid @emma', { as: 'lucas' });
    expect(bot.text(await bot.click(chat, { as: 'emma' }))).toMatch(/can't open this group chat/);
    expect(groupDms()).toEqual([]);
    bot.clock.advance(3 * DAY_MS);
    await bot.runJob('match-follow-up');
    expect(bot.dmsTo('emma').some((r) => bot.text(r).includes('Did you get to meet'))).toBe(false);
    expect(bot.dmsTo('mia').some((r) => bot.text(r).includes('Did you get to meet @raj'))).toBe(true);
  });

  it('an intro card never suggests meeting a member on either avoid list', async () => {
    await bot.run('/match avoid @emma', { as: 'lucas' });
    const form = (await bot.run('/intro', { as: 'emma' })).form!;
    await bot.submit(
      form,
      { role: 'Designer', working_on: 'A zine', offers: 'layout design', needs: 'photography' },
      {
        as: 'emma',
      },
    );
    const card = bot.postsIn('intros').at(-1)!;
    expect(bot.text(card)).toContain('Say hello to @emma');
    expect(bot.text(card)).not.toContain('@lucas');
  });

  it('a feedback request is never routed between two members on either avoid list', async () => {
    await bot.run('/skills offer photography', { as: 'mia' });
    await bot.run('/match avoid @lucas', { as: 'emma' });
    await bot.run('/feedback request about:"Poster photos" skills:photography', { as: 'emma' });
    const asked = (await bot.repos.feedback.listRequestsBy(bot.community, 'emma', ['open']))[0]!;
    const reviewers = (await bot.repos.feedback.listAsks(bot.community, asked.id)).map((a) => a.reviewer);
    // Lucas offers photography too, and was not asked; the next fitting members were.
    expect(reviewers).toContain('mia');
    expect(reviewers).not.toContain('lucas');
    expect(bot.dmsTo('lucas')).toEqual([]);
  });
});

describe('when the avoided member uses forget-me and comes back', () => {
  it('keeps the avoider protected by a keyed hash, with nothing readable naming them', async () => {
    await bot.run('/match avoid @lucas', { as: 'emma' });
    await forget('lucas');
    const db = inspect(bot.storage);
    expect(await db.findEverywhere('lucas')).toEqual([]);
    expect(bot.text(await bot.run('/match status', { as: 'emma' }))).toContain(
      'Never matched with: 1 member no longer listed',
    );

    // Lucas comes back with the same skills: never suggested to Emma, nor she to him, nor paired, nor on a card.
    await bot.run('/skills offer photography, photo editing', { as: 'lucas' });
    await bot.run('/skills need layout design, graphic design', { as: 'lucas' });
    bot.clearSent();
    await bot.run('/match', { as: 'emma' });
    await bot.run('/match', { as: 'lucas' });
    expect(
      bot
        .dmsTo('emma')
        .map((r) => bot.text(r))
        .join('\n'),
    ).not.toContain('@lucas');
    expect(
      bot
        .dmsTo('lucas')
        .map((r) => bot.text(r))
        .join('\n'),
    ).not.toContain('@emma');
    bot.clock.set(ROUND_TIME);
    await bot.runJob('match-round');
    expect((await lastRoundGroups(bot)).some((g) => g.includes('emma') && g.includes('lucas'))).toBe(false);
    const form = (await bot.run('/intro', { as: 'lucas' })).form!;
    await bot.submit(form, { role: 'Photographer', working_on: 'Portraits', offers: 'photography' }, { as: 'lucas' });
    expect(bot.text(bot.postsIn('intros').at(-1))).not.toContain('@emma');

    // Emma can still end it.
    expect(bot.text(await bot.run('/match unavoid @lucas', { as: 'emma' }))).toContain('can be matched with you again');
    expect(bot.text(await bot.run('/match status', { as: 'emma' }))).toContain('Never matched with: —');
  });
});
