/**
 * The dashboard's web surface as the process serves it (`createWebApp` on `createWebServer`), on a free port of the
 * loopback, over a TestBot's database and fake clock: a `/hallway dashboard` run through the bot DMs links that
 * this server answers. And a pretend chat client on another site, whose page holds a DM's link as Slack and Discord
 * show it (a new tab, no referrer), so that a test opens the link the way a manager does.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Hono } from 'hono';
import { createWebApp, createWebServer, type WebServer } from '../../src/app/web/app.ts';
import { silentLogger } from '#core/ports/logger.ts';
import { toPlain } from '#core/text.ts';
import { CHAT_HOST } from './browser.ts';
import { type BotOptions, TestBot } from './test-bot.ts';

export interface DashboardWeb {
  readonly bot: TestBot;
  /** The dashboard's origin, also HALLWAY_PUBLIC_URL: `http://127.0.0.1:<port>`. */
  readonly url: string;
  readonly server: WebServer;
  close(): Promise<void>;
}

export async function serveDashboard(options: Omit<BotOptions, 'publicUrl'> = {}): Promise<DashboardWeb> {
  // The public URL must name the port, which is known once listening: the app is plugged in right after.
  let app: Hono | undefined;
  const server = createWebServer((request) => app!.fetch(request), silentLogger);
  await server.listen(0, '127.0.0.1');
  const url = `http://127.0.0.1:${server.port}`;
  const bot = await TestBot.create({ ...options, publicUrl: url });
  app = createWebApp({ ...bot.deps, dispatch: (event) => bot.dispatch(event) });
  return { bot, url, server, close: () => server.close() };
}

/** The address in the newest DM to `userId` that holds a sign-in link. */
export function signInLink(bot: TestBot, userId: string, community = bot.community): string {
  const texts = bot.sent
    .filter((d) => d.kind === 'dm' && d.to.includes(userId) && d.community === community)
    .map((d) => toPlain(d.reply.text));
  const link = texts
    .reverse()
    .map((t) => /(https?:\/\/\S+\/signin\/[\w-]+)/.exec(t)?.[1])
    .find(Boolean);
  if (!link) throw new Error(`no sign-in link was DMed to ${userId}`);
  return link;
}

export interface ChatPage {
  /** The page's address, on another site than the dashboard: it shows `links` as a DM would, then `more` HTML. */
  page(links: readonly string[], more?: string): string;
  close(): Promise<void>;
}

/** A tiny server for the pretend chat client's pages. */
export async function serveChat(): Promise<ChatPage> {
  const pages = new Map<string, string>();
  const server = createServer((req, res) => {
    const body = pages.get(req.url ?? '');
    res.writeHead(body ? 200 : 404, { 'Content-Type': 'text/html; charset=utf-8' }).end(body ?? 'not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    page(links, more = '') {
      const path = `/dm/${pages.size}`;
      const items = links.map(
        (href, i) => `<li><a id="link-${i}" href="${href}" target="_blank" rel="noopener noreferrer">${href}</a></li>`,
      );
      pages.set(path, `<!doctype html><title>Chat</title><ul>${items.join('')}</ul>${more}`);
      return `http://${CHAT_HOST}:${port}${path}`;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
