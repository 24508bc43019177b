/** Following a dashboard sign-in link over plain HTTP, as the end-to-end tests do (test/browser does it in Chromium). */
import { expect } from 'vitest';

/**
 * Follows a sign-in link as a browser does: the link's page, its form posted from that page (Sec-Fetch-Site:
 * same-origin), the session cookie, then the dashboard's first page, whose HTML it returns. `base` is where the app
 * listens, which in these tests is not the public URL the link names.
 */
export async function signInOverHttp(base: string, token: string): Promise<string> {
  const page = await fetch(`${base}/signin/${token}`);
  expect(page.status).toBe(200);
  expect(await page.text()).toContain('Open the dashboard');
  const opened = await fetch(`${base}/signin`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'sec-fetch-site': 'same-origin' },
    body: new URLSearchParams({ token }),
  });
  expect(opened.status).toBe(303);
  expect(opened.headers.get('location')).toBe('/pulse');
  const cookie = /^(hallway_session=[\w-]+);/.exec(opened.headers.get('set-cookie') ?? '')?.[1];
  expect(cookie).toBeDefined();
  const pulse = await fetch(`${base}/pulse`, { headers: { cookie: cookie! } });
  expect(pulse.status).toBe(200);
  return pulse.text();
}
