/**
 * Every sentence that promises something must be true in the situation it is said in. The sweep below finds each
 * promise or "I've done it" in the message texts of commands/, src/ and adapters/ and requires it to be listed here, with the
 * test that checks its condition; the tests after it check the conditional ones by letting time pass for real.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TestBot } from '../support/test-bot.ts';
import { buttonIn, feedbackBot, HOUR, latestRequest, member, status } from './feedback-support.ts';
import { createdId, meetupBot, MINUTE } from './meetups-support.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const MARKERS = /\b(I'll|I will|I've|has been told|have been told|were told|will be posted)\b/;

/** Each promise, by a fragment of its source line, and where its condition is tested. */
const PROMISES: Record<string, string> = {
  'I will not show it again': 'by construction: MeetupsStore.saveCalendarFeed keeps only the token’s hash',
  "I'll remind you the day before and an hour before": 'below: RSVP promises only the reminders that will come',
  "I'll remind you an hour before": 'below: RSVP promises only the reminders that will come',
  "I'll check in the day before": 'below: RSVP promises only the reminders that will come',
  "it's yours and I'll tell you": 'meetups.test.ts: the waitlist is seated in order and told',
  "Reminders are on: I'll DM you": 'meetups.test.ts: reminders on/off (the general rule, not one meetup)',
  "I'll keep looking": 'below: /match says it keeps looking only while weekly rounds include the member',
  "I'll never match you with": 'matching.test.ts: avoid lists are honoured by suggestions and rounds',
  "I'll post a short intro card in": 'below: the welcome says where the card goes, and about approval',
  "I'll keep a short intro card ready": 'below: the welcome says where the card goes, and about approval',
  "I'll tell you when it's up": 'introductions.test.ts: approval DMs the member when the card is posted',
  'it will be posted as soon as a manager sets': 'introductions-welcome.test.ts: cards that wait for an intro channel',
  "I'll DM you when someone says yes": 'feedback-flow.test.ts: a yes is told to the requester (said only if asked)',
  "I'll ask neighbours whose skills fit, or offer it here": 'feedback-routing.test.ts: fit first, then the channel',
  "I've asked ${n}": 'feedback-flow.test.ts: the asks exist when this is said',
  "I've let ${fmt.user(request.requester)} know": 'feedback-flow.test.ts: the requester gets "marked as given"',
  "I've posted it in": 'below: a timeout or decline with nobody else to ask offers it in the channel',
  "I've stopped asking": 'feedback-routing.test.ts: past the deadline, pending asks are closed',
  'Reviewers still asked or on it have been told': 'feedback-flow.test.ts: cancel replaces asks and tells a yes',
  "I've started a conversation": 'matching.test.ts: the group DM is opened in the same step',
  "I've sent you ${n} suggestion": 'matching.test.ts: the suggestion DMs are queued in the same step',
  "so I've paused your weekly matches": 'matching-rounds.test.ts: three silent rounds pause the member',
  'has been told${note': 'introductions.test.ts: a rejection DMs the member, with the note',
  'is the host, and has been told': 'meetups-host.test.ts: a manager-named host is told',
  "I've asked ${fmt.user(named)} to host it": 'meetups-host.test.ts: the invitation DM is sent',
  'stays the host of ${label(meetup)}, and has been told': 'meetups-host.test.ts: a decline is told to the creator',
  "I've sent a lot for you this minute": 'member-flood.test.ts: a create past the budget, and the N s it names',
  // Mentorship, presence and resources: each in promises-newer.test.ts.
  "I'll DM you when they answer": 'promises-newer.test.ts: the decline reaches the mentee',
  "I've let them know kindly": 'promises-newer.test.ts: the decline reaches the mentee',
  "I've introduced you to each other": 'promises-newer.test.ts: one DM to both',
  "I'll check in with you both every": 'promises-newer.test.ts: check-ins to both at the interval, then the close',
  "I've asked you both one last question": 'promises-newer.test.ts: both get the closing question on /mentor end',
  "I've passed it on to": 'promises-newer.test.ts: the takeaway reaches the mentor',
  "I've withdrawn your mentorship request": 'promises-newer.test.ts: the mentor can no longer accept it',
  "so I've stopped waiting on them": 'promises-newer.test.ts: the timed-out Accept is refused',
  "so I've withdrawn your request to them": 'promises-newer.test.ts: the stopped mentor cannot accept it',
  "I've asked them; I'll tell you when they answer":
    'promises-newer.test.ts: after a round, the answer reaches the mentee',
  "If they answer today, I'll tell you what they say": 'promises-newer.test.ts: an answer reaches the inviter',
  'know, kindly': 'promises-newer.test.ts: Not today reaches the inviter',
  "I'll ask for it when it's your turn": 'promises-newer.test.ts: the keeper is asked when the loan comes back',
  "When they answer, I'll tell you what they said": "promises-newer.test.ts: the keeper's answer reaches the borrower",
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(path);
    return e.name.endsWith('.ts') ? [path] : [];
  });
}

/** Lines of code (not comments) that hold a promise marker inside a string. */
function promiseLines(): string[] {
  const files = ['commands', 'src', 'adapters'].flatMap((dir) => sourceFiles(join(ROOT, dir)));
  return files.flatMap((file) =>
    readFileSync(file, 'utf8')
      .split('\n')
      .filter((line) => !/^\s*(\/\/|\*|\/\*)/.test(line) && /['"`]/.test(line) && MARKERS.test(line))
      .filter((line) => !/label: "I'll give feedback"/.test(line)) // a button the member taps, not a promise of ours
      .map((line) => `${relative(ROOT, file)}: ${line.trim()}`),
  );
}

describe('the promise sweep', () => {
  it('finds every promise in the message texts listed with the test of its condition, and no stale entry', () => {
    const lines = promiseLines();
    const known = Object.keys(PROMISES);
    const unlisted = lines.filter((line) => !known.some((fragment) => line.includes(fragment)));
    expect(unlisted, 'a new promise: make it true in every situation, test that, and list it here').toEqual([]);
    const stale = known.filter((fragment) => !lines.some((line) => line.includes(fragment)));
    expect(stale).toEqual([]);
  });
});

describe('an RSVP promises only the reminders that will come', () => {
  /** Answers `status` to a meetup starting `lead` ms from now, then lets time run to the start. */
  async function answerAndWait(lead: number, status: 'going' | 'maybe', remindersOff = false) {
    const bot = await meetupBot('2026-11-16T08:00:00Z', 'UTC');
    const start = new Date(bot.clock.now().getTime() + lead);
    const hhmm = start.toISOString().slice(11, 16);
    const day = start.toISOString().slice(0, 10);
    const id = createdId(bot, await bot.run(`/meetup create title:Zines when:"${day} ${hhmm}"`, { as: 'host' }));
    if (remindersOff) await bot.run('/meetup reminders off', { as: 'kim' });
    const reply = bot.text(await bot.run(`/meetup rsvp ${id} ${status}`, { as: 'kim' }));
    // Every 55 minutes (each reminder's window is at least an hour wide), so no window is stepped over.
    for (let t = bot.clock.now().getTime(); t < start.getTime(); t += 55 * MINUTE) {
      bot.clock.set(new Date(t));
      await bot.runJob('meetup-reminders');
    }
    const reminders = bot.dmsTo('kim').filter((r) => /Coming up|Starting in about an hour|Are you coming/.test(r.text));
    return { reply, reminders: reminders.length };
  }

  it('going, 25 minutes before: no promise, and none comes', async () => {
    const { reply, reminders } = await answerAndWait(25 * MINUTE, 'going');
    expect(reply).toMatch(/You're going to #1 Zines on [^.]+\.$/);
    expect(reply).not.toMatch(/remind/);
    expect(reminders).toBe(0);
  });

  it('going, 3 hours before: "an hour before" only, and exactly that one comes', async () => {
    const { reply, reminders } = await answerAndWait(3 * HOUR, 'going');
    expect(reply).toContain("I'll remind you an hour before.");
    expect(reply).not.toContain('the day before');
    expect(reminders).toBe(1);
  });

  it('going, 2 days before: both, and both come', async () => {
    const on = await answerAndWait(48 * HOUR, 'going');
    expect(on.reply).toContain("I'll remind you the day before and an hour before.");
    expect(on.reminders).toBe(2);
  });

  it('going with reminders off: no promise, and none comes', async () => {
    const off = await answerAndWait(48 * HOUR, 'going', true);
    expect(off.reply).not.toMatch(/remind/);
    expect(off.reminders).toBe(0);
  });

  it('maybe: "I\'ll check in the day before" only when that is still ahead', async () => {
    const late = await answerAndWait(10 * HOUR, 'maybe');
    expect(late.reply).not.toMatch(/check in/);
    expect(late.reminders).toBe(0);
    const early = await answerAndWait(30 * HOUR, 'maybe');
    expect(early.reply).toContain("I'll check in the day before.");
    expect(early.reminders).toBe(1);
  });
});

describe('a feedback ask that ends tells the reviewer where the request really went', () => {
  async function oneReviewer() {
    const bot = await feedbackBot();
    await member(bot, 'ana', ['illustration']);
    await member(bot, 'zoe', ['illustration']);
    await bot.run('/feedback request about:"Cover" skills:illustration', { as: 'zoe' });
    return { bot, request: await latestRequest(bot, 'zoe') };
  }

  it('silence with nobody else to ask: "now in #wip", not "passed it to someone else"', async () => {
    const { bot, request } = await oneReviewer();
    bot.clock.advance(49 * HOUR);
    await bot.run('/feedback list', { as: 'zoe' });
    expect(await status(bot, request, 'ana')).toBe('timed_out');
    const update = bot.sent.filter((d) => d.kind === 'update').map((d) => bot.text(d.reply));
    expect(update.join('\n')).toContain('no answer in time. It is now in #wip for anyone to pick up.');
    expect(update.join('\n')).not.toMatch(/someone else/);
    expect(bot.postsIn('wip').some((p) => bot.text(p).includes('looking for feedback on #1'))).toBe(true);
  });

  it('a decline with nobody else to ask says so; with someone else, they really are asked', async () => {
    const { bot } = await oneReviewer();
    const declined = await bot.click(buttonIn(bot, 'ana', 'feedback.decline').button, { as: 'ana' });
    expect(bot.text(declined)).toContain('It is now in #wip for anyone to pick up.');

    const two = await feedbackBot({});
    for (const name of ['ana', 'ben', 'cy', 'dan', 'zoe']) await member(two, name, ['illustration']);
    await two.run('/feedback request about:"Cover" skills:illustration', { as: 'zoe' });
    const request = await latestRequest(two, 'zoe');
    const asked = (await two.repos.feedback.listAsks(two.community, request.id)).map((a) => a.reviewer);
    const first = asked[0]!;
    const next = two.text(await two.click(buttonIn(two, first, 'feedback.decline').button, { as: first }));
    expect(next).toContain('I passed it to someone else.');
    expect((await two.repos.feedback.listAsks(two.community, request.id)).length).toBe(asked.length + 1);
  });
});

describe('other conditional promises', () => {
  it('/match "I\'ll keep looking" only while the weekly rounds include the member', async () => {
    const bot = await TestBot.create({ start: '2026-11-16T08:00:00Z' });
    await bot.run('/skills offer printmaking', { as: 'kim' });
    expect(bot.text(await bot.run('/match', { as: 'kim' }))).toContain("I'll keep looking");
    await bot.run('/match pause', { as: 'kim' });
    const paused = bot.text(await bot.run('/match', { as: 'kim' }));
    expect(paused).not.toContain("I'll keep looking");
    expect(paused).toContain('Weekly matches paused');
  });

  it('the welcome says where the intro card goes, and that a manager looks first when approval is on', async () => {
    const bot = await TestBot.create({ start: '2026-11-16T08:00:00Z' });
    await bot.join('ana');
    expect(bot.text(bot.dmsTo('ana').at(-1))).toContain("I'll keep a short intro card ready (it is posted once a");
    await bot.run('/hallway config intro-channel:intros approval:on');
    await bot.join('ben');
    const welcome = bot.text(bot.dmsTo('ben').at(-1));
    expect(welcome).toContain("I'll post a short intro card in #intros (after a community manager has looked at it)");
    expect(welcome).not.toMatch(/point you to a few people/);
  });
});
