/**
 * The web surface of the bot process: the managers' dashboard (sign-in, pages, CSV, its buttons) and members'
 * calendar feeds, as a Hono app. Pages are drawn on the server — HTML and SVG, one stylesheet, no script — and
 * nothing is loaded from anywhere else (the Content-Security-Policy says so).
 */
import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import { STYLESHEET } from './assets.ts';
import { calendarRoutes } from './calendar.routes.ts';
import type { WebDeps } from './deps.ts';
import { failed, notFound } from './notices.ts';
import { pageRoutes } from './pages.routes.ts';
import { signInRoutes } from './signin.routes.ts';

const CSP = [
  "default-src 'none'",
  "style-src 'self'",
  "img-src 'self' data:",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join('; ');

export function createWebApp(deps: WebDeps): Hono {
  const app = new Hono();
  app.use('*', async (c, next) => {
    await next();
    c.header('Content-Security-Policy', CSP);
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('X-Frame-Options', 'DENY');
    // Sign-in links carry their secret in the address: it must never travel on as a Referer.
    c.header('Referrer-Policy', 'no-referrer');
    c.header('Cross-Origin-Opener-Policy', 'same-origin');
    if (!c.res.headers.has('Cache-Control')) c.header('Cache-Control', 'no-store');
  });
  app.get('/assets/dashboard.css', (c) =>
    c.body(STYLESHEET, 200, { 'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': 'public, max-age=3600' }),
  );
  app.get('/favicon.ico', (c) => c.body(null, 204));
  signInRoutes(app, deps);
  calendarRoutes(app, deps);
  pageRoutes(app, deps);
  app.notFound((c) => c.html(notFound().text, 404));
  app.onError((error, c) => {
    const code = randomUUID().slice(0, 8);
    deps.log.error({ err: error, correlationId: code, path: c.req.path }, 'web request failed');
    return c.html(failed(code).text, 500);
  });
  return app;
}

export { createWebServer, type WebServer } from './server.ts';
export type { WebDeps } from './deps.ts';
