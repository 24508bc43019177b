/**
 * Hallway as a distributed Slack app: two workspaces install it through Bolt's OAuth flow against the fake Slack,
 * each runs commands and gets messages with its own token and sees only its own data; one uninstalls, and its token
 * is gone, its queue stopped, its data deleted when retention ends — while the other carries on.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dbOf } from '../../data/db/executor.ts';
import type { CommunityId } from '#core/ids.ts';
import { replyText } from '../support/slack-stack-support.ts';
import { SlackOAuthStack } from '../support/slack-oauth-stack.ts';

const A = 'T0AAAAAAA';
const B = 'T0BBBBBBB';
const ca = `slack:${A}` as CommunityId;
const cb = `slack:${B}` as CommunityId;

let stack: SlackOAuthStack;

beforeEach(async () => {
  stack = await SlackOAuthStack.start();
  stack.fake.addUser({ id: 'U0ANA', name: 'ana', tz: 'Europe/Paris' });
  stack.fake.addUser({ id: 'U0BEN', name: 'ben', tz: 'America/New_York' });
});
afterEach(async () => {
  await stack.stop();
});

async function installBoth(): Promise<void> {
  for (const team of [A, B]) expect((await stack.install(team)).status).toBe(200);
}

/** Messages queued for a community, to be sent by the drainer with that community's token. */
async function queueDm(community: CommunityId, userId: string, key: string, notBefore = stack.clock.now()) {
  await stack.repos.outbox.enqueue([
    {
      community,
      key,
      target: { kind: 'dm', userIds: [userId] },
      reply: { text: key },
      notBefore,
      now: stack.clock.now(),
    },
  ]);
}

async function storedInstallations() {
  return stack.app.storage.transaction((tx) => dbOf(tx).selectFrom('slack_installations').selectAll().execute());
}

describe('Slack OAuth: many workspaces', () => {
  it('installs two workspaces: each becomes its own community, its token sealed at rest', async () => {
    await installBoth();
    expect(stack.fake.succeeded('oauth.v2.access')).toHaveLength(2);
    const [tokenA] = stack.fake.tokensOf(A);
    const [tokenB] = stack.fake.tokensOf(B);
    expect(tokenA).toBeDefined();
    expect(tokenB).toBeDefined();
    expect(await stack.repos.communities.get(ca)).toBeDefined();
    expect(await stack.repos.communities.get(cb)).toBeDefined();
    // Installing posts nothing anywhere.
    expect(stack.fake.succeeded('chat.postMessage')).toHaveLength(0);
    const rows = await storedInstallations();
    expect(rows.map((r) => r.install_key).sort()).toEqual([A, B]);
    const dump = JSON.stringify(rows);
    expect(dump).not.toContain(tokenA);
    expect(dump).not.toContain(tokenB);
    expect(dump).not.toContain('xoxb-');
  });

  it('refuses a redirect that does not bring back the state cookie (another browser, a forged link)', async () => {
    const refused = await stack.install(A, { cookie: false });
    expect(refused.status).not.toBe(200);
    expect(await storedInstallations()).toHaveLength(0);
    expect(stack.fake.tokensOf(A)).toHaveLength(0);
  });

  it('runs commands in both workspaces, each with its own token and its own data', async () => {
    await installBoth();
    const [tokenA] = stack.fake.tokensOf(A);
    const [tokenB] = stack.fake.tokensOf(B);
    await stack.command(A, 'U0ANA', '/skills offer photography');
    await stack.command(B, 'U0BEN', '/skills offer pottery');
    const inA = await stack.command(A, 'U0ANA', '/skills find pottery');
    const inB = await stack.command(B, 'U0BEN', '/skills find photography');
    // Each workspace's skills are its own: neither finds the other's member.
    expect(replyText(inA.reply!)).toMatch(/Nobody here lists/);
    expect(replyText(inB.reply!)).toMatch(/Nobody here lists/);
    const ownA = await stack.command(A, 'U0ANA', '/skills find photography');
    expect(replyText(ownA.reply!)).toMatch(/Offer it \(1\)\n• @U0ANA/);

    const lookups = stack.fake.calls.all.filter((c) => c.method === 'users.info');
    expect(lookups.filter((c) => c.args.user === 'U0ANA').map((c) => c.token)).toEqual(
      expect.arrayContaining([tokenA]),
    );
    expect(lookups.every((c) => (c.args.user === 'U0ANA' ? c.token === tokenA : c.token === tokenB))).toBe(true);

    // The outbox sends each community's messages with that community's token.
    await queueDm(ca, 'U0ANA', 'hello-a');
    await queueDm(cb, 'U0BEN', 'hello-b');
    stack.app.drainer.kick();
    await stack.app.drainer.idle();
    const posts = stack.fake.succeeded('chat.postMessage');
    expect(posts.map((p) => [p.args.channel, p.token])).toEqual(
      expect.arrayContaining([
        ['U0ANA', tokenA],
        ['U0BEN', tokenB],
      ]),
    );
    expect(posts).toHaveLength(2);
  });

  it('uninstalling one workspace deletes its token, stops its queue and jobs; the other carries on', async () => {
    await installBoth();
    const [tokenA] = stack.fake.tokensOf(A);
    await stack.command(A, 'U0ANA', '/skills offer photography');
    await stack.command(B, 'U0BEN', '/skills offer pottery');
    // Messages due later (a reminder, the next round): still queued when the workspace leaves.
    const later = new Date(stack.clock.now().getTime() + 3_600_000);
    await queueDm(ca, 'U0ANA', 'later-a-1', later);
    await queueDm(ca, 'U0ANA', 'later-a-2', later);
    await queueDm(cb, 'U0BEN', 'later-b', later);

    await stack.uninstall(A);
    expect((await storedInstallations()).map((r) => r.install_key)).toEqual([B]);
    expect(await stack.repos.outbox.counts(ca)).toMatchObject({ pending: 0, failed: 2 });
    const abandoned = await stack.repos.outbox.list(ca);
    expect(abandoned.every((i) => i.lastError === 'app_uninstalled')).toBe(true);
    expect((await stack.repos.communities.list()).map((c) => c.id)).toEqual([cb]);

    // An hour later the other workspace's message goes out with its token; nothing more with the removed one.
    const callsBefore = stack.fake.calls.length;
    stack.clock.advance(3_600_000);
    stack.app.drainer.kick();
    await stack.app.drainer.idle();
    const after = stack.fake.calls.all.slice(callsBefore);
    expect(after.filter((c) => c.method === 'chat.postMessage').map((c) => c.args.channel)).toEqual(['U0BEN']);
    expect(stack.fake.calls.all.slice(callsBefore).some((c) => c.token === tokenA)).toBe(false);
    await stack.command(B, 'U0BEN', '/skills offer ceramics');

    // The removed workspace's data stays for the retention period, then goes; the other's stays.
    await stack.app.tick();
    expect(await stack.repos.communities.get(ca)).toBeDefined();
    stack.clock.advance(31 * 86_400_000);
    await stack.app.tick();
    expect(await stack.repos.communities.get(ca)).toBeUndefined();
    expect(await stack.repos.outbox.list(ca)).toHaveLength(0);
    expect(await stack.repos.members.get(ca, 'U0ANA')).toBeUndefined();
    expect(await stack.repos.members.get(cb, 'U0BEN')).toBeDefined();
  });

  it('installing again after an uninstall brings the workspace back with a new token', async () => {
    await installBoth();
    await stack.uninstall(A);
    expect((await stack.install(A)).status).toBe(200);
    const [fresh] = stack.fake.tokensOf(A);
    expect((await stack.repos.communities.list()).map((c) => c.id).sort()).toEqual([ca, cb]);
    await stack.command(A, 'U0ANA', '/skills offer photography');
    const lookups = stack.fake.calls.all.filter((c) => c.method === 'users.info' && c.args.user === 'U0ANA');
    expect(lookups.at(-1)?.token).toBe(fresh);
  });
});
