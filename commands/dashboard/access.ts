/**
 * Who may see the dashboard: a manager opens a one-time link sent by DM (valid 15 minutes), which opens a session
 * for that manager's community only (12 hours). Links and sessions are bearer secrets: the store keeps their
 * SHA-256 only. The web surface calls these with the store on a transaction of its own.
 */
import type { CommunityId } from '#core/ids.ts';
import { hashSecret, isSecretShaped, newSecret } from '#core/secrets.ts';
import type { DashboardStore, SessionRecord } from './store.ts';

export const SIGN_IN_TTL_MS = 15 * 60_000;
export const SESSION_TTL_MS = 12 * 3_600_000;

/** The link a manager opens: `<public url>/signin/<token>`. */
export function signInUrl(publicUrl: string, token: string): string {
  return `${publicUrl}/signin/${token}`;
}

/** Makes a sign-in link for a manager: its token (to send them) is returned, its hash stored. */
export async function issueSignIn(
  store: DashboardStore,
  community: CommunityId,
  userId: string,
  now: Date,
): Promise<{ readonly token: string; readonly hash: string }> {
  // Housekeeping here rather than in a per-minute sweep: links and sessions that ended over a day ago go (a day, so
  // a late click still hears "expired" rather than "unknown").
  await store.deleteExpired(community, new Date(now.getTime() - 86_400_000));
  const secret = newSecret();
  const expiresAt = new Date(now.getTime() + SIGN_IN_TTL_MS);
  await store.saveSignIn(community, { userId, tokenHash: secret.hash, expiresAt }, now);
  return secret;
}

/** Why a link cannot sign anyone in. */
export type LinkProblem = 'unknown' | 'used' | 'expired';

export type LinkState =
  | { readonly ok: true; readonly community: CommunityId; readonly userId: string }
  | { readonly ok: false; readonly problem: LinkProblem };

/** What a link's token leads to at `now`, without using it (looking at a link changes nothing). */
export async function linkState(store: DashboardStore, token: string, now: Date): Promise<LinkState> {
  const link = isSecretShaped(token) ? await store.findSignIn(hashSecret(token)) : undefined;
  if (!link) return { ok: false, problem: 'unknown' };
  if (link.usedAt) return { ok: false, problem: 'used' };
  if (link.expiresAt <= now) return { ok: false, problem: 'expired' };
  return { ok: true, community: link.community, userId: link.userId };
}

/** Uses the link and opens a session: the session's token (for the cookie), or why the link cannot be used. */
export async function openSession(
  store: DashboardStore,
  token: string,
  now: Date,
): Promise<
  | { readonly ok: true; readonly token: string; readonly session: SessionRecord }
  | { readonly ok: false; readonly problem: LinkProblem }
> {
  const link = isSecretShaped(token) ? await store.useSignIn(hashSecret(token), now) : undefined;
  if (!link) {
    const state = await linkState(store, token, now);
    // Unused and unexpired a moment ago, gone now: another click took it.
    return state.ok ? { ok: false, problem: 'used' } : state;
  }
  const secret = newSecret();
  const session = {
    community: link.community,
    userId: link.userId,
    expiresAt: new Date(now.getTime() + SESSION_TTL_MS),
  };
  await store.saveSession(
    link.community,
    { userId: link.userId, tokenHash: secret.hash, expiresAt: session.expiresAt },
    now,
  );
  return { ok: true, token: secret.token, session };
}

/** The session a cookie's token stands for, unless it is unknown or expired. */
export async function currentSession(
  store: DashboardStore,
  token: string | undefined,
  now: Date,
): Promise<SessionRecord | undefined> {
  if (!token || !isSecretShaped(token)) return undefined;
  return store.findSession(hashSecret(token), now);
}

/** Ends the session a cookie's token stands for. */
export async function closeSession(store: DashboardStore, community: CommunityId, token: string): Promise<void> {
  await store.endSession(community, hashSecret(token));
}
