/**
 * The one rule for links members give (intro links, a feedback request's link, a resource's page): an http(s)
 * address with a real host (one with a dot), no user name or password (`https://paypal.com@evil.example` reads as
 * paypal.com but goes to evil.example), and no longer than `max`. Anything else is refused, quoting what was typed.
 */
import { UserError } from './errors.ts';

export function checkWebLink(text: string, max: number): string {
  const link = text.trim();
  const chars = Array.from(link);
  const shown = chars.length > 60 ? `${chars.slice(0, 59).join('')}…` : link;
  if (chars.length > max) throw new UserError('too_long', `The link “${shown}” is longer than ${max} characters.`);
  const invalid = new UserError(
    'invalid_input',
    `“${shown}” is not a web link: links must start with http:// or https:// and name a site.`,
  );
  if (!/^https?:\/\//i.test(link) || !URL.canParse(link)) throw invalid;
  const url = new URL(link);
  // A host without a dot ("https://portfolio") is almost always a typo; credentials in a link disguise its host.
  if (!url.hostname.includes('.') || url.username || url.password) throw invalid;
  return link;
}
