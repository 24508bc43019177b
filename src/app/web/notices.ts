/** The dashboard's one-message pages: signing in, links that no longer work, signed out, not found. */
import type { LinkProblem } from '../../../commands/dashboard/index.ts';
import { type Html, html } from './html.ts';
import { notice } from './layout.ts';

const GET_A_LINK = html`<p>Ask for a new link in the chat: <code>/hallway dashboard</code> (community managers only). It comes by direct message and works once, within 15 minutes.</p>`;

/** The page the DM's link opens: nothing happens until the manager presses the button (link previews press nothing). */
export function confirmSignIn(manager: string, community: string, token: string): Html {
  return notice(
    'Sign in to the dashboard',
    html`<p>You are signing in as <strong>${manager}</strong> to the dashboard of <code>${community}</code>, for 12 hours in this browser.</p>
<form method="post" action="/signin"><input type="hidden" name="token" value="${token}"><button type="submit">Open the dashboard</button></form>`,
  );
}

const PROBLEMS: Record<LinkProblem, { title: string; text: string }> = {
  used: {
    title: 'This link has already been used',
    text: 'Each sign-in link works once. If you opened the dashboard with it in this browser, it is still open.',
  },
  expired: {
    title: 'This link has expired',
    text: 'Sign-in links work for 15 minutes after they are sent.',
  },
  unknown: {
    title: 'This link does not work',
    text: 'It may be incomplete (copied only in part), or the managers signed everyone out since it was sent.',
  },
};

export function linkProblem(problem: LinkProblem): Html {
  const { title, text } = PROBLEMS[problem];
  const open = problem === 'used' ? html`<p><a class="button" href="/pulse">Go to the dashboard</a></p>` : '';
  return notice(title, html`<p>${text}</p>${open}${GET_A_LINK}`);
}

export function notSignedIn(): Html {
  return notice(
    'You are not signed in',
    html`<p>The dashboard shows a community's figures to its managers only.</p>${GET_A_LINK}`,
  );
}

/** For a navigation from another site: loads the same page again from here, so the session cookie comes along. */
export function arriving(path: string): Html {
  return notice(
    'Opening the dashboard…',
    html`<p><a class="button" href="${path}">Continue to the dashboard</a></p>`,
    html`<meta http-equiv="refresh" content="0;url=${path}">`,
  );
}

export function signedOut(): Html {
  return notice('You are signed out', html`<p>This browser's session has ended.</p>${GET_A_LINK}`);
}

export function refused(): Html {
  return notice(
    'That did not come from the dashboard',
    html`<p>For your safety, the dashboard only accepts its own forms, sent from its own pages while you are signed in. Go back to the dashboard and try again.</p><p><a href="/pulse">Back to the dashboard</a></p>`,
  );
}

export function notFound(): Html {
  return notice('Nothing here', html`<p>There is no such page.</p><p><a href="/pulse">Go to the dashboard</a></p>`);
}

export function failed(code: string): Html {
  return notice(
    'Something went wrong',
    html`<p>Sorry, something went wrong on our side and nothing was changed. If it happens again, tell whoever runs Hallway this code: <code>${code}</code>.</p>`,
  );
}
