/** A meetup's length in words (`duration:2h`), from typed text, Discord-style options, the create and edit forms. */
import { describe, expect, it } from 'vitest';
import { createdId, HOUR, MINUTE, meetupBot } from './meetups-support.ts';

// Monday 16 November 2026, 09:00 in Paris.
const START = '2026-11-16T08:00:00Z';

describe('meetups: how long a meetup lasts', () => {
  it('reads duration:2h and duration:1h30 typed, and says how long it lasts', async () => {
    const bot = await meetupBot(START);
    const reply = await bot.run('/meetup create title:"Crit" when:"fri 19:00" duration:2h', { as: 'ana' });
    expect(bot.text(reply)).toContain('It lasts 2 hours.');
    const id = createdId(bot, reply);
    const created = (await bot.repos.meetups.get(bot.community, id))!;
    expect(created.endsAt.getTime() - created.startsAt.getTime()).toBe(2 * HOUR);
    const edited = await bot.run(`/meetup edit ${id} duration:1h30`, { as: 'ana' });
    expect(bot.text(edited)).toContain('It now lasts 1 hour 30 minutes.');
    const after = (await bot.repos.meetups.get(bot.community, id))!;
    expect(after.endsAt.getTime() - after.startsAt.getTime()).toBe(90 * MINUTE);
  });

  it('takes the length as a Discord option, and refuses a number without a unit by naming the unit', async () => {
    const bot = await meetupBot(START);
    const ok = await bot.runOptions(
      'meetup',
      'create',
      { title: 'Crit', when: 'fri 19:00', duration: '45m' },
      { as: 'ana' },
    );
    const meetup = (await bot.repos.meetups.get(bot.community, createdId(bot, ok!)))!;
    expect(meetup.endsAt.getTime() - meetup.startsAt.getTime()).toBe(45 * MINUTE);
    const bare = await bot.run('/meetup create title:"Crit" when:"fri 19:00" duration:90', { as: 'ana' });
    expect(bot.text(bare)).toContain('"90" needs a unit: write `90m` for 1 hour 30 minutes.');
    // The example under the refusal is one that shows a duration (the one closest to what was typed).
    expect(bare.text + (bare.context ?? '')).toMatch(/Example: `\/meetup create [^`]*duration:1h30`/);
    const long = await bot.run('/meetup create title:"Crit" when:"fri 19:00" duration:30h', { as: 'ana' });
    expect(bot.text(long)).toContain('A meetup lasts at most 24 hours, not "30h". Try `2h`.');
    expect(await bot.repos.meetups.listUpcoming(bot.community, bot.clock.now(), 10)).toHaveLength(1);
  });

  it('asks the length in the forms: the edit form shows it, a bad one is refused at its field', async () => {
    const bot = await meetupBot(START);
    const form = (await bot.run('/meetup create', { as: 'ana' })).form!;
    const bad = await bot.submit(form, { title: 'Zines', when: 'fri 19:00', duration: 'ages' }, { as: 'ana' });
    expect(bad?.formError?.field).toBe('duration');
    expect(bad?.formError?.message).toContain('I couldn\'t read "ages" as a length of time. Try `2h`');
    const done = await bot.submit(form, { title: 'Zines', when: 'fri 19:00', duration: '3h' }, { as: 'ana' });
    const id = createdId(bot, done!);
    const edit = (await bot.run(`/meetup edit ${id}`, { as: 'ana' })).form!;
    expect(edit.fields.find((f) => f.id === 'duration')?.initial).toBe('3h');
    const unchanged = Object.fromEntries(edit.fields.map((f) => [f.id, f.initial ?? '']));
    await bot.submit(edit, { ...unchanged, duration: '' }, { as: 'ana' });
    const kept = (await bot.repos.meetups.get(bot.community, id))!;
    expect(kept.endsAt.getTime() - kept.startsAt.getTime()).toBe(3 * HOUR);
    await bot.submit(edit, { ...unchanged, duration: '1:15' }, { as: 'ana' });
    const shorter = (await bot.repos.meetups.get(bot.community, id))!;
    expect(shorter.endsAt.getTime() - shorter.startsAt.getTime()).toBe(75 * MINUTE);
  });
});
