/**
 * `/signin/<token>` (the DM's link) shows who is signing in to which community, and changes nothing: link previews
 * and scanners that fetch it cannot use it up. Its button POSTs the token from our own page (a same-site request),
 * which uses the link once and sets the session cookie; the redirect that follows is same-site too, so the Strict
 * cookie is sent with it.
 */
import type { Hono } from 'hono';
import { linkState, openSession } from '../../../commands/dashboard/index.ts';
import { fromOurOrigin, setSessionCookie } from './auth.ts';
import { reading, type WebDeps } from './deps.ts';
import { confirmSignIn, linkProblem, refused } from './notices.ts';

export function signInRoutes(app: Hono, deps: WebDeps): void {
  app.get('/signin/:token', async (c) => {
    const token = c.req.param('token');
    const page = await reading(deps, async (r) => {
      const state = await linkState(r.dashboard, token, deps.clock.now());
      if (!state.ok)
        return { status: state.problem === 'unknown' ? 404 : 410, html: linkProblem(state.problem) } as const;
      const member = await r.core.members.get(state.community, state.userId);
      return { status: 200, html: confirmSignIn(member?.displayName ?? state.userId, state.community, token) } as const;
    });
    return c.html(page.html.text, page.status);
  });

  app.post('/signin', async (c) => {
    // A page of another site must not sign a browser in with a link of its own choosing (login CSRF).
    if (!fromOurOrigin(c, deps)) return c.html(refused().text, 403);
    const form = await c.req.parseBody();
    const token = typeof form.token === 'string' ? form.token : '';
    const result = await reading(deps, (r) => openSession(r.dashboard, token, deps.clock.now()));
    if (!result.ok) return c.html(linkProblem(result.problem).text, result.problem === 'unknown' ? 404 : 410);
    setSessionCookie(c, deps, result.token);
    return c.redirect('/pulse', 303);
  });
}
