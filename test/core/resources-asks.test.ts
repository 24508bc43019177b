import { beforeEach, describe, expect, it } from 'vitest';
import type { Button } from '#core/reply.ts';
import type { TestBot } from '../support/test-bot.ts';
import { FEEDBACK, HOUR, resourceBot, stockLibrary } from './resources-support.ts';

let bot: TestBot;
beforeEach(async () => {
  bot = await resourceBot();
  await stockLibrary(bot);
  for (const user of ['ana', 'raj', 'theo', 'zoe']) await bot.run('/skills offer sewing', { as: user });
  await bot.run('/skills offer photography', { as: 'emma' });
  bot.clearSent();
});

const askButton = (userId: string, label: string): Button => {
  const reply = [...bot.dmsTo(userId)].reverse().find((r) => r.buttons?.some((b) => b.label === label));
  if (!reply) throw new Error(`no "${label}" for ${userId}`);
  return reply.buttons!.find((b) => b.label === label)!;
};
/** Posts of asks in the feedback channel (the weekly work-in-progress prompt goes there too). */
const askPosts = () => bot.postsIn(FEEDBACK).filter((p) => p.buttons?.some((b) => b.action === 'resource.have'));
const asked = () =>
  bot.sent
    .filter((d) => d.kind === 'dm' && d.reply.buttons?.some((b) => b.action === 'resource.have'))
    .map((d) => d.to[0]);

describe('resources: asking for something nobody listed', () => {
  it('asks the three best fits, spreading the load; the first yes connects the two; late answers are thanked', async () => {
    const reply = await bot.run('/resource ask what:"a sewing machine"', { as: 'mia' });
    expect(bot.text(reply)).toContain('I asked 3 members who might have “a sewing machine”.');
    expect(asked()).toEqual(['ana', 'raj', 'theo']);
    expect(bot.text(bot.dmsTo('ana')[0])).toContain('@mia is looking for “a sewing machine”.');
    const first = askButton('theo', 'I have one').value;

    // A second ask goes first to the member nobody has asked yet.
    bot.clearSent();
    await bot.run('/resource ask what:"a sewing pattern"', { as: 'lucas' });
    expect(asked()).toEqual(['zoe', 'ana', 'raj']);

    // Back to the first ask: Raj says not me, Theo has one.
    bot.clearSent();
    expect(bot.text(await bot.click({ action: 'resource.not-me', value: first }, { as: 'raj' }))).toContain(
      'No worries',
    );
    const yes = await bot.click({ action: 'resource.have', value: first }, { as: 'theo' });
    expect(bot.text(yes)).toContain('I put you in touch with @mia.');
    const intro = bot.sent.find((d) => d.kind === 'dm' && d.to.includes('mia') && d.to.includes('theo'));
    expect(bot.text(intro?.reply)).toContain('@mia, meet @theo: they have “a sewing machine”');
    expect(intro?.reply.mentions).toEqual(['mia', 'theo']);
    // Ana's ask is closed in place; her late yes is thanked, and connects nobody.
    expect(bot.sent.some((d) => d.kind === 'update' && bot.text(d.reply).includes('Someone already has'))).toBe(true);
    expect(bot.text(await bot.click({ action: 'resource.have', value: first }, { as: 'ana' }))).toContain(
      'Someone already has one for @mia',
    );
    expect(bot.text(await bot.click({ action: 'resource.have', value: first }, { as: 'theo' }))).toContain(
      "You're already in touch",
    );
    expect(bot.sent.filter((d) => d.kind === 'dm' && d.to.length === 2)).toHaveLength(1);
    expect((await bot.repos.resources.getAsk(bot.community, Number(first)))?.helper).toBe('theo');
  });

  it('offers it once in the feedback channel when everyone asked says no; then anyone may answer', async () => {
    await bot.run('/resource ask what:"a sewing machine"', { as: 'mia' });
    const id = askButton('ana', 'Not me').value;
    // Only the members asked may answer while it is private.
    expect(bot.text(await bot.click({ action: 'resource.have', value: id }, { as: 'emma' }))).toContain(
      'went to other members',
    );
    expect(bot.text(await bot.click({ action: 'resource.have', value: id }, { as: 'mia' }))).toContain('your own ask');
    for (const user of ['ana', 'raj', 'theo']) await bot.click({ action: 'resource.not-me', value: id }, { as: user });
    const posts = askPosts();
    expect(posts).toHaveLength(1);
    expect(bot.text(posts[0])).toContain(
      'Does anyone have “a sewing machine” to lend or share? @mia is looking for one.',
    );
    expect(posts[0]!.mentions).toEqual([]);
    expect(bot.text(bot.dmsTo('mia').at(-1))).toContain('so I asked in #feedback');
    await bot.click({ action: 'resource.not-me', value: id }, { as: 'ana' });
    expect(askPosts()).toHaveLength(1);
    expect(bot.text(await bot.click(posts[0]!.buttons![0]!, { as: 'emma' }))).toContain('I put you in touch with @mia');
    expect(bot.sent.some((d) => d.kind === 'update' && bot.text(d.reply).includes('Found: “a sewing machine”'))).toBe(
      true,
    );
  });

  it('offers an ask nobody answered in two days, once', async () => {
    await bot.run('/resource ask what:"a sewing machine"', { as: 'mia' });
    bot.clock.advance(47 * HOUR);
    await bot.tick();
    expect(askPosts()).toEqual([]);
    bot.clock.advance(HOUR + 5 * 60_000);
    await bot.tick();
    bot.clock.advance(HOUR);
    await bot.tick();
    expect(askPosts()).toHaveLength(1);
    expect(bot.sent.filter((d) => d.kind === 'update' && bot.text(d.reply).includes('No answer needed'))).toHaveLength(
      3,
    );
    expect(bot.text(await bot.click(askButton('ana', 'Not me'), { as: 'ana' }))).toContain('No worries');
  });

  it('points to the library when the thing is listed, and posts at once when nobody fits', async () => {
    expect(bot.text(await bot.run('/resource ask what:"a tripod"', { as: 'mia' }))).toContain(
      'The library already has it:\n• Tripod: borrow',
    );
    const reply = await bot.run('/resource ask what:"a theremin"', { as: 'mia' });
    expect(bot.text(reply)).toContain('Nobody here obviously has “a theremin”, so I asked in #feedback.');
    expect(askPosts()).toHaveLength(1);
    expect(bot.text(await bot.run('/resource ask what:"a"', { as: 'mia' }))).toContain(
      'Tell me what you are looking for',
    );
    expect(bot.text(await bot.click({ action: 'resource.have', value: '999' }, { as: 'mia' }))).toContain(
      'no longer open',
    );
  });

  it('asks owners of similar things first', async () => {
    await bot.run('/resource add name:"Camera slider" description:"for smooth video shots"', { as: 'raj' });
    bot.clearSent();
    await bot.run('/resource ask what:"a camera crane"', { as: 'mia' });
    expect(asked()).toEqual(['raj']);
  });
});
