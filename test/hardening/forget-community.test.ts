/**
 * A community's end. `/hallway forget-community` (managers, after a confirmation button) deletes every row of the
 * community in every table (read from the database's own catalogue, so new tables are covered) and nothing of
 * another community; a member cannot do it. When the app leaves a community, its queued messages are abandoned and
 * its jobs stop at once, and its data is deleted when HALLWAY_RETENTION_DAYS have passed (not before).
 */
import { describe, expect, it } from 'vitest';
import type { CommunityId } from '#core/ids.ts';
import { communityJoined, communityLeft, forgetExpired } from '#core/lifecycle.ts';
import type { TestBot } from '../support/test-bot.ts';
import { botWithDb } from './support/capture-db.ts';
import { liveALife, slackCast } from './support/life.ts';

const here = slackCast('slack:T0FORGET' as CommunityId, 'H');
const other = slackCast('slack:T0KEEPME' as CommunityId, 'K');

async function twoLives() {
  const { bot, db } = await botWithDb({ community: here.community });
  await liveALife(bot, here);
  await liveALife(bot, other);
  return { bot, db };
}

function rowsOf(snapshot: Record<string, string>): string[] {
  return Object.entries(snapshot)
    .filter(([, rows]) => rows !== '[]' && rows !== '')
    .map(([table]) => table);
}

async function confirmForget(bot: TestBot, userId: string, admin: boolean) {
  const confirm = await bot.run('/hallway forget-community', { as: userId, community: here.community, admin });
  return confirm.buttons?.find((b) => b.action === 'hallway.forget-community');
}

describe('/hallway forget-community', () => {
  it('deletes every row of the community in every table, and nothing of another community', async () => {
    const { bot, db } = await twoLives();
    const otherBefore = await db.communityRows(other.community);
    expect(rowsOf(await db.communityRows(here.community)).length).toBeGreaterThan(10);

    const yes = await confirmForget(bot, here.host, true);
    expect(yes?.value).toBe(here.community);
    const done = await bot.click(yes!, { as: here.host, community: here.community, admin: true });
    expect(done?.text).toMatch(/^Done: Hallway deleted this community’s data \(\d+ records\)/);

    // What the click itself leaves: the record of the click (so a replayed click has no second effect) and the
    // manager who clicked (seen again by that very event); nothing of the community's life.
    const left = rowsOf(await db.communityRows(here.community)).filter((t) => t !== 'inbound_events');
    expect(left.filter((t) => t !== 'members' && t !== 'communities')).toEqual([]);
    expect(await db.findEverywhere(here.subject)).toEqual([]);
    expect(await db.findEverywhere(here.friend)).toEqual([]);
    expect(await db.communityRows(other.community)).toEqual(otherBefore);
  });

  it('is for managers only: a member gets the refusal and nothing is deleted', async () => {
    const { bot, db } = await twoLives();
    const refused = await bot.run('/hallway forget-community', { as: here.subject, community: here.community });
    expect(refused.buttons ?? []).toEqual([]);
    const before = await db.communityRows(here.community);
    // A manager's button pressed by a member does nothing either.
    const yes = await confirmForget(bot, here.host, true);
    const pressed = await bot.click(yes!, { as: here.subject, community: here.community, admin: false });
    expect(pressed?.text).toMatch(/Only a community manager/);
    const after = await db.communityRows(here.community);
    expect(rowsOf(after)).toEqual(rowsOf(before));
    expect(await db.findEverywhere(here.subject)).not.toEqual([]);
  });
});

describe('the app leaving a community', () => {
  it('abandons its queued messages, stops its jobs, and deletes its data only when retention ends', async () => {
    const { bot, db } = await twoLives();
    const deps = { storage: bot.storage, clock: bot.clock, log: bot.deps.log };
    const later = new Date(bot.clock.now().getTime() + 86_400_000);
    await bot.repos.outbox.enqueue([
      {
        community: here.community,
        key: 'later',
        target: { kind: 'post', channelId: 'C1' },
        reply: { text: 'x' },
        notBefore: later,
        now: bot.clock.now(),
      },
    ]);
    expect(await communityLeft(deps, here.community, 'app_uninstalled')).toBeGreaterThanOrEqual(1);
    expect(await bot.repos.outbox.counts(here.community)).toMatchObject({ pending: 0 });
    const listed = (await bot.repos.communities.list()).map((c) => c.id);
    expect(listed).toContain(other.community);
    expect(listed).not.toContain(here.community);

    bot.clock.advance(29 * 86_400_000);
    expect(await forgetExpired(deps, 30)).toEqual([]);
    expect(rowsOf(await db.communityRows(here.community)).length).toBeGreaterThan(10);
    bot.clock.advance(2 * 86_400_000);
    expect(await forgetExpired(deps, 30)).toEqual([here.community]);
    expect(rowsOf(await db.communityRows(here.community))).toEqual([]);
    expect(rowsOf(await db.communityRows(other.community)).length).toBeGreaterThan(10);
  });

  it('coming back before retention ends keeps everything and lists the community again', async () => {
    const { bot, db } = await twoLives();
    const deps = { storage: bot.storage, clock: bot.clock, log: bot.deps.log };
    await communityLeft(deps, here.community, 'guild_delete');
    bot.clock.advance(10 * 86_400_000);
    await communityJoined(deps, here.community);
    bot.clock.advance(60 * 86_400_000);
    expect(await forgetExpired(deps, 30)).toEqual([]);
    expect((await bot.repos.communities.list()).map((c) => c.id)).toContain(here.community);
    expect(await db.findEverywhere(here.subject)).not.toEqual([]);
  });
});
