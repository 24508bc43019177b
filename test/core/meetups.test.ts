import { beforeEach, describe, expect, it } from 'vitest';
import type { TestBot } from '../support/test-bot.ts';
import { card, createdId, EVENTS, HOUR, MINUTE, meetupBot } from './meetups-support.ts';

// Monday 16 November 2026, 09:00 in Paris. "fri 19:00" is Friday 20 November, 18:00 UTC.
const START = '2026-11-16T08:00:00Z';
const FRIDAY_1900 = new Date('2026-11-20T18:00:00Z');

let bot: TestBot;
let id: number;
beforeEach(async () => {
  bot = await meetupBot(START);
  const reply = await bot.run('/meetup create title:"Zine night" when:"fri 19:00" where:"Print shop" capacity:2', {
    as: 'ana',
  });
  id = createdId(bot, reply);
});

const rsvp = async (user: string, status: 'going' | 'maybe' | 'no') =>
  await bot.click({ action: 'meetup.rsvp', value: `${id}:${status}` }, { as: user });
const at = (ms: number) => bot.clock.set(new Date(FRIDAY_1900.getTime() + ms));

describe('meetups: create → RSVP → capacity → waitlist → reminders → cancellation', () => {
  it('echoes the exact date understood and posts a card with RSVP buttons', async () => {
    const reply = await bot.run('/meetup create title:"Open studio" when:"tue 24 nov 6pm"', { as: 'ana' });
    expect(bot.text(reply)).toContain('I read "tue 24 nov 6pm" as Tue 24 Nov 2026, 18:00 (Europe/Paris).');
    const posted = bot.postsIn(EVENTS);
    expect(posted).toHaveLength(2);
    expect(bot.text(posted[0])).toContain('Fri 20 Nov 2026, 19:00 (Europe/Paris)');
    expect(posted[0]!.buttons?.map((b) => [b.label, b.value])).toEqual([
      ['Going', `${id}:going`],
      ['Maybe', `${id}:maybe`],
      ["Can't go", `${id}:no`],
    ]);
    expect(posted[0]!.mentions).toEqual([]);
  });

  it('refuses "next tuesday" said on a Monday with both readings, and creates nothing', async () => {
    const reply = await bot.run('/meetup create title:"Open studio" when:"next tuesday 6pm"', { as: 'ana' });
    expect(bot.text(reply)).toContain('could be Tue 17 Nov (tomorrow) or Tue 24 Nov (in 8 days)');
    expect(bot.postsIn(EVENTS)).toHaveLength(1);
  });

  it('refuses a date in the past with a clear message and creates nothing', async () => {
    const reply = await bot.run('/meetup create title:Late when:"today 8:00"', { as: 'ana' });
    expect(bot.text(reply)).toMatch(/Mon 16 Nov 2026, 08:00 \(Europe\/Paris\) is in the past/);
    expect(bot.postsIn(EVENTS)).toHaveLength(1);
  });

  it('seats up to the capacity, then waitlists in order; the card is updated in place each time', async () => {
    expect(bot.text(await rsvp('kim', 'going'))).toContain("You're going to #");
    await rsvp('lee', 'going');
    expect(bot.text(await rsvp('max', 'going'))).toContain("you're #1 on the waitlist");
    expect(bot.text(await rsvp('zoe', 'going'))).toContain("you're #2 on the waitlist");
    const updates = bot.sent.filter((d) => d.kind === 'update');
    expect(updates).toHaveLength(4);
    // Every update replaces the card's own message.
    const cardMessage = bot.sent.find((d) => d.kind === 'post')!.messageId;
    expect(new Set(updates.map((u) => u.messageId))).toEqual(new Set([cardMessage]));
    const text = bot.text(card(bot));
    expect(text).toContain('2/2 going · 0 maybe · 2 on the waitlist');
    expect(text).toContain('Going: @kim, @lee');
    expect(text).toContain('Waitlist: @max, @zoe');
  });

  it('a double click has one effect', async () => {
    await rsvp('kim', 'going');
    const before = bot.sent.length;
    expect(bot.text(await rsvp('kim', 'going'))).toContain('You already said going');
    expect(bot.sent.length).toBe(before);
    expect(await bot.repos.meetups.listRsvps(bot.community, id)).toHaveLength(1);
  });

  it("promotes the first on the waitlist when someone can't go, and tells them by DM", async () => {
    for (const user of ['kim', 'lee', 'max', 'zoe']) await rsvp(user, 'going');
    await rsvp('kim', 'no');
    expect(bot.dmsTo('max').map((r) => bot.text(r))).toEqual([expect.stringContaining('A seat opened up')]);
    expect(bot.dmsTo('zoe')).toEqual([]);
    const text = bot.text(card(bot));
    expect(text).toContain('Going: @lee, @max');
    expect(text).toContain('Waitlist: @zoe');
  });

  it('reminds Going 24 h and 1 h before and Maybe once, exactly once, never the waitlist or no', async () => {
    for (const user of ['kim', 'lee', 'max']) await rsvp(user, 'going');
    await rsvp('mia', 'maybe');
    await rsvp('zoe', 'no');
    await bot.run('/meetup reminders off', { as: 'lee' });
    bot.clearSent();
    at(-23 * HOUR);
    expect(await bot.runJob('meetup-reminders')).toBe('ran');
    const first = bot.sent.filter((d) => d.kind === 'dm');
    expect(first.map((d) => d.to[0]).sort()).toEqual(['kim', 'mia']);
    expect(bot.text(bot.dmsTo('mia')[0])).toContain('You said maybe');
    expect(bot.dmsTo('kim')[0]!.buttons?.[0]?.value).toBe(`${id}:no`);
    // The next slots send nothing again.
    at(-23 * HOUR + 5 * MINUTE);
    expect(await bot.runJob('meetup-reminders')).toBe('ran');
    at(-2 * HOUR);
    await bot.runJob('meetup-reminders');
    expect(bot.sent.filter((d) => d.kind === 'dm')).toHaveLength(2);
    // An hour before: Going only.
    at(-50 * MINUTE);
    await bot.runJob('meetup-reminders');
    at(-45 * MINUTE);
    await bot.runJob('meetup-reminders');
    expect(bot.dmsTo('kim').map((r) => bot.text(r))).toEqual([
      expect.stringContaining('Coming up'),
      expect.stringContaining('Starting in about an hour'),
    ]);
    expect(bot.dmsTo('mia')).toHaveLength(1);
    for (const user of ['lee', 'max', 'zoe']) expect(bot.dmsTo(user)).toEqual([]);
  });

  it('cancels (host only): attendees are told, the card says so, and no reminder follows', async () => {
    for (const user of ['kim', 'lee', 'max']) await rsvp(user, 'going');
    await rsvp('mia', 'maybe');
    await rsvp('zoe', 'no');
    expect(bot.text(await bot.run(`/meetup cancel ${id}`, { as: 'kim' }))).toContain('Only the host');
    bot.clearSent();
    const reply = await bot.run(`/meetup cancel ${id}`, { as: 'ana' });
    expect(bot.text(reply)).toContain('4 members who had answered were told');
    for (const user of ['kim', 'lee', 'max', 'mia']) {
      expect(bot.text(bot.dmsTo(user)[0])).toContain('is cancelled');
    }
    expect(bot.dmsTo('zoe')).toEqual([]);
    expect(bot.text(card(bot))).toContain('Cancelled: Zine night');
    expect(card(bot).buttons ?? []).toEqual([]);
    bot.clearSent();
    at(-23 * HOUR);
    await bot.runJob('meetup-reminders');
    expect(bot.sent).toEqual([]);
    expect(bot.text(await rsvp('kim', 'going'))).toContain('was cancelled');
  });

  it('a moved meetup gets fresh reminders and attendees hear about the change', async () => {
    await rsvp('kim', 'going');
    at(-23 * HOUR);
    await bot.runJob('meetup-reminders');
    expect(bot.dmsTo('kim')).toHaveLength(1);
    await bot.run(`/meetup edit ${id} when:"sat 19:00"`, { as: 'ana' });
    expect(bot.text(bot.dmsTo('kim')[1])).toContain('Change of plan');
    at(24 * HOUR - 23 * HOUR);
    await bot.runJob('meetup-reminders');
    expect(bot.dmsTo('kim').map((r) => bot.text(r))).toEqual([
      expect.stringContaining('Coming up'),
      expect.stringContaining('Change of plan'),
      expect.stringContaining('Coming up'),
    ]);
  });

  it('after the meetup, seated attendees get a one-tap rating; hosts see aggregates only', async () => {
    for (const user of ['kim', 'lee', 'max']) await rsvp(user, 'going');
    at(2 * HOUR + 1 * MINUTE);
    await bot.runJob('meetup-reminders');
    expect(bot.dmsTo('max')).toEqual([]);
    const prompt = bot.dmsTo('kim').at(-1)!;
    expect(prompt.buttons?.map((b) => b.value)).toEqual([1, 2, 3, 4, 5].map((n) => `${id}:${n}`));
    await bot.click(prompt.buttons![4]!, { as: 'kim' });
    await bot.click({ action: 'meetup.rate', value: `${id}:3` }, { as: 'lee' });
    await bot.submit('meetup.comment', { comment: 'More ink next time' }, { as: 'lee', meta: String(id) });
    expect(bot.text(await bot.click({ action: 'meetup.rate', value: `${id}:1` }, { as: 'max' }))).toContain(
      'Only members who had a seat',
    );
    at(2 * HOUR + 6 * MINUTE);
    await bot.runJob('meetup-reminders');
    expect(bot.dmsTo('kim').filter((r) => r.buttons?.[0]?.action === 'meetup.rate')).toHaveLength(1);
    const stats = bot.text(await bot.run(`/meetup stats ${id}`, { as: 'ana' }));
    expect(stats).toContain('Rating: 4.0/5 from 2 attendee(s)');
    expect(stats).toContain('• More ink next time');
    expect(stats).not.toContain('@lee');
    expect(bot.text(await bot.run(`/meetup stats ${id}`, { as: 'kim' }))).toContain('Only the host');
  });

  it('lists upcoming meetups with the viewer’s answer', async () => {
    await rsvp('kim', 'maybe');
    const text = bot.text(await bot.run('/meetup list', { as: 'kim' }));
    expect(text).toContain(`#${id} Zine night — Fri 20 Nov 2026, 19:00 (Europe/Paris) · Print shop`);
    expect(text).toContain('0/2 going · 1 maybe · You: Maybe');
    expect(bot.text(await bot.run('/meetup', { as: 'lee' }))).toContain('You: No answer yet');
  });

  it('gives a seat back when a member leaves the workspace', async () => {
    for (const user of ['kim', 'lee', 'max']) await rsvp(user, 'going');
    await bot.leave('kim');
    expect(bot.text(bot.dmsTo('max')[0])).toContain('A seat opened up');
  });
});
