/**
 * The dashboard's cookie and request rules at the HTTP level, on both databases (the browser test shows them in
 * Chromium): the session cookie's attributes for an http and an https public URL, a sign-in link's page that changes
 * nothing, a sign-in POST from another site refused, sign-out needing the session's CSRF token,
 * `/hallway dashboard sign-out-all` ending a browser's session, and a CSV download for every chart's table.
 */
import { describe, expect, it } from 'vitest';
import { PAGES } from '../../commands/dashboard/index.ts';
import { createWebApp } from '../../src/app/web/app.ts';
import { signInLink } from '../support/dashboard-web.ts';
import { TestBot } from '../support/test-bot.ts';

async function served(publicUrl: string) {
  const bot = await TestBot.create({ publicUrl });
  const app = createWebApp({ ...bot.deps, dispatch: (event) => bot.dispatch(event) });
  const origin = new URL(publicUrl).origin;
  /** `/hallway dashboard`, the link's page, then its button: the Set-Cookie header of the answer. */
  const signIn = async (headers: Record<string, string> = { origin }) => {
    await bot.run('/hallway dashboard');
    const token = /\/signin\/([\w-]+)/.exec(signInLink(bot, 'host'))![1]!;
    return app.request(`${origin}/signin`, {
      method: 'POST',
      headers,
      body: new URLSearchParams({ token }),
    });
  };
  return { bot, app, origin, signIn };
}

const cookiePair = (response: Response) => /^([^;]+);/.exec(response.headers.get('set-cookie') ?? '')?.[1] ?? '';

describe('the session cookie', () => {
  it('is HttpOnly, SameSite=Strict, for the whole site and 12 hours; not Secure over http', async () => {
    const { signIn } = await served('http://localhost:3000');
    const opened = await signIn();
    expect(opened.status).toBe(303);
    const cookie = opened.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^hallway_session=[\w-]{43}; Max-Age=43200; Path=\/; HttpOnly; SameSite=Strict$/);
  });

  it('is Secure with the __Host- prefix when the public URL is https', async () => {
    const { app, origin, signIn } = await served('https://hallway.example.org');
    const opened = await signIn();
    const cookie = opened.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^__Host-hallway_session=[\w-]{43}; /);
    expect(cookie.split('; ')).toEqual(expect.arrayContaining(['Path=/', 'HttpOnly', 'Secure', 'SameSite=Strict']));
    expect(cookie).not.toMatch(/Domain=/);
    const pulse = await app.request(`${origin}/pulse`, { headers: { cookie: cookiePair(opened) } });
    expect(pulse.status).toBe(200);
  });
});

describe('requests that change something', () => {
  it('a sign-in link’s page uses nothing up, however often it is fetched (link previews)', async () => {
    const { bot, app, origin, signIn } = await served('http://localhost:3000');
    await bot.run('/hallway dashboard');
    const link = signInLink(bot, 'host');
    for (let i = 0; i < 3; i++) expect((await app.request(link)).status).toBe(200);
    // The same link still opens a session once (signIn asks for a new one: both work).
    const token = /\/signin\/([\w-]+)/.exec(link)![1]!;
    const post = () =>
      app.request(`${origin}/signin`, { method: 'POST', headers: { origin }, body: new URLSearchParams({ token }) });
    expect((await post()).status).toBe(303);
    expect((await post()).status).toBe(410);
    expect((await signIn()).status).toBe(303);
  });

  it('refuses a sign-in posted from another site (login CSRF), and leaves the link unused', async () => {
    const { bot, app, origin, signIn } = await served('http://localhost:3000');
    const foreign: Record<string, string>[] = [
      { origin: 'https://evil.example' },
      { 'sec-fetch-site': 'cross-site' },
      {},
    ];
    for (const headers of foreign) {
      const refused = await signIn(headers);
      expect(refused.status).toBe(403);
      expect(refused.headers.get('set-cookie')).toBeNull();
    }
    const token = /\/signin\/([\w-]+)/.exec(signInLink(bot, 'host'))![1]!;
    const ours = await app.request(`${origin}/signin`, {
      method: 'POST',
      headers: { 'sec-fetch-site': 'same-origin' },
      body: new URLSearchParams({ token }),
    });
    expect(ours.status).toBe(303);
  });

  it('signs out only with the session’s CSRF token; sign-out-all ends the browser’s session', async () => {
    const { bot, app, origin, signIn } = await served('http://localhost:3000');
    const cookie = cookiePair(await signIn());
    const page = await (await app.request(`${origin}/pulse`, { headers: { cookie } })).text();
    const csrf = /name="_csrf" value="([\w-]+)"/.exec(page)![1]!;
    const signOut = (token: string) =>
      app.request(`${origin}/signout`, {
        method: 'POST',
        headers: { origin, cookie },
        body: new URLSearchParams({ _csrf: token }),
      });
    expect((await signOut('A'.repeat(csrf.length))).status).toBe(403);
    expect((await app.request(`${origin}/pulse`, { headers: { cookie } })).status).toBe(200);

    expect((await bot.run('/hallway dashboard sign-out-all')).text).toMatch(
      /^Signed out everywhere: 1 dashboard session/,
    );
    const after = await app.request(`${origin}/pulse`, { headers: { cookie } });
    expect(after.status).toBe(401);
    expect(await after.text()).toContain('/hallway dashboard');
  });
});

describe('CSV downloads', () => {
  it('offers every table of every page as CSV to a signed-in manager, and to nobody else', async () => {
    const { app, origin, signIn } = await served('http://localhost:3000');
    const cookie = cookiePair(await signIn());
    let tables = 0;
    for (const def of PAGES) {
      const html = await (await app.request(`${origin}/${def.slug}`, { headers: { cookie } })).text();
      const links = [...html.matchAll(/href="(\/csv\/[\w-]+\/[\w-]+\.csv)"/g)].map((m) => m[1]!);
      expect(links.length, `${def.slug} has CSV links`).toBe((html.match(/data-table="/g) ?? []).length);
      for (const link of links) {
        const csv = await app.request(`${origin}${link}`, { headers: { cookie } });
        expect(csv.status, link).toBe(200);
        expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
        expect(csv.headers.get('content-disposition')).toMatch(/^attachment; filename="hallway-[\w-]+\.csv"$/);
        expect((await csv.text()).endsWith('\r\n')).toBe(true);
        expect((await app.request(`${origin}${link}`)).status).toBe(401);
        tables++;
      }
    }
    expect(tables).toBeGreaterThanOrEqual(PAGES.length);
  });
});
