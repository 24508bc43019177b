/**
 * Parity: one sequence of commands and clicks through the TestBot (the shell's text grammar, a recording platform)
 * and through Discord (typed options, buttons, the real app and discord.js) gives the same stored outcomes and the
 * same replies, DMs and meetup card once platform markup is stripped.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Reply } from '#core/reply.ts';
import { DiscordStack } from '../support/discord-stack.ts';
import type { FakeUser } from '../support/fake-discord-payloads.ts';
import { discordPlain, type PlainReply, replyPlain } from '../support/plain-reply.ts';
import { TestBot } from '../support/test-bot.ts';

type Name = 'ana' | 'ben' | 'cal';
type Step =
  | { as: Name; command: string; sub: string; options?: Record<string, string | number> }
  | { as: Name; rsvp: 'going' | 'maybe' | 'no' };

const STEPS: Step[] = [
  { as: 'ana', command: 'skills', sub: 'offer', options: { skills: 'photography, Product photos' } },
  { as: 'ana', command: 'skills', sub: 'need', options: { skills: 'layout design' } },
  { as: 'ben', command: 'skills', sub: 'offer', options: { skills: 'layout design, risograph' } },
  { as: 'ben', command: 'skills', sub: 'need', options: { skills: 'photos' } },
  { as: 'ana', command: 'skills', sub: 'show' },
  { as: 'ana', command: 'match', sub: 'suggest' },
  {
    as: 'ana',
    command: 'meetup',
    sub: 'create',
    options: { title: 'Zine night', when: '2026-11-20 19:00', where: 'Print shop', capacity: 1 },
  },
  { as: 'ben', rsvp: 'going' },
  { as: 'cal', rsvp: 'going' },
  { as: 'ben', rsvp: 'going' },
  { as: 'ben', rsvp: 'no' },
  { as: 'ana', command: 'meetup', sub: 'list' },
];

let stack: DiscordStack;
let bot: TestBot;
const users = new Map<Name, FakeUser>();
/** Discord ids → the shell's names, so both sides read `@ana`, `#general`. */
const names = new Map<string, string>();
const shellReplies: PlainReply[] = [];
const discordReplies: PlainReply[] = [];

function shellLine(step: Extract<Step, { command: string }>): string {
  const options = Object.entries(step.options ?? {}).map(([k, v]) =>
    typeof v === 'number' ? `${k}:${v}` : `${k}:"${v}"`,
  );
  return [`/${step.command}`, step.sub, ...options].join(' ');
}

async function viaShell(step: Step): Promise<Reply | undefined> {
  if ('rsvp' in step) return bot.click({ action: 'meetup.rsvp', value: `1:${step.rsvp}` }, { as: step.as });
  return bot.run(shellLine(step), { as: step.as });
}

async function viaDiscord(step: Step) {
  const user = users.get(step.as)!;
  if ('rsvp' in step) {
    const card = await stack.messageRef('meetup-card:1');
    return stack.click(user, `meetup.rsvp|1:${step.rsvp}`, { messageId: card.messageId });
  }
  return stack.command(user, step.command, step.sub, step.options);
}

beforeAll(async () => {
  stack = await DiscordStack.start();
  bot = await TestBot.create();
  for (const name of ['ana', 'ben', 'cal'] as const) {
    const user = stack.fake.addMember(name, '0', name);
    users.set(name, user);
    names.set(user.id, name);
  }
  names.set(stack.channel('general'), 'general');
  const shellCards = () => bot.sent.filter((d) => d.kind !== 'dm');
  for (const step of STEPS) {
    const cardsBefore = shellCards().length;
    const reply = await viaShell(step);
    const answer = await viaDiscord(step);
    // A click that redrew its card is answered on Discord with the card itself (UPDATE_MESSAGE, one call): it must
    // be the card the shell drew at that step. Every other answer is the same text.
    const redrawn = 'rsvp' in step && shellCards().length > cardsBefore;
    expect(answer.type).toBe(redrawn && !answer.deferred ? 7 : 4);
    shellReplies.push(replyPlain(redrawn ? shellCards().at(-1)!.reply : reply!, names));
    discordReplies.push(discordPlain(answer.data, names));
  }
});

afterAll(async () => {
  await stack?.stop();
});

it('answers every step with the same text, sections, small print and buttons', () => {
  expect(discordReplies).toHaveLength(STEPS.length);
  for (const [i, step] of STEPS.entries()) expect(discordReplies[i], JSON.stringify(step)).toEqual(shellReplies[i]);
});

it('stores the same skills', async () => {
  for (const [name, user] of users) {
    for (const kind of ['offer', 'need'] as const) {
      const shell = (await bot.repos.profiles.skills(bot.community, name, kind)).map((s) => [s.skill, s.term]);
      const discord = (await stack.repos.profiles.skills(stack.community, user.id, kind)).map((s) => [s.skill, s.term]);
      expect(discord, `${name} ${kind}`).toEqual(shell);
    }
  }
  expect((await bot.repos.profiles.skills(bot.community, 'ana', 'offer')).length).toBeGreaterThan(0);
});

it('stores the same RSVPs: seats, waitlist promotion, answers', async () => {
  const shell = (await bot.repos.meetups.listRsvps(bot.community, 1)).map((r) => [
    r.userId,
    r.status,
    r.waitlistPosition,
  ]);
  const discord = (await stack.repos.meetups.listRsvps(stack.community, 1)).map((r) => [
    names.get(r.userId),
    r.status,
    r.waitlistPosition,
  ]);
  expect(discord).toEqual(shell);
  expect(shell).toEqual([
    ['cal', 'going', undefined],
    ['ben', 'no', undefined],
  ]);
});

it('sends the same DMs (suggestions, the waitlist promotion) and leaves the same card', async () => {
  for (const [name, user] of users) {
    const shell = bot.dmsTo(name).map((r) => replyPlain(r, names));
    const discord = stack.dmsTo(user).map((c) => discordPlain(c.body, names));
    expect(discord, name).toEqual(shell);
  }
  expect(bot.dmsTo('ana').length).toBeGreaterThan(0);
  expect(bot.dmsTo('cal').length).toBe(1);
  const shellCard = bot.sent.filter((d) => d.kind !== 'dm').at(-1)!.reply;
  const { channelId, messageId } = await stack.messageRef('meetup-card:1');
  expect(stack.editsOf(channelId, messageId)).toHaveLength(0);
  const discordCard = stack.fake.messages.get(messageId);
  expect(discordPlain(discordCard, names)).toEqual(replyPlain(shellCard, names));
  expect(replyPlain(shellCard, names).sections).toContain('Answers: 1/1 going · 0 maybe');
});
