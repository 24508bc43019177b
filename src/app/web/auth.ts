/**
 * Sessions in the browser and protection against cross-site requests.
 *
 * The session cookie is HttpOnly, SameSite=Strict, Path=/, and Secure (with the `__Host-` prefix) when the public
 * URL is https. A Strict cookie is not sent on a navigation that comes from another site, such as a click in Slack or
 * Discord: the sign-in link therefore lands on a page of ours whose form opens the session (a same-site request),
 * and a signed-in manager arriving from another site is sent on once more from a page of ours (see `arriving`).
 *
 * Every state-changing request is a POST that must come from our own origin (`Origin`, or `Sec-Fetch-Site` when a
 * browser sends no Origin) and, once signed in, carry the session's CSRF token (derived from the session's secret,
 * so it is never stored and another session's token is worthless).
 */
import { timingSafeEqual } from 'node:crypto';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { currentSession, SESSION_TTL_MS } from '../../../commands/dashboard/index.ts';
import type { CommunityId } from '#core/ids.ts';
import { hashSecret } from '#core/secrets.ts';
import { reading, type WebDeps } from './deps.ts';

export interface SignedIn {
  readonly community: CommunityId;
  readonly userId: string;
  readonly displayName: string;
  /** The cookie's secret (to end this session) and the CSRF token every form of this session carries. */
  readonly token: string;
  readonly csrf: string;
}

const secure = (deps: WebDeps) => deps.publicUrl.startsWith('https:');

/** `__Host-` makes the browser refuse the cookie unless it is Secure, host-only and for the whole site. */
export function cookieName(deps: WebDeps): string {
  return secure(deps) ? '__Host-hallway_session' : 'hallway_session';
}

export function csrfFor(sessionToken: string): string {
  return hashSecret(`csrf:${sessionToken}`);
}

export function setSessionCookie(c: Context, deps: WebDeps, token: string): void {
  setCookie(c, cookieName(deps), token, {
    path: '/',
    httpOnly: true,
    sameSite: 'Strict',
    secure: secure(deps),
    maxAge: SESSION_TTL_MS / 1000,
  });
}

export function clearSessionCookie(c: Context, deps: WebDeps): void {
  deleteCookie(c, cookieName(deps), { path: '/', secure: secure(deps), httpOnly: true, sameSite: 'Strict' });
}

/** The signed-in manager behind this request's cookie, or undefined (no cookie, unknown, forged or expired). */
export async function signedIn(c: Context, deps: WebDeps): Promise<SignedIn | undefined> {
  const token = getCookie(c, cookieName(deps));
  if (!token) return undefined;
  return reading(deps, async (r) => {
    const session = await currentSession(r.dashboard, token, deps.clock.now());
    if (!session) return undefined;
    const member = await r.core.members.get(session.community, session.userId);
    return {
      community: session.community,
      userId: session.userId,
      displayName: member?.displayName ?? session.userId,
      token,
      csrf: csrfFor(token),
    };
  });
}

/**
 * The request comes from a page of ours: its Origin is ours (or the public URL's), or the browser says same-origin.
 * Our pages send no referrer (`Referrer-Policy: no-referrer`), and with that policy browsers send `Origin: null` on
 * their own forms' POSTs (Fetch standard, "serializing a request origin"): then only `Sec-Fetch-Site`, which pages
 * cannot set, tells ours from another site's (a sandboxed frame elsewhere also sends `null`, but as cross-site).
 */
export function fromOurOrigin(c: Context, deps: WebDeps): boolean {
  const origin = c.req.header('origin');
  if (origin && origin !== 'null')
    return origin === new URL(deps.publicUrl).origin || origin === new URL(c.req.url).origin;
  return c.req.header('sec-fetch-site') === 'same-origin';
}

/** The form's CSRF token is this session's. */
export function validCsrf(given: unknown, session: SignedIn): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(session.csrf);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * A navigation from another site carries no Strict cookie, even for a signed-in manager: answer it with a page of
 * ours that loads the same address again (that second request is same-site, so the cookie comes along).
 */
export function arriving(c: Context): boolean {
  return c.req.method === 'GET' && c.req.header('sec-fetch-site') === 'cross-site';
}
