/**
 * `/hallway dashboard`: a one-time sign-in link by DM for managers only (its token stored only as a hash), the
 * session it opens (one community, 12 hours), sign-out-all, forget-me; and "Suggest a workshop".
 */
import { describe, expect, it } from 'vitest';
import {
  currentSession,
  type DashboardStore,
  linkState,
  openSession,
  SESSION_TTL_MS,
  SIGN_IN_TTL_MS,
} from '../../commands/dashboard/index.ts';
import type { Reply } from '#core/reply.ts';
import { toPlain } from '#core/text.ts';
import { TestBot } from '../support/test-bot.ts';

/** The token of the newest sign-in link DMed to `userId`. */
function linkToken(bot: TestBot, userId: string): string {
  const text = bot
    .dmsTo(userId)
    .map((r) => toPlain(r.text))
    .reverse()
    .find((t) => t.includes('/signin/'));
  const token = /\/signin\/([A-Za-z0-9_-]+)/.exec(text ?? '')?.[1];
  if (!token) throw new Error(`no sign-in link for ${userId}`);
  return token;
}

function dashboard<T>(bot: TestBot, fn: (store: DashboardStore) => Promise<T>): Promise<T> {
  const feature = bot.features.find((f) => f.name === 'dashboard')!;
  return bot.storage.transaction((tx) => fn(feature.openStore(tx) as DashboardStore));
}

async function everyCell(bot: TestBot): Promise<string> {
  return bot.storage.transaction(async (tx) => {
    const q = (await import('../../data/db/executor.ts')).dbOf(tx);
    const rows = [
      ...(await q.selectFrom('dashboard_sign_ins').selectAll().execute()),
      ...(await q.selectFrom('dashboard_sessions').selectAll().execute()),
    ];
    return JSON.stringify(rows);
  });
}

describe('/hallway dashboard', () => {
  it('DMs a manager a link to the public URL that works once, within 15 minutes; only its hash is stored', async () => {
    const bot = await TestBot.create({ publicUrl: 'https://hallway.example.org' });
    const reply = await bot.run('/hallway dashboard');
    expect(reply.text).toMatch(/sent you a sign-in link by DM/);
    const dm = bot.dmsTo('host').at(-1)!;
    expect(toPlain(dm.text)).toMatch(
      /^Open the community dashboard \(https:\/\/hallway\.example\.org\/signin\/[\w-]{43}\)/,
    );
    expect(dm.mentions).toEqual([]);
    const token = linkToken(bot, 'host');
    expect(await everyCell(bot)).not.toContain(token);

    const now = bot.clock.now();
    expect(await dashboard(bot, (s) => linkState(s, token, now))).toEqual({
      ok: true,
      community: 'shell:loft',
      userId: 'host',
    });
    const opened = await dashboard(bot, (s) => openSession(s, token, now));
    if (!opened.ok) throw new Error('not opened');
    expect(opened.session).toMatchObject({ community: 'shell:loft', userId: 'host' });
    expect(opened.session.expiresAt.getTime() - now.getTime()).toBe(SESSION_TTL_MS);
    expect(await everyCell(bot)).not.toContain(opened.token);
    // Used: a second click, or a look at it, says so.
    expect(await dashboard(bot, (s) => openSession(s, token, now))).toEqual({ ok: false, problem: 'used' });
    expect(await dashboard(bot, (s) => linkState(s, token, now))).toEqual({ ok: false, problem: 'used' });
  });

  it('lets a link expire after 15 minutes, and a session after 12 hours', async () => {
    const bot = await TestBot.create();
    await bot.run('/hallway dashboard');
    const stale = linkToken(bot, 'host');
    bot.clock.advance(SIGN_IN_TTL_MS);
    expect(await dashboard(bot, (s) => openSession(s, stale, bot.clock.now()))).toEqual({
      ok: false,
      problem: 'expired',
    });
    await bot.run('/hallway dashboard');
    const opened = await dashboard(bot, (s) => openSession(s, linkToken(bot, 'host'), bot.clock.now()));
    if (!opened.ok) throw new Error('not opened');
    bot.clock.advance(SESSION_TTL_MS - 1);
    expect(await dashboard(bot, (s) => currentSession(s, opened.token, bot.clock.now()))).toBeDefined();
    bot.clock.advance(1);
    expect(await dashboard(bot, (s) => currentSession(s, opened.token, bot.clock.now()))).toBeUndefined();
  });

  it('knows nothing of forged tokens', async () => {
    const bot = await TestBot.create();
    const now = bot.clock.now();
    for (const forged of ['', 'x', 'A'.repeat(43), '../../etc/passwd', `${'a'.repeat(42)}%`]) {
      expect(await dashboard(bot, (s) => linkState(s, forged, now))).toEqual({ ok: false, problem: 'unknown' });
      expect(await dashboard(bot, (s) => openSession(s, forged, now))).toEqual({ ok: false, problem: 'unknown' });
      expect(await dashboard(bot, (s) => currentSession(s, forged, now))).toBeUndefined();
    }
  });

  it('refuses members who are not managers, and sends them nothing', async () => {
    const bot = await TestBot.create();
    const reply = await bot.run('/hallway dashboard', { as: 'emma' });
    expect(reply.text).toBe('Only community managers can use `/hallway dashboard`.');
    expect(bot.dmsTo('emma')).toEqual([]);
    const also = await bot.run('/hallway dashboard sign-out-all', { as: 'emma' });
    expect(also.text).toMatch(/Only community managers/);
  });

  it('counts HALLWAY_MANAGERS as managers', async () => {
    const bot = await TestBot.create({ managers: ['mia'] });
    expect((await bot.run('/hallway dashboard', { as: 'mia' })).text).toMatch(/sign-in link/);
    expect(linkToken(bot, 'mia')).toHaveLength(43);
  });

  it('sign-out-all ends every session of the community and voids unused links, and no other community’s', async () => {
    const bot = await TestBot.create({ managers: ['mia'] });
    const other = { community: 'discord:100000000000000009' as const, as: 'host' };
    const sessions: string[] = [];
    for (const as of [{ as: 'host' }, { as: 'mia' }, other]) {
      await bot.run('/hallway dashboard', as);
      const opened = await dashboard(bot, (s) => openSession(s, linkToken(bot, as.as), bot.clock.now()));
      if (opened.ok) sessions.push(opened.token);
    }
    await bot.run('/hallway dashboard', { as: 'mia' });
    const unused = linkToken(bot, 'mia');
    const reply = await bot.run('/hallway dashboard sign-out-all');
    expect(reply.text).toMatch(/2 dashboard session\(s\) ended/);
    const now = bot.clock.now();
    expect(await dashboard(bot, (s) => currentSession(s, sessions[0], now))).toBeUndefined();
    expect(await dashboard(bot, (s) => currentSession(s, sessions[1], now))).toBeUndefined();
    expect(await dashboard(bot, (s) => currentSession(s, sessions[2], now))).toMatchObject({
      community: other.community,
    });
    expect(await dashboard(bot, (s) => linkState(s, unused, now))).toEqual({ ok: false, problem: 'unknown' });
  });

  it('forget-me removes a manager’s links and sessions', async () => {
    const bot = await TestBot.create();
    await bot.run('/hallway dashboard');
    await dashboard(bot, (s) => openSession(s, linkToken(bot, 'host'), bot.clock.now()));
    await bot.run('/hallway dashboard');
    const forget = await bot.run('/hallway forget-me');
    const done = await bot.click(forget.buttons![0]!);
    // Two links (one used, one not) and the session the first one opened.
    expect(done?.text).toMatch(/dashboard sign-in links and sessions: 3/);
    expect(await everyCell(bot)).toBe('[]');
  });

  it('is listed in help for managers only, with the rest of /hallway', async () => {
    const bot = await TestBot.create();
    const text = (reply: Reply) => bot.text(reply);
    // The one-screen help names the managers' subcommands on /hallway's line; members do not see them.
    expect(text(await bot.run('/hallway help'))).toMatch(/\/hallway .*managers: .*dashboard/);
    expect(text(await bot.run('/hallway help', { as: 'emma' }))).not.toContain('dashboard');
    expect(text(await bot.run('/hallway dashboard help'))).toContain('/hallway dashboard');
    const spec = bot.core.catalog.find((c) => c.name === 'hallway')!;
    expect(spec.subcommands.map((s) => s.name)).toEqual([
      'help',
      'config',
      'run',
      'stats',
      'export',
      'forget-me',
      'forget-community',
      'dashboard',
    ]);
  });
});

describe('Suggest a workshop', () => {
  async function community() {
    const bot = await TestBot.create();
    await bot.run('/skills offer screen printing', { as: 'ana' });
    await bot.run('/skills offer screen printing', { as: 'raj' });
    for (const u of ['emma', 'lucas', 'mia']) await bot.run('/skills need screen printing', { as: u });
    return bot;
  }

  it('DMs the manager a draft post with a button per member who offers the skill', async () => {
    const bot = await community();
    const skill = (await bot.repos.dashboard.skillBalance(bot.community, 5))[0]!.skill;
    const reply = await bot.click({ action: 'dashboard.workshop', value: skill });
    expect(reply?.text).toMatch(/sent you a draft screen printing skill-share by DM/);
    const dm = bot.dmsTo('host').at(-1)!;
    expect(bot.text(dm)).toMatch(/3 members want to learn screen printing, and @ana, @raj offer it/);
    expect(dm.buttons?.map((b) => [b.action, b.value])).toEqual([
      ['meetup.draft', 'ana|screen printing'],
      ['meetup.draft', 'raj|screen printing'],
    ]);
    expect(dm.mentions).toEqual([]);
    // The button drafts the meetup for that host, as the digest's does.
    const form = await bot.click(dm.buttons![0]!);
    expect(form?.form?.formId).toBeDefined();
  });

  it('is for managers only, and says so when nobody offers the skill', async () => {
    const bot = await community();
    expect((await bot.click({ action: 'dashboard.workshop', value: 'screen-printing' }, { as: 'emma' }))?.text).toMatch(
      /Only community managers/,
    );
    expect((await bot.click({ action: 'dashboard.workshop', value: 'knitting' }))?.text).toMatch(/Nobody here offers/);
    expect(bot.dmsTo('host')).toEqual([]);
    expect(bot.dmsTo('emma')).toEqual([]);
  });
});
