/**
 * Discord sharding (DISCORD_SHARDS) end to end: the real discord.js client with `@discordjs/ws`'s worker strategy
 * against a fake gateway that serves two shards and sends each only its guilds, `(guild_id >> 22) % 2`, and DMs on
 * shard 0 — as Discord does. `auto` takes the count from the fake's `GET /gateway/bot`, so no Discord is needed.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DiscordStack, visibleText } from '../support/discord-stack.ts';
import type { FakeDiscord } from '../support/fake-discord.ts';
import {
  type FakeGuild,
  guildCreateJSON,
  shardOfGuild,
  snowflake,
  snowflakeOnShard,
} from '../support/fake-discord-payloads.ts';
import { type LifecycleRecord, recordLifecycle } from '../support/lifecycle-recorder.ts';
import { startSecondProcess } from '../support/second-process.ts';

const DAY_MS = 86_400_000;
let stack: DiscordStack;
let record: LifecycleRecord;
/** A guild owned by shard 0 and one owned by shard 1. */
let north: FakeGuild;
let south: FakeGuild;

function twoShards(fake: FakeDiscord): void {
  fake.shards = 2;
  // Both shards identify at once, as a bot with max_concurrency 2 may (with 1, the second waits Discord's 5 s).
  fake.maxConcurrency = 2;
  // One shard would be refused (4011), so a client that ignored DISCORD_SHARDS could not start at all.
  fake.shardingRequired = true;
  north = fake.addGuild('North', { shard: 0, shardCount: 2 });
  south = fake.addGuild('South', { shard: 1, shardCount: 2 });
}

const community = (guild: FakeGuild) => `discord:${guild.id}` as const;

describe('Discord with DISCORD_SHARDS=auto', () => {
  beforeEach(async () => {
    stack = await DiscordStack.start({ env: { DISCORD_SHARDS: 'auto' }, prepare: twoShards });
    record = recordLifecycle(stack.app);
  });
  afterEach(async () => {
    await stack.stop();
  });

  it('follows /gateway/bot: two shards identify, and every guild of both is a community', async () => {
    const shards = stack.fake.gateway.identifiedShards.map((s) => s.join('/')).sort();
    expect(shards).toEqual(['0/2', '1/2']);
    const ids = (await stack.repos.communities.list()).map((c) => c.id);
    expect(ids).toEqual(expect.arrayContaining([community(north), community(south), stack.community]));
  });

  it('answers a slash command in a guild of each shard, each in its own community', async () => {
    const ana = stack.fake.addMember('ana', '0', 'Ana', north);
    const raj = stack.fake.addMember('raj', '0', 'Raj', south);
    const inNorth = await stack.command(ana, 'skills', 'offer', { skills: 'photography' }, north);
    const inSouth = await stack.command(raj, 'skills', 'offer', { skills: 'letterpress' }, south);
    expect(visibleText(inNorth.data)).toMatch(/^Added/);
    expect(visibleText(inSouth.data)).toMatch(/^Added/);
    const mine = await stack.command(raj, 'skills', 'show', {}, south);
    expect(visibleText(mine.data)).toMatch(/letterpress/i);
    expect(visibleText(mine.data)).not.toMatch(/photography/i);
  });

  it('welcomes a member of a shard-1 guild by DM, and answers their click in the DM (which arrives on shard 0)', async () => {
    const nora = stack.fake.memberJoins('nora', south);
    const welcome = await stack.fake.waitFor('POST /channels/:id/messages', (c) =>
      c.path.includes(stack.fake.dmChannelFor(nora.id)),
    );
    expect(welcome.status).toBe(200);
    const button = `${south.id}/intro.open|about`;
    expect(welcome.body.components[0].components[0].custom_id).toBe(button);
    const modal = await stack.click(nora, button, { inDm: true });
    expect(modal.type).toBe(9);
    expect(modal.data.title).toBe('About you');
  });

  it('a guild that adds the bot on shard 1 becomes a community; only shard 1 hears of it', async () => {
    const east: FakeGuild = {
      id: snowflakeOnShard(1, 2),
      name: 'East',
      ownerId: south.ownerId,
      channels: [{ id: snowflake(), name: 'general' }],
    };
    expect(shardOfGuild(east.id, 2)).toBe(1);
    const from = record.joined.length;
    expect(stack.fake.gateway.dispatch('GUILD_CREATE', guildCreateJSON(east, stack.fake.bot))).toBe(1);
    await record.joined.waitFor((c) => c === community(east), from, 'join of East');
    expect(await stack.repos.communities.get(community(east))).toMatchObject({ settings: {} });
  });

  it('runs a scheduled job once per community on both shards, however often it is asked', async () => {
    const leo = stack.fake.memberJoins('leo', north);
    const mia = stack.fake.memberJoins('mia', south);
    for (const member of [leo, mia]) {
      await stack.fake.waitFor('POST /channels/:id/messages', (c) =>
        c.path.includes(stack.fake.dmChannelFor(member.id)),
      );
    }
    stack.clock.advance(4 * DAY_MS);
    await stack.app.tick();
    await stack.app.tick();
    stack.clock.advance(60 * 60_000);
    await stack.app.tick();
    await stack.settle();
    // The welcome, then one reminder: `intro-reminders` reached the communities of both shards, each once.
    expect(stack.dmsTo(leo)).toHaveLength(2);
    expect(stack.dmsTo(mia)).toHaveLength(2);
    expect(visibleText(stack.dmsTo(mia)[1]!.body)).toMatch(/only reminder/);
  });

  it('two processes on one database, each with both shards: an event both receive has one effect, a job runs once', async () => {
    const second = await startSecondProcess(stack.config, stack.app.storage, stack.clock);
    try {
      expect(stack.fake.gateway.identifiedShards).toHaveLength(4);
      const raj = stack.fake.addMember('raj', '0', 'Raj', south);
      const offer = [{ name: 'offer', type: 1, options: [{ name: 'skills', type: 3, value: 'letterpress' }] }];
      const interaction = stack.fake.command(raj, 'skills', offer, south);
      const eventId = `discord:${interaction.id}`;
      const here = await stack.dispatched.waitFor((d) => d.eventId === eventId);
      const there = await second.dispatched.waitFor((d) => d.eventId === eventId);
      // One process ran the command and answered it; the other found the event id already recorded and ran nothing,
      // and answered nothing: a second callback ('Done.') would race the real answer to Discord.
      expect([here.answered, there.answered].sort()).toEqual([false, true]);
      const callbacks = () =>
        stack.fake.callsTo('POST /interactions/:id/:token/callback').filter((c) => c.path.includes(interaction.id));
      await stack.fake.waitFor('POST /interactions/:id/:token/callback', (c) => c.path.includes(interaction.id));
      // A full round trip through both processes after it: a duplicate's callback, sent right after its dispatch,
      // would have reached the fake by then.
      const other = stack.fake.command(raj, 'profile', [], south);
      await stack.fake.waitFor('POST /interactions/:id/:token/callback', (c) => c.path.includes(other.id));
      expect(callbacks()).toHaveLength(1);

      const leo = stack.fake.memberJoins('leo', north);
      await stack.fake.waitFor('POST /channels/:id/messages', (c) => c.path.includes(stack.fake.dmChannelFor(leo.id)));
      // The welcome recorded as sent before the days pass (a send still in flight when its lease ran out would go
      // out again: the outbox's documented window, not what this test is about).
      await Promise.all([stack.settle(), second.app.drainer.idle()]);
      stack.clock.advance(4 * DAY_MS);
      await Promise.all([stack.app.tick(), second.app.tick()]);
      await Promise.all([stack.settle(), second.app.drainer.idle()]);
      // Both processes heard Leo join and both ran the hour's jobs: one welcome, one reminder.
      expect(stack.dmsTo(leo)).toHaveLength(2);
    } finally {
      await second.app.stop();
    }
  });
});

describe('DISCORD_SHARDS as a count, and unset', () => {
  it('runs the count given, whatever /gateway/bot recommends', async () => {
    const counted = await DiscordStack.start({
      env: { DISCORD_SHARDS: '2' },
      prepare: (fake) => (fake.maxConcurrency = 2),
    });
    try {
      expect(counted.fake.shards).toBe(1);
      expect(counted.fake.gateway.identifiedShards.map((s) => s.join('/')).sort()).toEqual(['0/2', '1/2']);
      const owner = counted.fake.addMember('host', '32');
      expect(visibleText((await counted.command(owner, 'skills', 'offer', { skills: 'risograph' })).data)).toMatch(
        /^Added/,
      );
    } finally {
      await counted.stop();
    }
  });

  it('unset, one connection as before; where Discord requires sharding, start-up says to set DISCORD_SHARDS', async () => {
    const plain = await DiscordStack.start();
    expect(plain.fake.gateway.identifiedShards).toEqual([[0, 1]]);
    await plain.stop();
    await expect(DiscordStack.start({ prepare: twoShards })).rejects.toThrow(/set DISCORD_SHARDS=auto/);
  });
});
