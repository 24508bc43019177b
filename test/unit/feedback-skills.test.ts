import { describe, expect, it } from 'vitest';
import { checkLink } from '../../commands/feedback/request.ts';
import { MAX_SKILLS, parseSkills, relatedTo, requestSkills, skillsInText } from '../../commands/feedback/skills.ts';
import { UserError } from '#core/errors.ts';

describe('feedback skills', () => {
  it('parses a typed list into canonical skills', () => {
    expect(parseSkills('Illustrator, page layout; zine')).toEqual(['illustration', 'layout-design', 'zines']);
    expect(parseSkills('a, b, c, d, e, f, g')).toHaveLength(MAX_SKILLS);
  });

  it('finds skills named exactly in free text, longest phrase first', () => {
    expect(skillsInText('Feedback on the page layout of my zine')).toEqual(['layout-design', 'zines']);
    expect(skillsInText('just some thoughts please')).toEqual([]);
  });

  it('uses the given skills, else the text, then the profile needs and offers', () => {
    const profile = { needs: ['typography'], offers: ['illustration'] };
    expect(requestSkills('photography', 'my zine', profile)).toEqual(['photography']);
    expect(requestSkills(undefined, 'my zine', profile)).toEqual(['zines', 'typography', 'illustration']);
    expect(requestSkills('  ', 'nothing known here', { needs: [], offers: [] })).toEqual([]);
  });

  it('lists related skills without the wanted ones', () => {
    const related = relatedTo(['layout-design', 'typography']);
    expect(related).toContain('graphic-design');
    expect(related).not.toContain('layout-design');
    expect(related).not.toContain('typography');
  });
});

describe('checkLink', () => {
  it('accepts http and https links', () => {
    expect(checkLink('https://example.org/zine')).toBe('https://example.org/zine');
    // The one link rule (src/core/links.ts) keeps the link as typed, trimmed.
    expect(checkLink(' http://example.org ')).toBe('http://example.org');
  });

  it('refuses other schemes and non-links', () => {
    for (const bad of ['javascript:alert(1)', 'file:///etc/passwd', 'example.org', 'ftp://x.org']) {
      expect(() => checkLink(bad)).toThrow(UserError);
    }
  });
});
