/**
 * The weekly work-in-progress prompt opens a thread for the answers, through the real Bolt app and the real
 * discord.js client against the fakes on 127.0.0.1 (one fake of each for the file).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DiscordStack } from '../support/discord-stack.ts';
import type { FakeUser } from '../support/fake-discord-payloads.ts';
import { blocksText, SlackStack } from '../support/slack-stack.ts';

let slack: SlackStack;
let discord: DiscordStack;
let host: FakeUser;

beforeAll(async () => {
  [slack, discord] = await Promise.all([
    SlackStack.start({ users: [{ id: 'U0ANA', name: 'ana', is_admin: true, profile: { display_name: 'Ana' } }] }),
    DiscordStack.start({ channels: ['feedback'] }),
  ]);
  host = discord.fake.addMember('host', String(0x20), 'Host');
});

afterAll(async () => {
  await Promise.all([slack?.stop(), discord?.stop()]);
});

describe('the work-in-progress prompt opens a thread', () => {
  it('on Slack: the opener is the first reply in the post’s thread', async () => {
    await slack.command('U0ANA', '/hallway config feedback-channel:<#C0FEED|feedback>');
    await slack.command('U0ANA', '/hallway run feedback-prompt');
    await slack.settle();
    const [post, opener, ...more] = slack.fake.succeeded('chat.postMessage').filter((c) => c.args.channel === 'C0FEED');
    expect(more).toEqual([]);
    expect(blocksText(post!)).toContain('What are you working on?');
    expect(opener!.args.thread_ts).toBe((post!.answer as { ts: string }).ts);
    expect(blocksText(opener!)).toContain('Reply here with what you are making this week');
  });

  it('on Discord: a public thread named for the week, with the opener inside', async () => {
    const feedback = discord.channel('feedback');
    await discord.command(host, 'hallway', 'config', { option: 'feedback-channel', value: feedback });
    await discord.command(host, 'hallway', 'run', { job: 'feedback-prompt' });
    const started = await discord.fake.waitFor('POST /channels/:id/messages/:id/threads');
    expect(started.path).toContain(`/channels/${feedback}/messages/`);
    expect(started.body.name).toMatch(/^Work in progress — week of /);
    expect(started.status).toBe(201);
    const threadId = discord.fake.guild.channels.find((c) => c.name === started.body.name)!.id;
    const opener = await discord.fake.waitFor('POST /channels/:id/messages', (c) => c.path.includes(threadId));
    expect(JSON.stringify(opener.body)).toContain('Reply here with what you are making this week');
    expect(opener.body.allowed_mentions).toEqual({ parse: [], users: [] });
  });
});
