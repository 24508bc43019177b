/**
 * Recognition announced is recognition shown: a 4 or 5 tells the requester it "counts towards Lucas's 'feedback
 * given'", so every profile shows that count, whether Lucas introduced himself, only listed skills, or neither.
 */
import { describe, expect, it } from 'vitest';
import { TestBot } from '../support/test-bot.ts';
import { buttonIn, latestRequest } from './feedback-support.ts';

async function lucasGaveFeedback(score = 5) {
  const bot = await TestBot.create();
  await bot.run('/hallway config feedback-channel:wip');
  await bot.run('/skills offer illustration', { as: 'lucas' });
  await bot.run('/feedback request about:"Cover" skills:illustration', { as: 'emma' });
  const request = await latestRequest(bot, 'emma');
  const accepted = await bot.click(buttonIn(bot, 'lucas', 'feedback.accept').button, { as: 'lucas' });
  await bot.click(accepted!.buttons![0]!, { as: 'lucas' });
  const rated = await bot.click({ action: 'feedback.rate', value: `${request.id}:lucas:${score}` }, { as: 'emma' });
  if (score >= 4) expect(bot.text(rated)).toContain(`It counts towards @lucas's "feedback given" on their profile.`);
  else expect(bot.text(rated)).not.toContain('counts towards');
  return bot;
}

describe('"feedback given" on profiles', () => {
  it('shows on the profile of a member with skills but no intro, to others and to themselves', async () => {
    const bot = await lucasGaveFeedback();
    expect(bot.text(await bot.run('/profile <@lucas>', { as: 'emma' }))).toContain('Feedback given: 1');
    expect(bot.text(await bot.run('/profile', { as: 'lucas' }))).toContain('Feedback given: 1');
  });

  it('shows on the profile of a member with neither an intro nor skills', async () => {
    const bot = await lucasGaveFeedback();
    await bot.run('/skills remove illustration', { as: 'lucas' });
    const seen = bot.text(await bot.run('/profile <@lucas>', { as: 'emma' }));
    expect(seen).toContain("hasn't introduced themselves yet");
    expect(seen).toContain('Feedback given: 1');
  });

  it('shows on an introduced member’s profile, and 0 for someone who gave none yet', async () => {
    const bot = await lucasGaveFeedback();
    const form = (await bot.run('/intro', { as: 'lucas' })).form!;
    await bot.submit(form, { role: 'Illustrator', working_on: 'Covers' }, { as: 'lucas' });
    const lucas = bot.text(await bot.run('/profile <@lucas>', { as: 'emma' }));
    expect(lucas).toContain('What they do: Illustrator');
    expect(lucas).toContain('Feedback given: 1');
    expect(bot.text(await bot.run('/profile', { as: 'emma' }))).toContain('Feedback given: 0');
  });

  it('a 3/5 promises nothing and counts nothing', async () => {
    const bot = await lucasGaveFeedback(3);
    expect(bot.text(await bot.run('/profile <@lucas>', { as: 'emma' }))).toContain('Feedback given: 0');
  });
});
