import { beforeEach, describe, expect, it } from 'vitest';
import type { Button } from '#core/reply.ts';
import type { TestBot } from '../support/test-bot.ts';
import { DAY, HOUR, MINUTE, resourceBot, resourceId, stockLibrary } from './resources-support.ts';

let bot: TestBot;
beforeEach(async () => {
  bot = await resourceBot();
  await stockLibrary(bot);
});

/** The newest button for `action` the member got by DM. */
function dmButton(userId: string, action: string): Button {
  for (const reply of [...bot.dmsTo(userId)].reverse()) {
    const button = reply.buttons?.find((b) => b.action === action);
    if (button) return button;
  }
  throw new Error(`no ${action} button for ${userId}`);
}

const queue = async () =>
  (await bot.repos.resources.listQueue(bot.community, await resourceId(bot, 'Tripod'))).map(
    (l) => `${l.borrower}:${l.status}`,
  );
const dmTexts = (userId: string) => bot.dmsTo(userId).map((r) => bot.text(r));

describe('resources: borrow → lend → reminders → return → the next in line', () => {
  it('asks the owner, tells both the due date, nudges at most three times, and passes it on when it is back', async () => {
    const asked = await bot.run('/resource borrow Tripod until:"next monday"', { as: 'mia' });
    expect(bot.text(asked)).toContain('I asked @lucas to lend you Tripod.');
    expect(dmTexts('lucas').at(-1)).toContain('@mia would like to borrow Tripod until Mon 23 Nov 2026, 18:00');
    const lendIt = dmButton('lucas', 'resource.lend');
    expect(
      bot
        .dmsTo('lucas')
        .at(-1)
        ?.buttons?.map((b) => b.label),
    ).toEqual(['Lend it', 'Not now']);

    // Someone else cannot approve it; the owner can, once.
    expect(bot.text(await bot.click(lendIt, { as: 'emma' }))).toContain('Only the owner of Tripod can answer that.');
    expect(await queue()).toEqual(['mia:requested']);
    const lent = await bot.click(lendIt, { as: 'lucas' });
    expect(bot.text(lent)).toContain('You lent Tripod to @mia until Mon 23 Nov 2026, 18:00 (Europe/Paris).');
    expect(lent?.replaceOriginal).toBe(true);
    expect(lent?.buttons?.map((b) => b.label)).toEqual(['Got it back']);
    expect(dmTexts('mia').at(-1)).toContain('Please bring it back by Mon 23 Nov 2026, 18:00 (Europe/Paris)');
    expect(bot.text(await bot.click(lendIt, { as: 'lucas' }))).toContain('You already lent Tripod to @mia.');

    // Two more members queue up, in order.
    expect(bot.text(await bot.run('/resource borrow tripod', { as: 'raj' }))).toContain("You're #1 in line");
    expect(bot.text(await bot.run('/resource borrow Tripod', { as: 'zoe' }))).toContain("You're #2 in line");
    expect(bot.text(await bot.run('/resource borrow Tripod', { as: 'raj' }))).toContain("You're already #1 in line");
    expect(await queue()).toEqual(['mia:lent', 'raj:waiting', 'zoe:waiting']);

    // Due Monday 23 November 17:00 UTC: one reminder the day before, then one nudge a day, three in all.
    const due = new Date('2026-11-23T17:00:00Z').getTime();
    const remindersAt = async (at: number) => {
      bot.clock.set(new Date(at));
      await bot.tick();
      return dmTexts('mia').filter((t) => /reminder|nudge/.test(t)).length;
    };
    expect(await remindersAt(due - DAY - 10 * MINUTE)).toBe(0);
    expect(await remindersAt(due - DAY + 5 * MINUTE)).toBe(1);
    expect(dmTexts('mia').at(-1)).toContain('A friendly reminder: Tripod is due back to @lucas Mon 23 Nov 2026');
    expect(await remindersAt(due - HOUR)).toBe(1);
    expect(await remindersAt(due + HOUR)).toBe(1);
    expect(await remindersAt(due + DAY + 5 * MINUTE)).toBe(2);
    expect(dmTexts('mia').at(-1)).toContain('A gentle nudge: Tripod was due back to @lucas');
    expect(await remindersAt(due + DAY + 2 * HOUR)).toBe(2);
    expect(await remindersAt(due + 2 * DAY + 10 * MINUTE)).toBe(3);
    expect(await remindersAt(due + 3 * DAY + 10 * MINUTE)).toBe(3);
    expect(await remindersAt(due + 9 * DAY)).toBe(3);

    // Mia gives it back: Lucas is told, and Raj's turn comes (Lucas is asked).
    bot.clearSent();
    expect(bot.text(await bot.run('/resource return Tripod', { as: 'mia' }))).toContain('Tripod is marked as returned');
    expect(dmTexts('lucas')[0]).toContain('@mia says Tripod is back with you.');
    expect(dmTexts('lucas')[1]).toContain('@raj would like to borrow Tripod');
    expect(dmTexts('raj')).toEqual([expect.stringContaining("It's your turn for Tripod: I asked @lucas")]);
    expect(await queue()).toEqual(['raj:requested', 'zoe:waiting']);
    expect(bot.text(await bot.run('/resource return Tripod', { as: 'mia' }))).toContain("You don't have Tripod");

    // Not now: Raj is told, and Zoe is next.
    const notNow = await bot.click(dmButton('lucas', 'resource.not-now'), { as: 'lucas' });
    expect(bot.text(notNow)).toContain('I told @raj');
    expect(dmTexts('raj').at(-1)).toContain("@lucas can't lend Tripod right now.");
    expect(await queue()).toEqual(['zoe:requested']);

    // Lent to Zoe, then Got it back by the owner closes it.
    const toZoe = await bot.click(dmButton('lucas', 'resource.lend'), { as: 'lucas' });
    const gotBack = toZoe!.buttons!.find((b) => b.action === 'resource.got-back')!;
    expect(bot.text(await bot.click(gotBack, { as: 'zoe' }))).toContain('Only the owner');
    expect(bot.text(await bot.click(gotBack, { as: 'lucas' }))).toContain('Marked Tripod as back from @zoe.');
    expect(dmTexts('zoe').at(-1)).toContain('@lucas has Tripod back. Thanks');
    expect(await queue()).toEqual([]);
    expect(bot.text(await bot.click(gotBack, { as: 'lucas' }))).toContain('already marked as back');
  });

  it('skips the day-before reminder for a loan shorter than a day, and lends at once when nobody keeps it', async () => {
    await bot.run('/resource borrow Tripod until:"today 18:00"', { as: 'mia' });
    await bot.click(dmButton('lucas', 'resource.lend'), { as: 'lucas' });
    bot.clock.set(new Date('2026-11-16T16:30:00Z'));
    await bot.runJob('resource-reminders');
    expect(dmTexts('mia').filter((t) => /reminder|nudge/.test(t))).toEqual([]);
    bot.clock.set(new Date('2026-11-17T17:05:00Z'));
    await bot.runJob('resource-reminders');
    expect(dmTexts('mia').filter((t) => /nudge/.test(t))).toHaveLength(1);

    // A community thing whose keeper asked to be forgotten has nobody to ask: it is lent straight away.
    await bot.run('/resource add name:"Sewing machine" kind:tool', { as: 'host' });
    await bot.repos.resources.forgetMember(bot.community, 'host');
    const reply = await bot.run('/resource borrow "Sewing machine"', { as: 'raj' });
    expect(bot.text(reply)).toMatch(
      /Sewing machine is yours until Tue 24 Nov 2026, 18:05 .* Nobody needs to approve it/,
    );
  });

  it('refuses what makes no sense, and changes nothing', async () => {
    expect(bot.text(await bot.run('/resource borrow Tripod', { as: 'lucas' }))).toContain(
      'Tripod is yours to lend, not to borrow.',
    );
    expect(bot.text(await bot.run('/resource borrow Risograph', { as: 'mia' }))).toContain(
      'Risograph is booked by the slot, not lent',
    );
    expect(bot.text(await bot.run('/resource return Tripod', { as: 'mia' }))).toContain(
      "You don't have Tripod, and you're not in line for it.",
    );
    expect(bot.text(await bot.run('/resource borrow Tripod until:"in 6 months 10:00"', { as: 'mia' }))).toContain(
      'Loans last at most 90 days',
    );
    expect(bot.text(await bot.run('/resource borrow Tripod until:yesterday', { as: 'mia' }))).toMatch(/in the past/);
    expect(bot.text(await bot.run('/resource borrow Tripd', { as: 'mia' }))).toContain('Did you mean "Tripod"?');
    expect(await queue()).toEqual([]);
    // Approving, declining or closing a loan that is not yours; a button for a loan that does not exist.
    await bot.run('/resource borrow Tripod', { as: 'mia' });
    const lend = dmButton('lucas', 'resource.lend');
    for (const action of ['resource.lend', 'resource.not-now', 'resource.got-back']) {
      expect(bot.text(await bot.click({ action, value: lend.value }, { as: 'mia' }))).toContain('Only the owner');
      expect(bot.text(await bot.click({ action, value: '999' }, { as: 'lucas' }))).toContain('no longer open');
    }
    expect(await queue()).toEqual(['mia:requested']);
    // Leaving the line before the answer withdraws the request.
    expect(bot.text(await bot.run('/resource return Tripod', { as: 'mia' }))).toContain("You're out of the line");
    expect(await queue()).toEqual([]);
    expect(bot.text(await bot.click(lend, { as: 'lucas' }))).toContain('no longer open');
  });
});
