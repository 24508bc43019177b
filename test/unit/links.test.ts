/** One rule for member links, wherever they are given. */
import { describe, expect, it } from 'vitest';
import { checkLink } from '../../commands/feedback/request.ts';
import { parseLinks } from '../../commands/introductions/clean.ts';
import { checkWebLink } from '#core/links.ts';

const DISGUISED = [
  'https://paypal.com@evil.example',
  'https://user:pass@evil.example/x',
  'javascript:alert(1)',
  'ftp://files.example',
  'https://portfolio',
  'www.example.com',
];

describe('member links', () => {
  it('refuses disguised and non-web links in intros, feedback requests and the shared rule alike', () => {
    for (const link of DISGUISED) {
      expect(() => checkWebLink(link, 500), link).toThrow(/not a web link/);
      expect(() => checkLink(link), `feedback ${link}`).toThrow(/not a web link/);
      expect(() => parseLinks(link), `intro ${link}`).toThrow(/not a web link/);
    }
  });

  it('takes ordinary http(s) links as typed', () => {
    expect(checkWebLink(' https://mia.example/portfolio?x=1 ', 500)).toBe('https://mia.example/portfolio?x=1');
    expect(checkLink('http://zine.example/draft.pdf')).toBe('http://zine.example/draft.pdf');
    expect(() => checkWebLink(`https://x.example/${'a'.repeat(600)}`, 500)).toThrow(/longer than 500/);
  });
});
