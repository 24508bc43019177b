/**
 * The signed-in dashboard: its pages, each table as CSV, the pages' buttons (run as the manager's actions through
 * the core, like a click in the chat), and signing out. A page reads only the session's community.
 */
import type { Context, Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { closeSession, type PageDef, PAGES, tablesOf, toCsv, WEB_ACTIONS } from '../../../commands/dashboard/index.ts';
import { toPlain } from '#core/text.ts';
import { arriving, clearSessionCookie, fromOurOrigin, type SignedIn, signedIn, validCsrf } from './auth.ts';
import { reading, type WebDeps } from './deps.ts';
import { signedIn as frame } from './layout.ts';
import * as notices from './notices.ts';
import { renderPage } from './render.ts';

const FLASH = 'hallway_flash';

function build(deps: WebDeps, page: PageDef, session: SignedIn) {
  return reading(deps, async (r) =>
    page.build({ store: r.dashboard, community: await r.community(session.community), now: deps.clock.now() }),
  );
}

/** Signed out: a page of ours that tries again (from another site), or the way to get a link. */
function unauthenticated(c: Context) {
  if (arriving(c)) return c.html(notices.arriving(c.req.path).text, 200);
  return c.html(notices.notSignedIn().text, 401);
}

/** A one-time message for the next page (after a POST, which redirects). */
function takeFlash(c: Context): string | undefined {
  const text = getCookie(c, FLASH);
  if (text === undefined) return undefined;
  deleteCookie(c, FLASH, { path: '/' });
  return text;
}

async function runAction(c: Context, deps: WebDeps, session: SignedIn, action: string, value: string) {
  const reply = await deps.dispatch({
    kind: 'action',
    // The session was opened from a manager's `/hallway dashboard`; the action checks it is a manager's too.
    actor: {
      community: session.community,
      userId: session.userId,
      displayName: session.displayName,
      isPlatformAdmin: true,
    },
    action,
    value,
  });
  const text = reply ? toPlain(reply.text, () => 'a member') : 'Done.';
  setCookie(c, FLASH, text, { path: '/', httpOnly: true, sameSite: 'Strict', maxAge: 60 });
}

export function pageRoutes(app: Hono, deps: WebDeps): void {
  app.get('/', (c) => c.redirect('/pulse', 303));

  app.get('/csv/:slug/:file', async (c) => {
    const page = PAGES.find((p) => p.slug === c.req.param('slug'));
    const id = /^(.+)\.csv$/.exec(c.req.param('file'))?.[1];
    if (!page || !id) return c.html(notices.notFound().text, 404);
    const session = await signedIn(c, deps);
    if (!session) return unauthenticated(c);
    const table = tablesOf(await build(deps, page, session)).find((t) => t.id === id);
    if (!table) return c.html(notices.notFound().text, 404);
    return c.body(toCsv(table), 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="hallway-${page.slug}-${table.id}.csv"`,
    });
  });

  app.post('/actions/:action', async (c) => {
    const session = await signedIn(c, deps);
    const form = await c.req.parseBody();
    if (!fromOurOrigin(c, deps) || !session || !validCsrf(form._csrf, session))
      return c.html(notices.refused().text, 403);
    const action = c.req.param('action');
    const value = typeof form.value === 'string' ? form.value : '';
    if (!WEB_ACTIONS.has(action) || value.length === 0 || value.length > 200)
      return c.html(notices.notFound().text, 404);
    await runAction(c, deps, session, action, value);
    const back = PAGES.find((p) => p.slug === form.back)?.slug ?? 'pulse';
    return c.redirect(`/${back}`, 303);
  });

  app.post('/signout', async (c) => {
    const session = await signedIn(c, deps);
    const form = await c.req.parseBody();
    if (!session) return c.html(notices.signedOut().text, 200);
    if (!fromOurOrigin(c, deps) || !validCsrf(form._csrf, session)) return c.html(notices.refused().text, 403);
    await reading(deps, (r) => closeSession(r.dashboard, session.community, session.token));
    clearSessionCookie(c, deps);
    return c.html(notices.signedOut().text, 200);
  });

  app.get('/:slug', async (c) => {
    const page = PAGES.find((p) => p.slug === c.req.param('slug'));
    if (!page) return c.html(notices.notFound().text, 404);
    const session = await signedIn(c, deps);
    if (!session) return unauthenticated(c);
    const built = await build(deps, page, session);
    const body = renderPage(built, session.csrf);
    const view = {
      pages: PAGES,
      current: page.slug,
      manager: session.displayName,
      community: session.community,
      csrf: session.csrf,
    };
    return c.html(frame(view, built.title, body, takeFlash(c)).text);
  });
}
