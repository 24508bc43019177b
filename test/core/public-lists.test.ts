/**
 * Public lists name only members who may be listed: never a member whose first intro waits for a manager or was
 * refused, never a member who left. Every list is checked: the digest's new faces and skill-share idea, "you might
 * want to meet" on intro cards, `/skills find` and `/match` suggestions.
 */
import { describe, expect, it } from 'vitest';
import { TestBot } from '../support/test-bot.ts';

const INTROS = 'intros';
const EVENTS = 'events';

/** A community in approval mode: Emma and Raj introduced and approved; Nina's intro waits; Leo left. */
async function community() {
  const bot = await TestBot.create({ start: '2026-11-16T08:00:00Z' });
  await bot.run(`/hallway config intro-channel:${INTROS} meetup-channel:${EVENTS} approval:on`);
  await bot.run('/intro review');
  for (const user of ['emma', 'raj', 'nina', 'leo']) await bot.join(user);
  const intro = async (user: string, offers: string, needs: string) => {
    const form = (await bot.run('/intro', { as: user })).form!;
    await bot.submit(form, { role: 'Maker', working_on: 'Things', offers, needs }, { as: user });
  };
  await intro('leo', 'photography', 'bookbinding');
  await intro('nina', 'photography', 'bookbinding');
  await intro('raj', 'risograph printing', 'bookbinding');
  await approve(bot, 'leo');
  await approve(bot, 'raj');
  await bot.leave('leo');
  await intro('emma', 'bookbinding', 'photography');
  await approve(bot, 'emma');
  return bot;
}

async function approve(bot: TestBot, user: string) {
  const pending = await bot.repos.profiles.get(bot.community, user);
  await bot.click({ action: 'intro.approve', value: `${user}:${pending!.revision}` });
}

async function reject(bot: TestBot, user: string) {
  const pending = await bot.repos.profiles.get(bot.community, user);
  await bot.submit('intro.reject', { reason: '' }, { meta: `${user}:${pending!.revision}` });
}

/** Everything public that could name a member: the digest, Emma's card, the directory, Emma's suggestions. */
async function everythingPublic(bot: TestBot): Promise<string> {
  const card = bot.postsIn(INTROS).filter((p) => bot.text(p).includes('Say hello to @emma'));
  expect(card).toHaveLength(1);
  const mark = bot.sent.length;
  // A period of its own each time: the digest as it would read now.
  await bot.runJob('digest', `check-${mark}`);
  await bot.run('/match', { as: 'emma' });
  const later = bot.sent.slice(mark).map((d) => bot.text(d.reply));
  const find = bot.text(await bot.run('/skills find photography', { as: 'raj' }));
  expect(later.join('\n')).toContain('This week in the community');
  return [bot.text(card[0]), ...later, find].join('\n');
}

describe('public lists', () => {
  it('never name a member whose intro waits for approval, nor one who left', async () => {
    const bot = await community();
    const seen = await everythingPublic(bot);
    expect(seen).toContain('@raj');
    expect(seen).not.toContain('@nina');
    expect(seen).not.toContain('@leo');
  });

  it('never name a member whose intro was rejected, and do once it is approved', async () => {
    const bot = await community();
    await reject(bot, 'nina');
    const rejected = await everythingPublic(bot);
    expect(rejected).not.toContain('@nina');
    expect(rejected).toContain('@raj');
    const form = (await bot.run('/intro', { as: 'nina' })).form!;
    await bot.submit(form, { role: 'Photographer', working_on: 'Portraits', offers: 'photography' }, { as: 'nina' });
    await approve(bot, 'nina');
    const approved = await everythingPublic(bot);
    expect(approved).toContain('@nina');
  });
});
