/**
 * Meetups end to end on Slack, through the real app: `/meetup create` posts the card in the meetup channel, RSVP
 * clicks update it in place (chat.update) with live counts and names, a double-delivered click counts once, and the
 * reminder an hour before goes only to members who said Going.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ApiCall } from '../support/fake-slack.ts';
import { blocksText, buttonsOf, SlackStack } from '../support/slack-stack.ts';

const ANA = 'U0ANA'; // workspace admin, hosts
const LUCAS = 'U0LUCAS';
const MIA = 'U0MIA';
const RAJ = 'U0RAJ';
const EVENTS = 'C0EVENTS';
const HOUR = 3_600_000;

let stack: SlackStack;
/** The card as first posted (clicks carry its channel and ts, like Slack's). */
let card: ApiCall;

beforeAll(async () => {
  const users = [ANA, LUCAS, MIA, RAJ].map((id) => ({ id, name: id.slice(2).toLowerCase(), is_admin: id === ANA }));
  stack = await SlackStack.start({ users, timezone: 'Europe/Paris' });
});

afterAll(async () => {
  await stack?.stop();
});

afterEach(async () => {
  expect(await stack.problems()).toEqual([]);
});

const rsvps = async () =>
  (await stack.repos.meetups.listRsvps(stack.community, 1)).map((r) => `${r.userId}:${r.status}`).sort();

describe('meetups on Slack', () => {
  it('posts the card of /meetup create in the meetup channel, with RSVP buttons', async () => {
    // Only meetups here: the other weekly jobs would DM and post when the clock moves below.
    await stack.command(ANA, `/hallway config meetup-channel:<#${EVENTS}|events> matching:off digest:off prompts:off`);
    const { response } = await stack.command(ANA, '/meetup create title:"Zine night" when:"fri 19:00"');
    expect(response?.body.text).toContain('Created #1');
    expect(blocksText(response!.body)).toContain('I read "fri 19:00" as');

    const posted = stack.postsTo(EVENTS);
    expect(posted).toHaveLength(1);
    card = posted[0]!;
    const text = blocksText(card);
    expect(text).toContain('Zine night');
    expect(text).toContain('0 going · 0 maybe');
    // The date is Slack's own token, so each member reads it in their own zone.
    expect(JSON.stringify(card.args.blocks)).toMatch(/<!date\^\d+\^\{date_short_pretty\} at \{time\}\|[^>]+>/);
    expect(buttonsOf(card).map((b) => `${b.label}=${b.value}`)).toEqual([
      'Going=1:going',
      'Maybe=1:maybe',
      "Can't go=1:no",
    ]);
    expect(await stack.repos.messageRefs.get(stack.community, 'meetup-card:1')).toEqual({
      channelId: EVENTS,
      messageId: card.answer.ts,
    });
  });

  it('updates the card in place as two members answer Going and Maybe', async () => {
    const going = await stack.click(LUCAS, card, 'Going');
    expect(going.response?.body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(going.response?.body.text).toContain("You're going to #1 *Zine night*");
    const afterGoing = stack.updatesOf(card);
    expect(afterGoing).toHaveLength(1);
    expect(blocksText(afterGoing[0]!)).toContain('1 going · 0 maybe');
    expect(blocksText(afterGoing[0]!)).toContain(`Going: @${LUCAS}`);

    await stack.click(MIA, card, 'Maybe');
    const updates = stack.updatesOf(card);
    expect(updates).toHaveLength(2);
    const latest = blocksText(updates[1]!);
    expect(latest).toContain('1 going · 1 maybe');
    expect(latest).toContain(`Going: @${LUCAS}`);
    expect(latest).toContain(`Maybe: @${MIA}`);
    expect(await rsvps()).toEqual([`${LUCAS}:going`, `${MIA}:maybe`]);
  });

  it('uploads /meetup calendar as a file to the member’s DM with the app, not into the channel', async () => {
    const calls = stack.fake.calls.length;
    const { response } = await stack.command(LUCAS, '/meetup calendar 1', 'C0GENERAL');
    expect(response?.body.text).toContain('Here is meetup-1.ics');
    expect(blocksText(response!.body)).toContain(':paperclip: meetup-1.ics');
    expect(JSON.stringify(response!.body)).not.toContain('BEGIN:VCALENDAR');
    const done = await stack.fake.waitFor('files.completeUploadExternal', () => true, calls);
    expect(done.answer.ok).toBe(true);
    const opened = stack.fake.calls.all.slice(calls).find((c) => c.method === 'conversations.open');
    expect(opened?.args.users).toBe(LUCAS);
    expect(done.args.channel_id).toBe((opened!.answer.channel as { id: string }).id);
    const asked = stack.fake.calls.all.slice(calls).find((c) => c.method === 'files.getUploadURLExternal');
    expect(asked?.args.filename).toBe('meetup-1.ics');
    const bytes = stack.fake.uploads.all.find((u) => u.fileId === (asked!.answer.file_id as string));
    expect(bytes?.body).toContain('BEGIN:VCALENDAR');
  });

  it('counts a click delivered twice once: one RSVP, one card update', async () => {
    const going = buttonsOf(card).find((b) => b.label === 'Going')!;
    const updates = stack.updatesOf(card).length;
    const answers = await Promise.all([stack.press(RAJ, card, going), stack.press(RAJ, card, going)]);
    expect(answers.map((a) => String(a.response?.body.text).slice(0, 24)).sort()).toEqual([
      'You already said going f',
      "You're going to #1 *Zine",
    ]);
    expect(await rsvps()).toEqual([`${LUCAS}:going`, `${MIA}:maybe`, `${RAJ}:going`]);
    expect(stack.updatesOf(card)).toHaveLength(updates + 1);
    expect(blocksText(stack.updatesOf(card).at(-1)!)).toContain('2 going · 1 maybe');
  });

  it('an hour before, the reminder job DMs only the members who said Going, once', async () => {
    const meetup = (await stack.repos.meetups.get(stack.community, 1))!;
    // "fri 19:00" in the community's zone (Europe/Paris, UTC+1 in November).
    expect(meetup.startsAt.toISOString()).toBe('2026-11-20T18:00:00.000Z');
    const calls = stack.fake.calls.length;
    stack.clock.set(new Date(meetup.startsAt.getTime() - HOUR));
    await stack.app.tick();
    await stack.settle();

    const dms = stack.fake.calls.all.slice(calls).filter((c) => c.method === 'chat.postMessage');
    expect(dms.map((c) => c.args.channel).sort()).toEqual([LUCAS, RAJ]);
    for (const dm of dms) {
      expect(blocksText(dm)).toContain('Starting in about an hour: #1 Zine night');
      expect(buttonsOf(dm).map((b) => `${b.label}=${b.value}`)).toEqual(["Can't go=1:no"]);
    }
    // The job runs again in the next five-minute slot, and must not send the same reminder twice.
    stack.clock.advance(5 * 60_000);
    await stack.app.tick();
    await stack.settle();
    expect(await stack.repos.jobRuns.lastPeriod('meetup-reminders', stack.community)).toBe('2026-11-20T17:05Z');
    expect(stack.fake.calls.all.slice(calls).filter((c) => c.method === 'chat.postMessage')).toHaveLength(2);
  });
  it('a member naming another host asks them by DM; Accept there makes them the host on the card', async () => {
    const { response } = await stack.command(
      MIA,
      `/meetup create title:"Print swap" when:"dec 4 19:00" host:<@${LUCAS}>`,
    );
    expect(response?.body.text).toContain('Created #2');
    expect(blocksText(response!.body)).toContain(`you're the host until they accept`);
    const swap = stack.postsTo(EVENTS).find((c) => blocksText(c).includes('Print swap'))!;
    expect(blocksText(swap)).toContain(`Host\n@${MIA}`);
    const asked = stack.dmsTo(LUCAS).at(-1)!;
    expect(blocksText(asked)).toContain(`@${MIA} would like you to host #2 Print swap`);
    expect(buttonsOf(asked).map((b) => `${b.label}=${b.value}`)).toEqual(['Accept=2:yes', 'Decline=2:no']);

    const accepted = await stack.click(LUCAS, asked, 'Accept');
    expect(accepted.response?.body).toMatchObject({ replace_original: true });
    expect(accepted.response?.body.text).toContain("You're the host of #2 *Print swap*");
    expect(blocksText(stack.updatesOf(swap).at(-1)!)).toContain(`Host\n@${LUCAS}`);
    expect(blocksText(stack.dmsTo(MIA).at(-1)!)).toContain(`@${LUCAS} accepted`);
  });
});
