/**
 * With approval on, a manager approves exactly what they saw (issue 20, finding 8): the skills are fixed with the
 * text when the intro is submitted, so skills changed while the review is open (or after) never reach the card,
 * neither when it is posted nor when it is redrawn later.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { Reply } from '#core/reply.ts';
import { TestBot } from '../support/test-bot.ts';

let bot: TestBot;

beforeEach(async () => {
  bot = await TestBot.create();
  await bot.run('/hallway config intro-channel:intros approval:on', { as: 'host' });
  await bot.run('/intro review', { as: 'host' }); // the host is now a manager introductions knows
});

const approveIn = (reply: Reply | undefined) => reply?.buttons?.find((b) => b.action === 'intro.approve');

async function submit(userId: string, offers: string) {
  const form = (await bot.run('/intro', { as: userId })).form!;
  await bot.submit(form, { role: 'Printmaker', working_on: 'A poster series', offers }, { as: userId });
}

describe('approval covers the skills', () => {
  it('posts the skills the manager reviewed, not those changed after the review opened', async () => {
    await submit('ana', 'screen printing');
    const review = await bot.run('/intro review', { as: 'host' });
    expect(bot.text(review)).toContain('Offers: screen printing');
    // While the manager reads, Ana swaps her skills.
    await bot.run('/skills offer hate speech, spam', { as: 'ana' });
    await bot.run('/skills remove screen printing', { as: 'ana' });
    await bot.click(approveIn(review)!, { as: 'host' });
    const card = bot.postsIn('intros').at(-1)!;
    expect(bot.text(card)).toContain('Say hello to @ana');
    expect(bot.text(card)).toContain('Offers: screen printing');
    expect(bot.text(card)).not.toMatch(/hate speech|spam/);
    // Her lists are hers to change (matching uses them); the card stays as approved.
    const now = (await bot.repos.profiles.skills(bot.community, 'ana', 'offer')).map((s) => s.term);
    expect(now.sort()).toEqual(['hate speech', 'spam']);
  });

  it('the approval DM shows the submitted skills, and a card redrawn later still shows them', async () => {
    await bot.run('/skills offer photography', { as: 'cleo' });
    await submit('ben', 'layout design');
    await bot.run('/skills need photography', { as: 'ben' });
    const dm = bot.dmsTo('host').find((r) => approveIn(r))!;
    expect(bot.text(dm)).toContain('Offers: layout design');
    expect(bot.text(dm)).not.toContain('photography');
    await bot.click(approveIn(dm)!, { as: 'host' });
    const posted = bot.postsIn('intros').at(-1)!;
    expect(bot.text(posted)).toContain('• @cleo — offers photography');
    await bot.run('/skills offer anything at all', { as: 'ben' });
    // Cleo leaves Hallway: Ben's card, which lists her, is redrawn without her, with the skills that were approved.
    const ask = await bot.run('/hallway forget-me', { as: 'cleo' });
    await bot.click(ask.buttons![0]!, { as: 'cleo' });
    const redrawn = bot.sent.filter((d) => d.kind === 'update' && bot.text(d.reply).includes('Say hello to @ben'));
    expect(redrawn).toHaveLength(1);
    expect(bot.text(redrawn[0]!.reply)).toContain('Offers: layout design');
    expect(bot.text(redrawn[0]!.reply)).not.toMatch(/anything at all|@cleo/);
  });

  it('a submission after the review is a new revision: the old Approve button no longer applies', async () => {
    await submit('ana', 'screen printing');
    const review = await bot.run('/intro review', { as: 'host' });
    await submit('ana', 'hate speech');
    const stale = await bot.click(approveIn(review)!, { as: 'host' });
    expect(bot.text(stale)).toMatch(/replaced by a newer version/);
    expect(bot.postsIn('intros').some((r) => bot.text(r).includes('Say hello to @ana'))).toBe(false);
  });
});
