/**
 * Feedback buttons act only in the state they were offered in (issue 20, finding 1). "I'll give feedback" from the
 * channel works only on a request offered there now, never for its requester or a member who declined it; the
 * refusal is the same whatever the id names, so counting ids up reveals nothing. "Feedback given" needs a yes first.
 * Each refusal changes nothing (checked on the whole database) and tells the requester nothing.
 */
import { describe, expect, it } from 'vitest';
import type { Reply } from '#core/reply.ts';
import type { TestBot } from '../support/test-bot.ts';
import { inspect } from '../hardening/support/db.ts';
import { type Prober, prober } from '../hardening/support/probe.ts';
import { buttonIn, feedbackBot, latestRequest, member, status } from './feedback-support.ts';

const NOT_OFFERED = 'That request is not open to volunteers. Thanks for offering!';

/** Zoe asked for illustration feedback; Ana (the only illustrator) was asked by DM; Mallory is another member. */
async function askedByDm() {
  const bot = await feedbackBot();
  await member(bot, 'ana', ['illustration']);
  await member(bot, 'mallory', ['accounting']);
  await bot.run('/feedback request about:"Secret cover" skills:illustration', { as: 'zoe' });
  const request = await latestRequest(bot, 'zoe');
  return { bot, request, p: prober(bot, inspect(bot.storage)) };
}

async function refused(p: Prober, bot: TestBot, what: string, poke: () => Promise<Reply | undefined>) {
  const verdict = await p.probe(what, poke);
  expect(verdict.problems).toEqual([]);
  expect(verdict.rejected, `${what} should be refused`).toBe(true);
  return bot.text(verdict.reply);
}

describe('"I\'ll give feedback" from the channel', () => {
  it('refuses a request that was only DMed to its reviewers, exactly as an id that does not exist', async () => {
    const { bot, request, p } = await askedByDm();
    expect(request.status).toBe('open');
    const zoeHeard = bot.dmsTo('zoe').length;
    const forged = await refused(p, bot, 'volunteer', () =>
      bot.click({ action: 'feedback.volunteer', value: String(request.id) }, { as: 'mallory' }),
    );
    const unknown = await refused(p, bot, 'volunteer unknown', () =>
      bot.click({ action: 'feedback.volunteer', value: '424242' }, { as: 'mallory' }),
    );
    expect(forged).toBe(NOT_OFFERED);
    expect(unknown).toBe(NOT_OFFERED);
    expect(forged).not.toMatch(/Secret cover|zoe/);
    expect(await status(bot, request, 'mallory')).toBeUndefined();
    expect(bot.dmsTo('zoe')).toHaveLength(zoeHeard);
    // Nor can Mallory mark it given, or rate it.
    await refused(p, bot, 'given', () =>
      bot.click({ action: 'feedback.given', value: String(request.id) }, { as: 'mallory' }),
    );
  });

  it('counting ids up learns nothing: open, cancelled, fulfilled and unknown requests get one answer', async () => {
    const { bot, request, p } = await askedByDm();
    await bot.run('/feedback request about:"Another secret" skills:illustration', { as: 'zoe' });
    await bot.run(`/feedback cancel ${request.id}`, { as: 'zoe' });
    const answers = new Set<string>();
    for (let id = 1; id <= 5; id++) {
      answers.add(
        await refused(p, bot, `volunteer #${id}`, () =>
          bot.click({ action: 'feedback.volunteer', value: String(id) }, { as: 'mallory' }),
        ),
      );
    }
    expect([...answers]).toEqual([NOT_OFFERED]);
  });

  it('refuses the requester and a member who declined; anyone else may volunteer once it is offered', async () => {
    const { bot, request, p } = await askedByDm();
    await bot.click(buttonIn(bot, 'ana', 'feedback.decline').button, { as: 'ana' });
    expect((await latestRequest(bot, 'zoe')).status).toBe('offered_publicly');
    const [offer] = bot.postsIn('wip');
    const volunteer = offer!.buttons![0]!;
    expect(volunteer).toMatchObject({ action: 'feedback.volunteer', value: String(request.id) });
    expect(await refused(p, bot, 'own', () => bot.click(volunteer, { as: 'zoe' }))).toMatch(/your own request/);
    expect(await refused(p, bot, 'decliner', () => bot.click(volunteer, { as: 'ana' }))).toMatch(/said not this time/);
    expect(await status(bot, request, 'ana')).toBe('declined');
    // "Feedback given" needs a yes: Ana said no.
    await refused(p, bot, 'given by decliner', () =>
      bot.click({ action: 'feedback.given', value: String(request.id) }, { as: 'ana' }),
    );
    expect(await status(bot, request, 'ana')).toBe('declined');
    const yes = await bot.click(volunteer, { as: 'mallory' });
    expect(yes?.buttons?.[0]?.action).toBe('feedback.given');
    expect(bot.text(bot.dmsTo('zoe').at(-1))).toMatch(/@mallory will give you feedback/);
  });
});

describe('"Feedback given"', () => {
  it('is refused to a reviewer who was asked but never said yes, and to one whose ask timed out', async () => {
    const { bot, request, p } = await askedByDm();
    expect(
      await refused(p, bot, 'given before yes', () =>
        bot.click({ action: 'feedback.given', value: String(request.id) }, { as: 'ana' }),
      ),
    ).toMatch(/Say yes .* first/);
    expect(await status(bot, request, 'ana')).toBe('asked');
    bot.clock.advance(4 * 24 * 3_600_000);
    await bot.tick();
    expect(await status(bot, request, 'ana')).toBe('timed_out');
    await refused(p, bot, 'given after time-out', () =>
      bot.click({ action: 'feedback.given', value: String(request.id) }, { as: 'ana' }),
    );
    expect(bot.dmsTo('zoe').some((r) => /marked their feedback/.test(r.text))).toBe(false);
  });
});
