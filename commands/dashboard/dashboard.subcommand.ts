/**
 * `/hallway dashboard`: a manager gets a one-time sign-in link to the web dashboard by DM; `sign-out-all` ends every
 * dashboard session of the community (a lost laptop, a manager who stepped down).
 */
import { z } from 'zod';
import { opt } from '#core/options.ts';
import type { Reply } from '#core/reply.ts';
import { fmt } from '#core/text.ts';
import { issueSignIn, SESSION_TTL_MS, SIGN_IN_TTL_MS, signInUrl } from './access.ts';
import { type Context, defineSubcommand } from './kit.ts';

const minutes = SIGN_IN_TTL_MS / 60_000;
const hours = SESSION_TTL_MS / 3_600_000;

async function sendLink(ctx: Context): Promise<Reply> {
  const { id: community } = ctx.community;
  const { token, hash } = await issueSignIn(ctx.store, community, ctx.actor.userId, ctx.now);
  const url = signInUrl(ctx.publicUrl, token);
  ctx.notify.dm(
    community,
    ctx.actor.userId,
    {
      title: 'Your dashboard sign-in link',
      text: `${fmt.link(url, 'Open the community dashboard')}\nThe link works once, within ${minutes} minutes, and signs you in for ${hours} hours in the browser you open it in.`,
      context: `Did not ask for it? Ignore it. ${fmt.code('/hallway dashboard sign-out-all')} ends every dashboard session.`,
      mentions: [],
    },
    // A hash prefix: unique per link, and not the secret itself.
    { key: `dashboard-sign-in:${hash.slice(0, 32)}` },
  );
  return { text: `I sent you a sign-in link by DM. It works once, within ${minutes} minutes.` };
}

export const dashboardSubcommand = defineSubcommand({
  description: 'The web dashboard: a sign-in link by DM, or sign-out-all (managers)',
  examples: ['', 'sign-out-all'],
  admin: true,
  args: z.object({
    action: opt.choice('sign-out-all: end every dashboard session of this community', ['sign-out-all']).optional(),
  }),
  async run({ action }, ctx) {
    if (action !== 'sign-out-all') return sendLink(ctx);
    const ended = await ctx.store.endAllSessions(ctx.community.id);
    return {
      text: `Signed out everywhere: ${ended} dashboard session(s) ended, and unused sign-in links no longer work.`,
    };
  },
});
