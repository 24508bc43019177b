/**
 * The dashboard in real headless Chromium. A manager signs in the way they would: `/hallway dashboard` DMs a link,
 * and the link is opened from a page on another site (the chat client), in a new tab. Every page is checked against
 * the seeded community's figures (test/support/dashboard-community.ts), chart marks against their tables, the CSV
 * download against the table; then the ways in that must fail: an expired link, a reused link, a forged cookie,
 * another community's session, a member who is not a manager. Screenshots go to test/artifacts/.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PAGES } from '../../commands/dashboard/index.ts';
import { type Browser, DESKTOP, HAS_CHROMIUM, launchBrowser, PHONE, warnWithoutChromium } from '../support/browser.ts';
import { EXPECTED, NOW, type Seeded, seedCommunity } from '../support/dashboard-community.ts';
import { type ChatPage, type DashboardWeb, serveChat, serveDashboard, signInLink } from '../support/dashboard-web.ts';
import { readDashboardPage, type SeenPage } from '../support/dashboard-dom.ts';

warnWithoutChromium();

const ARTIFACTS = 'test/artifacts';
const OTHER = 'discord:100000000000000009' as const;

describe.skipIf(!HAS_CHROMIUM)('the dashboard in Chromium', () => {
  let web: DashboardWeb;
  let browser: Browser;
  let chat: ChatPage;
  let seeded: Seeded;
  let manager: BrowserContext;
  const seen = new Map<string, SeenPage>();

  /** `/hallway dashboard` as `as`, then the DM's link clicked in the chat page: the new tab, on the sign-in page. */
  async function openLinkFromChat(context: BrowserContext, as = 'host', community = web.bot.community) {
    await web.bot.run('/hallway dashboard', { as, community });
    const link = signInLink(web.bot, as, community);
    const chatTab = await context.newPage();
    await chatTab.goto(chat.page([link]));
    const [tab] = await Promise.all([context.waitForEvent('page'), chatTab.click('#link-0')]);
    await tab!.waitForLoadState();
    return { tab: tab!, link };
  }

  async function signIn(context: BrowserContext, as = 'host', community = web.bot.community): Promise<Page> {
    const { tab } = await openLinkFromChat(context, as, community);
    await expect.poll(() => tab.locator('h1').textContent()).toBe('Sign in to the dashboard');
    await Promise.all([tab.waitForURL('**/pulse'), tab.click('button[type=submit]')]);
    return tab;
  }

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    browser = await launchBrowser();
    chat = await serveChat();
    web = await serveDashboard({ start: '2026-08-20T08:00:00Z' });
    seeded = await seedCommunity(web.bot);
    manager = await browser.context(DESKTOP);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await chat?.close();
    await web?.close();
  });

  it('signs a manager in from a link clicked on another site, and keeps them signed in from there', async () => {
    const tab = await signIn(manager);
    expect(await tab.locator('h1').textContent()).toBe('Pulse');
    expect(await tab.locator('header .who').textContent()).toContain(web.bot.community);
    const [cookie] = (await manager.cookies()).filter((c) => c.name === 'hallway_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
    // A later click from the chat on a dashboard address (a cross-site navigation: no Strict cookie) still lands
    // on the page, through a page of ours that asks again.
    const chatTab = await manager.newPage();
    await chatTab.goto(chat.page([`${web.url}/skills`]));
    const [again] = await Promise.all([manager.waitForEvent('page'), chatTab.click('#link-0')]);
    await expect.poll(() => again!.locator('h1').textContent()).toBe('Skills');
  });

  it('shows every page with the seeded community’s figures, each chart drawn from its table', async () => {
    const tab = await manager.newPage();
    for (const def of PAGES) {
      await tab.goto(`${web.url}/${def.slug}`);
      const page = await readDashboardPage(tab);
      seen.set(def.slug, page);
      expect(page.title).toBe(def.title);
      for (const chart of page.charts) {
        expect(chart.marks.length, `${def.slug}/${chart.table} has marks`).toBeGreaterThan(0);
        expect(chart.drawn, `${def.slug}/${chart.table} is drawn`).toBe(true);
        for (const mark of chart.marks) expect(mark.value, `${def.slug}/${chart.table} ${mark.label}`).toBe(mark.cell);
        expect(chart.marks.length).toBe(chart.numericCells);
      }
      for (const name of EXPECTED.absent) expect(page.text, `${def.slug} names ${name}`).not.toContain(name);
    }
    const pulse = seen.get('pulse')!;
    expect(pulse.figures.Members).toBe(String(EXPECTED.pulse.members));
    expect(pulse.figures['New this week']).toBe(String(EXPECTED.pulse.newThisWeek));
    for (const [week, active, joined] of pulse.tables.weekly!) {
      expect(active, `active in ${week}`).toBe(seeded.activeByWeek.get(String(week))?.size ?? 0);
      expect(joined, `new in ${week}`).toBe(EXPECTED.pulse.newByWeek[String(week)] ?? 0);
    }
    expect(pulse.tables.retention).toEqual(EXPECTED.pulse.retention);
    expect(seen.get('introductions')!.tables.funnel).toEqual(EXPECTED.introductions.funnel);
    expect(seen.get('introductions')!.names[0]).toEqual(EXPECTED.introductions.waiting);
    expect(seen.get('matching')!.tables.rounds).toEqual(EXPECTED.matching.rounds);
    expect(seen.get('matching')!.names[0]).toEqual(EXPECTED.matching.collaborations);
    expect(seen.get('meetups')!.tables.meetups!.map((r) => r.slice(1))).toEqual(EXPECTED.meetups.perMeetup);
    expect(seen.get('meetups')!.tables.series).toEqual(EXPECTED.meetups.perSeries);
    expect(seen.get('meetups')!.figures['Average rating']).toBe(EXPECTED.meetups.average);
    expect(seen.get('feedback')!.tables.funnel).toEqual(EXPECTED.feedback.funnel);
    expect(seen.get('feedback')!.figures['Median time to feedback']).toBe(EXPECTED.feedback.median);
    expect(seen.get('sharing')!.tables.resources).toEqual(EXPECTED.sharing.resources);
    expect(seen.get('sharing')!.tables.mentorships).toEqual(EXPECTED.sharing.mentorships);
    expect(seen.get('sharing')!.figures).toEqual(EXPECTED.sharing.figures);
    expect(seen.get('skills')!.tables.balance).toEqual(EXPECTED.skills.balance);
    expect(seen.get('skills')!.buttons).toEqual(EXPECTED.skills.workshops.map(() => 'Suggest a workshop'));
    expect(seen.get('help')!.names).toEqual([EXPECTED.help.ghosted, EXPECTED.help.quiet, EXPECTED.help.newcomers]);
  });

  it('downloads a table as CSV with the numbers on the page', async () => {
    const tab = await manager.newPage();
    await tab.goto(`${web.url}/pulse`);
    const [download] = await Promise.all([tab.waitForEvent('download'), tab.click('#retention a.csv')]);
    expect(download.suggestedFilename()).toBe('hallway-pulse-retention.csv');
    const lines = readFileSync(await download.path(), 'utf8')
      .trimEnd()
      .split('\r\n');
    expect(lines).toHaveLength(EXPECTED.pulse.retention.length + 1);
    expect(lines.slice(1)).toEqual(EXPECTED.pulse.retention.map((row) => row.map((v) => v ?? '').join(',')));
  });

  it('runs "Suggest a workshop" as the manager, with the form’s CSRF token, and says what happened', async () => {
    const tab = await manager.newPage();
    await tab.goto(`${web.url}/skills`);
    const before = web.bot.dmsTo('host').length;
    await Promise.all([tab.waitForURL('**/skills'), tab.locator('#balance-table button').first().click()]);
    expect(await tab.locator('.flash').textContent()).toMatch(/sent you a draft web design skill-share by DM/);
    expect(web.bot.dmsTo('host').length).toBe(before + 1);
  });

  it('refuses a form posted from another site, even to a signed-in manager’s browser', async () => {
    const before = web.bot.dmsTo('host').length;
    const attack = `<form id="attack" method="post" action="${web.url}/actions/dashboard.workshop"><input name="value" value="web design"><input name="back" value="skills"><input name="_csrf" value="guessed"><button>Win a prize</button></form>`;
    const tab = await manager.newPage();
    await tab.goto(chat.page([], attack));
    const [answer] = await Promise.all([tab.waitForNavigation(), tab.click('#attack button')]);
    expect(answer?.status()).toBe(403);
    expect(await tab.locator('h1').textContent()).toBe('That did not come from the dashboard');
    // From our own origin, with the manager's cookie, a form still needs this session's token.
    const session = (await manager.cookies()).find((c) => c.name === 'hallway_session')!;
    await tab.goto(`${web.url}/skills`);
    const form = tab.locator('#balance-table form').first();
    const [skill, token] = await Promise.all([
      form.locator('input[name=value]').inputValue(),
      form.locator('input[name=_csrf]').inputValue(),
    ]);
    const post = (csrf: string) =>
      fetch(`${web.url}/actions/dashboard.workshop`, {
        method: 'POST',
        redirect: 'manual',
        headers: { origin: web.url, cookie: `hallway_session=${session.value}` },
        body: new URLSearchParams({ value: skill, back: 'skills', _csrf: csrf }),
      });
    expect((await post('guessed')).status).toBe(403);
    expect(web.bot.dmsTo('host')).toHaveLength(before);
    // The same draft asked for twice in one instant is one DM (its outbox key): let a second pass.
    web.bot.clock.advance(1000);
    expect((await post(token)).status).toBe(303);
    expect(web.bot.dmsTo('host')).toHaveLength(before + 1);
  });

  it('writes screenshots of every page at desktop and phone widths', async () => {
    const phone = await browser.context(PHONE);
    await phone.addCookies(await manager.cookies());
    for (const [name, context] of [
      ['desktop', manager],
      ['phone', phone],
    ] as const) {
      const tab = await context.newPage();
      for (const def of PAGES) {
        await tab.goto(`${web.url}/${def.slug}`);
        expect(await tab.locator('h1').textContent()).toBe(def.title);
        await tab.screenshot({ path: `${ARTIFACTS}/dashboard-${def.slug}-${name}.png`, fullPage: true });
      }
    }
    // Nothing overflows a phone's width: tables scroll inside their own box.
    const tab = phone.pages()[0]!;
    expect(await tab.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(PHONE.width);
    await phone.close();
  });

  it('turns away a reused link, and shows how to get a new one', async () => {
    const context = await browser.context();
    const { tab, link } = await openLinkFromChat(context);
    await Promise.all([tab.waitForURL('**/pulse'), tab.click('button[type=submit]')]);
    const other = await browser.context();
    const reuse = await other.newPage();
    const answer = await reuse.goto(link);
    expect(answer?.status()).toBe(410);
    expect(await reuse.locator('h1').textContent()).toBe('This link has already been used');
    expect(await reuse.locator('main').textContent()).toContain('/hallway dashboard');
    expect((await reuse.goto(`${web.url}/pulse`))?.status()).toBe(401);
    await Promise.all([context.close(), other.close()]);
  });

  it('turns away an expired link', async () => {
    const context = await browser.context();
    try {
      const { tab } = await openLinkFromChat(context);
      web.bot.clock.advance(15 * 60_000);
      await tab.click('button[type=submit]');
      await expect.poll(() => tab.locator('h1').textContent()).toBe('This link has expired');
      expect(await context.cookies()).toEqual([]);
    } finally {
      web.bot.clock.set(NOW);
      await context.close();
    }
  });

  it('knows nothing of a forged cookie', async () => {
    const context = await browser.context();
    const real = (await manager.cookies()).find((c) => c.name === 'hallway_session')!;
    const flipped = real.value.slice(0, -1) + (real.value.endsWith('A') ? 'B' : 'A');
    for (const value of ['A'.repeat(43), flipped, 'x']) {
      await context.clearCookies();
      await context.addCookies([{ ...real, value }]);
      const tab = await context.newPage();
      expect((await tab.goto(`${web.url}/pulse`))?.status()).toBe(401);
      expect(await tab.locator('h1').textContent()).toBe('You are not signed in');
      expect((await tab.goto(`${web.url}/csv/pulse/retention.csv`))?.status()).toBe(401);
    }
    await context.close();
  });

  it('shows a manager of another community only that community', async () => {
    const context = await browser.context();
    const tab = await signIn(context, 'host', OTHER);
    expect(await tab.locator('header .who').textContent()).toContain(OTHER);
    for (const def of PAGES) {
      await tab.goto(`${web.url}/${def.slug}`);
      const text = (await tab.locator('main').textContent()) ?? '';
      for (const name of ['Ana', 'Ben', 'Zine night', 'web design']) expect(text, def.slug).not.toContain(name);
    }
    const [download] = await Promise.all([
      tab.waitForEvent('download'),
      tab.goto(`${web.url}/pulse`).then(() => tab.click('#retention a.csv')),
    ]);
    expect(readFileSync(await download.path(), 'utf8')).not.toMatch(/,3,3,100,/);
    await context.close();
  });

  it('refuses a member who is not a manager: no link, no page', async () => {
    const before = web.bot.dmsTo('ben').length;
    const reply = await web.bot.run('/hallway dashboard', { as: 'ben' });
    expect(reply.text).toBe('Only community managers can use `/hallway dashboard`.');
    expect(web.bot.dmsTo('ben')).toHaveLength(before);
    const context = await browser.context();
    const tab = await context.newPage();
    expect((await tab.goto(`${web.url}/help`))?.status()).toBe(401);
    await context.close();
  });
});
