/** The HTML document around every page: the signed-in header and navigation, or a plain notice. */
import type { PageDef } from '../../../commands/dashboard/index.ts';
import { type Html, html } from './html.ts';

/** The signed-in frame: who, which community, the pages, and a sign-out button (a POST with its CSRF token). */
export interface Frame {
  readonly pages: readonly PageDef[];
  readonly current?: string;
  readonly manager: string;
  readonly community: string;
  readonly csrf: string;
}

function document(title: string, body: Html, head: Html = html``): Html {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${title} · Hallway</title>
<link rel="stylesheet" href="/assets/dashboard.css">
${head}
</head>
<body>
${body}
</body>
</html>`;
}

export function signedIn(frame: Frame, title: string, main: Html, flash?: string): Html {
  const nav = frame.pages.map(
    (p) =>
      html`<li><a href="/${p.slug}"${p.slug === frame.current ? html` aria-current="page"` : ''}>${p.title}</a></li>`,
  );
  return document(
    title,
    html`<header class="top"><span class="brand">Hallway dashboard</span>
<span class="who"><span>${frame.manager} · <code>${frame.community}</code></span>
<form class="inline" method="post" action="/signout"><input type="hidden" name="_csrf" value="${frame.csrf}"><button class="quiet" type="submit">Sign out</button></form></span></header>
<nav class="pages" aria-label="Dashboard pages"><ul>${nav}</ul></nav>
<main>${flash ? html`<p class="flash" role="status">${flash}</p>` : ''}${main}</main>`,
  );
}

/** A page with one message and what to do next (signed out, a used link, not found). */
export function notice(title: string, body: Html, head: Html = html``): Html {
  return document(title, html`<main><div class="notice"><h1>${title}</h1>${body}</div></main>`, head);
}
