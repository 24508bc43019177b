import { describe, expect, it } from 'vitest';
import type { BoundFeature, Context } from '#core/command.ts';
import { featureContext, loadCommunity } from '#core/context.ts';
import { silentLogger } from '#core/ports/logger.ts';
import { inUnit } from '#core/unit.ts';
import type { TestBot } from '../support/test-bot.ts';
import { card, createdId, meetupBot } from './meetups-support.ts';

// Monday 16 November 2026, 09:00 in Paris.
const START = '2026-11-16T08:00:00Z';

/**
 * Calls a hook of the meetups feature directly, as the admin feature does (forget-me, export): in one unit of
 * work, with a handler context for `userId`; what it queues is in the outbox once this resolves.
 */
function withMeetups<T>(bot: TestBot, userId: string, fn: (meetups: BoundFeature, ctx: Context) => Promise<T>) {
  const meetups = bot.features.find((f) => f.name === 'meetups')!;
  const now = bot.clock.now();
  return inUnit(bot.deps, 'interactive', async (unit) => {
    const community = await loadCommunity(bot.deps, unit.core.communities, bot.community, now);
    const extras = { catalog: bot.core.catalog, defer: () => {}, runJobNow: async () => 'not-due' as const };
    const scope = { actor: bot.actor({ as: userId }), community, now, log: silentLogger, extras };
    return fn(meetups, featureContext(bot.deps, unit, scope, meetups));
  });
}

describe('meetups: forms, typed options and the other entry points', () => {
  it('a bare /meetup create opens a form (five fields, then the length); submitting it creates the meetup and its series', async () => {
    const bot = await meetupBot(START);
    const reply = await bot.run('/meetup create', { as: 'ana' });
    expect(reply.form?.fields.map((f) => f.id)).toEqual(['title', 'when', 'where', 'capacity', 'repeat', 'duration']);
    expect(reply.form?.fields.find((f) => f.id === 'when')?.kind).toBe('datetime');
    const bad = await bot.submit(reply.form!, { title: 'Zines', when: 'fri 19:00', capacity: 'lots' }, { as: 'ana' });
    expect(bot.text(bad)).toContain('Seats must be a whole number');
    const done = await bot.submit(
      reply.form!,
      { title: 'Zines', when: 'fri 19:00 weekly', capacity: '5' },
      { as: 'ana' },
    );
    expect(bot.text(done)).toContain('I read "fri 19:00" as Fri 20 Nov 2026, 19:00 (Europe/Paris).');
    expect(bot.text(done)).toContain('It repeats every Friday at 19:00');
    const meetup = (await bot.repos.meetups.get(bot.community, createdId(bot, done!)))!;
    expect(meetup.capacity).toBe(5);
    expect(meetup.seriesId).toBeDefined();
  });

  it('takes an instant from a date-time picker and a repeat from its own field', async () => {
    const bot = await meetupBot(START);
    const form = (await bot.run('/meetup create', { as: 'ana' })).form!;
    const at = Math.floor(Date.parse('2026-11-27T18:00:00Z') / 1000);
    const odd = await bot.submit(form, { title: 'Zines', when: `at:${at}`, repeat: 'sometimes' }, { as: 'ana' });
    expect(bot.text(odd)).toContain('Repeat must be weekly, biweekly or monthly');
    const past = await bot.submit(form, { title: 'Zines', when: 'at:1000' }, { as: 'ana' });
    expect(bot.text(past)).toContain('is in the past');
    const done = await bot.submit(form, { title: 'Zines', when: `at:${at}`, repeat: 'biweekly' }, { as: 'ana' });
    expect(bot.text(done)).toContain('Set for Fri 27 Nov 2026, 19:00 (Europe/Paris).');
    expect(bot.text(done)).toContain('It repeats every other Friday at 19:00');
    const edit = await bot.run(`/meetup edit ${createdId(bot, done!)}`, { as: 'ana' });
    expect(edit.form?.fields.find((f) => f.id === 'when')?.initialAt).toBe(at);
  });

  it('takes Discord-style typed options, and needs both title and when', async () => {
    const bot = await meetupBot(START);
    const reply = await bot.runOptions(
      'meetup',
      'create',
      { title: 'Crit', when: '2026-12-04 19:00', capacity: 3 },
      { as: 'ana' },
    );
    expect(bot.text(reply)).toContain('Fri 4 Dec 2026, 19:00 (Europe/Paris)');
    const half = await bot.runOptions('meetup', 'create', { title: 'Crit' }, { as: 'ana' });
    expect(bot.text(half)).toContain('needs both a `title` and a `when`');
    const zero = await bot.runOptions(
      'meetup',
      'create',
      { title: 'Crit', when: 'fri 19:00', capacity: 0 },
      { as: 'ana' },
    );
    expect(bot.text(zero)).toContain('`capacity` must be at least 1');
  });

  it('edits through the form (host only); more seats promote the waitlist', async () => {
    const bot = await meetupBot(START);
    const id = createdId(bot, await bot.run('/meetup create title:Crit when:"fri 19:00" capacity:1', { as: 'ana' }));
    for (const user of ['kim', 'lee']) await bot.click({ action: 'meetup.rsvp', value: `${id}:going` }, { as: user });
    expect(bot.text(await bot.run(`/meetup edit ${id}`, { as: 'kim' }))).toContain('Only the host');
    const opened = await bot.run(`/meetup edit ${id}`, { as: 'ana' });
    const initial = Object.fromEntries(opened.form!.fields.map((f) => [f.id, f.initial ?? '']));
    expect(initial).toMatchObject({ title: 'Crit', when: '2026-11-20 19:00', capacity: '1' });
    const saved = await bot.submit(opened.form!, { ...initial, capacity: '2', where: 'Room B' }, { as: 'ana' });
    expect(bot.text(saved)).toContain('1 member from the waitlist got a seat and was told');
    expect(bot.text(bot.dmsTo('lee')[0])).toContain('A seat opened up');
    expect(bot.text(card(bot))).toContain('2/2 going');
    expect((await bot.repos.meetups.get(bot.community, id))?.startsAt.toISOString()).toBe('2026-11-20T18:00:00.000Z');
  });

  it('answers by command, turns reminders off, suggests meetups, and refuses unknown numbers', async () => {
    const bot = await meetupBot(START);
    const id = createdId(bot, await bot.run('/meetup create title:"Zine night" when:"fri 19:00"', { as: 'ana' }));
    expect(bot.text(await bot.run(`/meetup rsvp ${id} going`, { as: 'kim' }))).toContain("You're going");
    expect(bot.text(await bot.run('/meetup rsvp 999 going', { as: 'kim' }))).toContain('There is no meetup #999 here');
    expect(bot.text(await bot.run('/meetup reminders off', { as: 'kim' }))).toContain('Reminders are off');
    expect(await bot.repos.meetups.remindersEnabled(bot.community, 'kim')).toBe(false);
    const event = {
      kind: 'command' as const,
      actor: bot.actor({ as: 'kim' }),
      command: 'meetup',
      input: { kind: 'text' as const, text: '' },
    };
    expect(await bot.core.autocomplete(event, 'meetups', 'zin')).toEqual([
      { name: `#${id} Zine night · Fri 20 Nov 2026, 19:00 (Europe/Paris)`, value: String(id) },
    ]);
    expect(await bot.core.autocomplete(event, 'meetups', 'pottery')).toEqual([]);
    // Another community never sees this meetup.
    const other = await bot.run(`/meetup rsvp ${id} going`, { as: 'kim', community: 'shell:studio' });
    expect(bot.text(other)).toContain(`There is no meetup #${id} here`);
  });

  it('home lists my answers; forget-me removes them, gives the seat away and redraws the card', async () => {
    const bot = await meetupBot(START);
    const id = createdId(bot, await bot.run('/meetup create title:Crit when:"fri 19:00" capacity:1', { as: 'ana' }));
    for (const user of ['kim', 'lee']) await bot.click({ action: 'meetup.rsvp', value: `${id}:going` }, { as: user });
    const home = await bot.dispatch({ kind: 'home_opened', actor: bot.actor({ as: 'kim' }) });
    expect(bot.text(home)).toContain(`#${id} Crit — Fri 20 Nov 2026, 19:00 (Europe/Paris) — Going`);
    const deleted = await withMeetups(bot, 'kim', (meetups, ctx) => meetups.forget!(ctx, 'kim'));
    await bot.drain();
    expect(deleted['meetup answers']).toBe(1);
    expect(bot.text(bot.dmsTo('lee')[0])).toContain('A seat opened up');
    expect(bot.text(card(bot))).not.toContain('@kim');
    const exported = await withMeetups(bot, 'host', (meetups, ctx) => meetups.exportData!(ctx));
    expect(JSON.stringify(exported)).not.toContain('"kim"');
    expect(exported.meetup_rsvps).toHaveLength(1);
  });
});
