/**
 * Parity: the same members doing the same things through Slack (the real app, Bolt and the fake Web API) and
 * through the shell-equivalent TestBot (the same core, a recording platform) end up in the same place: the same
 * stored skills and RSVPs, and the same words on screen once Slack's markup is stripped. Only rendering differs.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Actor, InboundEvent } from '#core/inbound.ts';
import type { Reply } from '#core/reply.ts';
import type { ApiCall } from '../support/fake-slack.ts';
import { blocksText, buttonsOf, type Outcome, SlackStack } from '../support/slack-stack.ts';
import { replyText } from '../support/slack-stack-support.ts';
import { TestBot } from '../support/test-bot.ts';

const ANA = 'U0ANA';
const LUCAS = 'U0LUCAS';
const MIA = 'U0MIA';
const RAJ = 'U0RAJ';
const EVENTS = 'C0EVENTS';
const NAMES: Record<string, string> = { [ANA]: 'Ana', [LUCAS]: 'Lucas', [MIA]: 'Mia', [RAJ]: 'Raj' };
const START = '2026-11-16T08:00:00Z';

/** A member's step: a command (Slack text, and the shell's when a mention is typed differently) or a card click. */
type Step = { as: string; slack: string; shell?: string } | { as: string; click: string };

const STEPS: Step[] = [
  {
    as: ANA,
    slack: `/hallway config meetup-channel:<#${EVENTS}|events>`,
    shell: `/hallway config meetup-channel:#${EVENTS}`,
  },
  { as: LUCAS, slack: '/skills offer photography, Layout Design' },
  { as: LUCAS, slack: '/skills need risograph printing' },
  { as: MIA, slack: '/skills offer writing, photos' },
  { as: MIA, slack: '/skills need layout' },
  { as: LUCAS, slack: '/skills' },
  { as: ANA, slack: '/meetup create title:"Zine night" when:"fri 19:00" where:"Print shop" capacity:1' },
  { as: LUCAS, click: 'Going' },
  { as: MIA, click: 'Going' },
  { as: RAJ, click: 'Maybe' },
  { as: MIA, click: 'Going' },
  { as: MIA, slack: '/meetup list' },
  { as: LUCAS, click: "Can't go" },
];

let stack: SlackStack;
let bot: TestBot;

beforeAll(async () => {
  const users = Object.entries(NAMES).map(([id, name]) => ({
    id,
    name: name.toLowerCase(),
    is_admin: id === ANA,
    profile: { display_name: name },
  }));
  stack = await SlackStack.start({ users, start: START });
  bot = await TestBot.create({ start: START });
});

afterAll(async () => {
  await stack?.stop();
});

afterEach(async () => {
  expect(await stack.problems()).toEqual([]);
});

/** The shell's actor for a member: the same id, name and rights Slack reports. */
function actor(userId: string): Actor {
  return { community: bot.community, userId, displayName: NAMES[userId]!, isPlatformAdmin: userId === ANA };
}

async function onShell(step: Step): Promise<Reply | undefined> {
  if ('click' in step) {
    const card = bot.postsIn(EVENTS)[0]!;
    const button = card.buttons?.find((b) => b.label === step.click);
    const event: InboundEvent = { kind: 'action', actor: actor(step.as), action: button!.action, value: button!.value };
    return bot.dispatch({ ...event, channelId: EVENTS });
  }
  const [, command, text] = /^\/(\S+)\s*([\s\S]*)$/.exec(step.shell ?? step.slack)!;
  const input = { kind: 'text' as const, text: text! };
  return bot.dispatch({ kind: 'command', actor: actor(step.as), channelId: 'C0GENERAL', command: command!, input });
}

async function onSlack(step: Step): Promise<Outcome> {
  return 'click' in step
    ? await stack.click(step.as, slackCard(), step.click)
    : await stack.command(step.as, step.slack);
}

const slackCard = (): ApiCall => stack.postsTo(EVENTS)[0]!;
/**
 * A few features write raw Markdown backticks into plain text (`/meetup list`'s "Answer with \`/meetup rsvp …\`")
 * instead of `fmt.code`: Slack renders them as code, the shell prints them. Same words either way, so they are
 * dropped before comparing.
 */
const words = (text: string) => text.replace(/`/g, '');
const buttons = (list: readonly { label: string; action: string; value: string }[] | undefined) =>
  (list ?? []).map((b) => `${b.label}=${b.action}:${b.value}`);

describe('Slack and the shell: same commands, same outcomes', () => {
  it('shows the same words and buttons for every step', async () => {
    const slack: string[] = [];
    const shell: string[] = [];
    for (const step of STEPS) {
      const [slackOutcome, shellReply] = [await onSlack(step), await onShell(step)];
      const body = slackOutcome.response?.body ?? {};
      slack.push(`${step.as}> ${words(blocksText(body))}\n[${buttons(buttonsOf(body))}]`);
      shell.push(`${step.as}> ${words(shellReply ? replyText(shellReply) : '')}\n[${buttons(shellReply?.buttons)}]`);
    }
    expect(slack).toEqual(shell);
    // Not two empty transcripts: the steps did what they say.
    const transcript = shell.join('\n');
    for (const said of ['Added to what you offer', 'Created #1', "You're going to #1", 'on the waitlist', 'maybe']) {
      expect(transcript).toContain(said);
    }
  });

  it('stores the same skills and RSVPs', async () => {
    const skills = async (repos: TestBot['repos'], community: string) => {
      const lines: string[] = [];
      for (const id of [LUCAS, MIA]) {
        for (const kind of ['offer', 'need'] as const) {
          const stored = await repos.profiles.skills(community as TestBot['community'], id, kind);
          lines.push(...stored.map((s) => `${id} ${kind} ${s.skill}/${s.term}`));
        }
      }
      return lines;
    };
    const rsvps = async (repos: TestBot['repos'], community: string) =>
      (await repos.meetups.listRsvps(community as TestBot['community'], 1))
        .map((r) => `${r.userId}:${r.status}${r.waitlistPosition === undefined ? '' : ':waitlist'}`)
        .sort();
    expect(await skills(stack.repos, stack.community)).toEqual(await skills(bot.repos, bot.community));
    expect(await skills(bot.repos, bot.community)).toContain(`${MIA} offer photography/photos`);
    expect(await rsvps(stack.repos, stack.community)).toEqual(await rsvps(bot.repos, bot.community));
    expect(await rsvps(bot.repos, bot.community)).toEqual([`${LUCAS}:no`, `${MIA}:going`, `${RAJ}:maybe`]);
  });

  it('shows the same card and sends the same DMs', () => {
    const slackCards = [slackCard(), ...stack.updatesOf(slackCard())].map((c) => blocksText(c));
    const shellCards = bot.postsIn(EVENTS).map(replyText);
    expect(slackCards).toEqual(shellCards);
    expect(shellCards.at(-1)).toContain('1/1 going · 1 maybe');
    // Mia's seat opened when Lucas stepped back: the only DM, on both.
    const dms = (id: string) => ({
      slack: stack.dmsTo(id).map((c) => blocksText(c)),
      shell: bot.dmsTo(id).map(replyText),
    });
    for (const id of [ANA, LUCAS, MIA, RAJ]) expect(dms(id).slack).toEqual(dms(id).shell);
    expect(dms(MIA).shell).toHaveLength(1);
    expect(dms(MIA).shell[0]).toContain('A seat opened up');
  });
});
