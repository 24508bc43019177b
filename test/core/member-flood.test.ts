/**
 * Issue 20 item 3: one member's flood does not fill the outbox. `/match` typed again and again does not resend the
 * same suggestions within the day; past `member-sends` new messages a minute, a member's action is refused with
 * "slow down, try again in N s" and changes nothing; RSVP toggles leave at most one card edit waiting; and a
 * newcomer's welcome DM is not stuck behind any of it. Counted in the database (outbox `sent_for`).
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { Reply } from '#core/reply.ts';
import { TestBot } from '../support/test-bot.ts';
import { loadLoft } from './matching-support.ts';

const EVENTS = 'events';
const LIMIT = 30;
let bot: TestBot;

beforeEach(async () => {
  bot = await TestBot.create({ start: '2026-11-16T08:00:00Z' });
  await loadLoft(bot);
  await bot.repos.communities.saveSettings(bot.community, { 'meetup-channel': EVENTS });
  bot.clearSent();
});

/** Like `bot.run`, but nothing is delivered: the flood stays in the outbox, as it would behind a slow platform. */
async function queue(line: string, as: string): Promise<Reply> {
  const [, command, text] = /^\/(\S+)\s*([\s\S]*)$/.exec(line)!;
  const reply = await bot.core.dispatch({
    kind: 'command',
    actor: bot.actor({ as }),
    channelId: 'general',
    command: command!,
    input: { kind: 'text', text: text! },
  });
  return reply!;
}

const create = (n: number, as = 'emma') => queue(`/meetup create title:"Zine night ${n}" when:"fri 19:00"`, as);
const pending = async () => (await bot.repos.outbox.list(bot.community, 100_000)).filter((i) => i.status === 'pending');
const meetupCount = async () => (await bot.repos.meetups.listUpcoming(bot.community, bot.clock.now(), 1_000)).length;

describe('one member flooding /match', () => {
  it('sends the same suggestions once a day, whatever the number of /match', async () => {
    const dmsTo = async (userId: string) =>
      (await pending()).filter((i) => i.target.kind === 'dm' && i.target.userIds.includes(userId)).length;
    await queue('/match', 'emma');
    const first = await dmsTo('emma');
    expect(first).toBeGreaterThan(0);
    for (let i = 0; i < 20; i++) await queue('/match', 'emma');
    expect(await dmsTo('emma')).toBe(first);
    // The next day they may come again.
    bot.clock.advance(24 * 3_600_000);
    await queue('/match', 'emma');
    expect(await dmsTo('emma')).toBe(2 * first);
  });
});

describe('the send budget', () => {
  it('refuses a create past the budget with "try again in N s", writing nothing, and lets it through after N s', async () => {
    const refusals: string[] = [];
    for (let n = 0; n < 40; n++) {
      const reply = await create(n);
      if (/Slow down/.test(reply.text)) refusals.push(reply.text);
      bot.clock.advance(1_000);
    }
    // One card each: the first 30 go through, the next 10 are refused, changing nothing.
    expect(refusals).toHaveLength(10);
    expect(await meetupCount()).toBe(LIMIT);
    expect((await pending()).filter((i) => i.target.kind === 'post')).toHaveLength(LIMIT);
    // The last refusal came at 39 s; the first card (queued at 0 s) leaves the minute at 60 s. The clock is at 40 s.
    const wait = Number(/Try again in (\d+) s/.exec(refusals.at(-1)!)![1]);
    expect(wait).toBe(21);
    bot.clock.advance((wait - 1) * 1_000 - 500);
    expect((await create(99)).text).toMatch(/Slow down/);
    bot.clock.advance(500);
    expect((await create(99)).text).toMatch(/Created #/);
    // Someone else was never slowed down.
    expect((await create(100, 'lucas')).text).toMatch(/Created #/);
  });

  it('does not refuse an action that sends nothing new: /match again at the limit repeats the day’s suggestions', async () => {
    await queue('/match', 'emma');
    const suggestions = (await pending()).length;
    expect(suggestions).toBeGreaterThan(0);
    for (let n = 0; n < LIMIT - suggestions; n++) expect((await create(n)).text).toMatch(/Created #/);
    // At the limit exactly: another card is refused, the same suggestions again are not (they are not sent again).
    expect((await create(99)).text).toMatch(/Slow down/);
    const again = await queue('/match', 'emma');
    expect(again.text).not.toMatch(/Slow down/);
    expect((await pending()).length).toBe(LIMIT);
  });

  it('is a per-community setting, and 0 turns it off', async () => {
    await queue('/hallway config member-sends:5', 'host');
    for (let n = 0; n < 5; n++) expect((await create(n)).text).toMatch(/Created #/);
    expect((await create(5)).text).toMatch(/Slow down/);
    await queue('/hallway config member-sends:0', 'host');
    for (let n = 6; n < 50; n++) expect((await create(n)).text).toMatch(/Created #/);
  });

  it('counts across processes: two cores on one database share the member’s minute', async () => {
    const other = await TestBot.create({ start: '2026-11-16T08:00:00Z', storage: bot.storage });
    const replies: string[] = [];
    for (let n = 0; n < LIMIT + 2; n++) {
      const core = n % 2 === 0 ? bot.core : other.core;
      const reply = await core.dispatch({
        kind: 'command',
        actor: bot.actor({ as: 'emma' }),
        command: 'meetup',
        input: { kind: 'text', text: `create title:"Zine night ${n}" when:"fri 19:00"` },
      });
      replies.push(reply!.text);
    }
    expect(replies.filter((t) => /Created #/.test(t))).toHaveLength(LIMIT);
    expect(replies.slice(LIMIT).every((t) => /Slow down/.test(t))).toBe(true);
  });

  it('does not count a manager’s actions', async () => {
    for (let n = 0; n < LIMIT + 5; n++) expect((await create(n, 'host')).text).toMatch(/Created #/);
  });
});

describe('the flood from the issue', () => {
  it('1,000 /match, 200 /meetup create and 500 RSVP toggles queue little, and a welcome is not stuck behind them', async () => {
    for (let i = 0; i < 1_000; i++) await queue('/match', 'emma');
    const ids: number[] = [];
    let refused = 0;
    for (let n = 0; n < 200; n++) {
      const reply = await create(n);
      const id = /Created #(\d+)/.exec(reply.text)?.[1];
      if (id) ids.push(Number(id));
      else if (/Slow down/.test(reply.text)) refused++;
    }
    expect(refused).toBeGreaterThan(0);
    for (let i = 0; i < 500; i++) {
      const status = i % 2 === 0 ? 'going' : 'no';
      await bot.core.dispatch({
        kind: 'action',
        actor: bot.actor({ as: 'emma' }),
        action: 'meetup.rsvp',
        value: `${ids[0]}:${status}`,
      });
    }
    const flood = await pending();
    // Three suggestions (to emma herself: counted), cards up to the budget, one waiting edit of the toggled card.
    expect(flood.filter((i) => i.target.kind === 'dm')).toHaveLength(3);
    expect(flood.filter((i) => i.target.kind === 'post')).toHaveLength(LIMIT - 3);
    expect(flood.filter((i) => i.target.kind === 'update')).toHaveLength(1);
    expect(flood).toHaveLength(LIMIT + 1);

    await bot.core.dispatch({ kind: 'member_joined', actor: bot.actor({ as: 'newcomer', admin: false }) });
    await bot.drain();
    const welcomeAt = bot.sent.findIndex((d) => d.kind === 'dm' && d.to.includes('newcomer'));
    // Before the budget it came after some 3,700 messages (about 50 minutes at Slack's default rate).
    expect(welcomeAt).toBeGreaterThanOrEqual(0);
    expect(welcomeAt).toBeLessThanOrEqual(flood.length);
  }, 120_000);
});
