/**
 * Secrets carried by links (a sign-in link, a calendar feed address): 256 random bits, URL-safe. The database keeps
 * only their SHA-256, so a copy of the database (a backup, a leaked dump) opens nothing; the link itself is shown
 * once, to the member it is for.
 */
import { createHash, randomBytes } from 'node:crypto';

/** A new secret for a link and the hash to store in its place. */
export function newSecret(): { readonly token: string; readonly hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashSecret(token) };
}

/** The SHA-256 of a secret, in hex: what is stored and looked up. */
export function hashSecret(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Whether text looks like a secret this module made (43 URL-safe characters): cheap to refuse junk early. */
export function isSecretShaped(text: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(text);
}
