import { describe, expect, it } from 'vitest';
import { LIMITS } from '../../commands/introductions/clean.ts';
import { skillsCommand } from '../../commands/introductions/skills.command.ts';
import { commandSpec } from '#core/catalog.ts';
import { parseCommandText } from '#core/grammar.ts';
import { rankNeighbours } from '../../commands/introductions/neighbours.ts';
import { parseSkills, skillsText } from '../../commands/introductions/skills-input.ts';
import type { SkillOverlap } from '../../commands/introductions/store.ts';
import { MAX_SKILL_LIST_CHARS } from '../../commands/skills/index.ts';

describe('parseSkills', () => {
  it('normalises and deduplicates', () => {
    const parsed = parseSkills('Photo, photos, photographer; layout design', 'Offers');
    expect(parsed.skills.map((s) => s.skill)).toEqual(['photography', 'layout-design']);
    expect(parsed.notes).toEqual([]);
  });

  it('caps two hundred skills at the list size and says so', () => {
    const text = Array.from({ length: 200 }, (_, i) => `zq${i}x`).join(', ');
    const parsed = parseSkills(text, 'Skills you offer');
    expect(parsed.skills).toHaveLength(LIMITS.skillsPerList);
    expect(parsed.notes.join(' ')).toMatch(/kept the first 20 of the 200 skills/);
  });

  it('flags skills the vocabulary does not know', () => {
    const parsed = parseSkills('photography, glorbwrangling', 'Offers');
    expect(parsed.unknown).toEqual(['glorbwrangling']);
  });

  it('refuses a paste far too long to be a list', () => {
    expect(() => parseSkills('x'.repeat(MAX_SKILL_LIST_CHARS + 1), 'Offers')).toThrow(/far too long/);
  });

  it('shows labels, or the member term when it says more', () => {
    expect(skillsText([{ skill: 'photography', term: 'photos' }])).toBe('photography');
  });
});

describe('rankNeighbours', () => {
  const at = new Date(0);
  const row = (userId: string, kind: 'offer' | 'need', skill: string): SkillOverlap => ({
    userId,
    kind,
    skill,
    lastActiveAt: at,
  });

  it('puts two-way fits first, then more shared skills, then recency (input order)', () => {
    const ranked = rankNeighbours([
      row('recent', 'offer', 'a'),
      row('many', 'offer', 'a'),
      row('many', 'offer', 'b'),
      row('both', 'offer', 'a'),
      row('both', 'need', 'c'),
      row('last', 'need', 'c'),
    ]);
    expect(ranked.map((n) => n.userId)).toEqual(['both', 'many', 'recent']);
    expect(ranked[0]).toEqual({ userId: 'both', offers: ['a'], needs: ['c'] });
  });

  it('is empty without overlaps', () => {
    expect(rankNeighbours([])).toEqual([]);
  });
});

describe('/skills find as text', () => {
  const spec = commandSpec(skillsCommand);
  it.each([
    ['find layout design', { skill: 'layout design' }],
    ['find layout design 2', { skill: 'layout design', page: '2' }],
    ['find skill:"layout design" page:3', { skill: 'layout design', page: '3' }],
    ['find 2', { skill: '2' }],
    ['offer photography, layout design', { skills: 'photography, layout design' }],
  ])('%j', (text, values) => {
    expect(parseCommandText(spec, text).values).toEqual(values);
  });
});
