/**
 * A Discord server's life with the bot, through the real discord.js client and the fake gateway: the servers in
 * READY are communities from the start; a server that adds the bot later becomes a community with defaults and
 * hears nothing; one that removes it is left (jobs and queued messages stop, data kept for the retention period,
 * then deleted); an outage (GUILD_DELETE with `unavailable`) changes nothing.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CommunityId } from '#core/ids.ts';
import { DiscordStack } from '../support/discord-stack.ts';
import { type FakeGuild, guildCreateJSON, snowflake } from '../support/fake-discord-payloads.ts';
import { type LifecycleRecord, recordLifecycle } from '../support/lifecycle-recorder.ts';

let stack: DiscordStack;
let record: LifecycleRecord;

beforeEach(async () => {
  stack = await DiscordStack.start();
  record = recordLifecycle(stack.app);
});
afterEach(async () => {
  await stack.app.stop();
  await stack.fake.close();
});

function newGuild(name: string): FakeGuild {
  return { id: snowflake(), name, ownerId: stack.fake.guild.ownerId, channels: [{ id: snowflake(), name: 'general' }] };
}

async function added(guild: FakeGuild): Promise<CommunityId> {
  const community = `discord:${guild.id}` as CommunityId;
  const from = record.joined.length;
  stack.fake.gateway.dispatch('GUILD_CREATE', guildCreateJSON(guild, stack.fake.bot));
  await record.joined.waitFor((c) => c === community, from, `join of ${guild.name}`);
  return community;
}

async function removed(guild: FakeGuild): Promise<void> {
  const from = record.left.length;
  stack.fake.gateway.dispatch('GUILD_DELETE', { id: guild.id });
  await record.left.waitFor((c) => c === `discord:${guild.id}`, from, `removal from ${guild.name}`);
}

const posts = () => stack.fake.calls.filter((c) => c.method === 'POST' && /\/messages$/.test(c.path));

describe('Discord servers joining and leaving', () => {
  it('knows the servers it is in at start-up, and posts nothing there', async () => {
    const found = await stack.repos.communities.get(stack.community);
    expect(found?.settings).toEqual({});
    expect(posts()).toEqual([]);
  });

  it('a server that adds the bot becomes a community with default settings, and hears nothing', async () => {
    const studio = newGuild('Studio');
    const community = await added(studio);
    const created = await stack.repos.communities.get(community);
    expect(created?.settings).toEqual({});
    expect((await stack.repos.communities.list()).map((c) => c.id)).toContain(community);
    await stack.settle();
    expect(posts()).toEqual([]);
  });

  it('a server that removes the bot is left: queue abandoned, jobs stop, data deleted after retention', async () => {
    const studio = newGuild('Studio');
    const community = await added(studio);
    const later = new Date(stack.clock.now().getTime() + 3_600_000);
    await stack.repos.outbox.enqueue([
      {
        community,
        key: 'digest',
        target: { kind: 'post', channelId: studio.channels[0]!.id },
        reply: { text: 'later' },
        notBefore: later,
        now: stack.clock.now(),
      },
    ]);
    await removed(studio);
    expect(await stack.repos.outbox.counts(community)).toMatchObject({ pending: 0, failed: 1 });
    expect((await stack.repos.communities.list()).map((c) => c.id)).toEqual([stack.community]);

    stack.clock.advance(29 * 86_400_000);
    await stack.app.tick();
    expect(await stack.repos.communities.get(community)).toBeDefined();
    stack.clock.advance(2 * 86_400_000);
    await stack.app.tick();
    expect(await stack.repos.communities.get(community)).toBeUndefined();
    expect(await stack.repos.outbox.list(community)).toEqual([]);
    expect(await stack.repos.communities.get(stack.community)).toBeDefined();
    expect(posts()).toEqual([]);
  });

  it('an outage (GUILD_DELETE with unavailable) is not a removal', async () => {
    const studio = newGuild('Studio');
    const annex = newGuild('Annex');
    const community = await added(studio);
    await added(annex);
    stack.fake.gateway.dispatch('GUILD_DELETE', { id: studio.id, unavailable: true });
    // The gateway delivers in order: once the annex's removal is handled, the outage before it was too.
    await removed(annex);
    expect(record.left.all).toEqual([`discord:${annex.id}`]);
    expect((await stack.repos.communities.list()).map((c) => c.id)).toContain(community);
  });
});
