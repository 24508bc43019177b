import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { taxonomyProblems } from '../../commands/skills/index.ts';
import {
  allSkills,
  broaderSkill,
  displaySkill,
  normaliseSkill,
  parseSkillList,
  relatedSkills,
  skillLabel,
  suggestSkills,
} from '../../commands/skills/index.ts';

describe('skill taxonomy', () => {
  it('is consistent: no alias claimed twice, every relation points at a skill', () => {
    expect(taxonomyProblems()).toEqual([]);
  });

  it('holds a few hundred skills, each normalising to itself', () => {
    const skills = allSkills();
    expect(skills.length).toBeGreaterThanOrEqual(300);
    for (const skill of skills) expect(normaliseSkill(skill)).toMatchObject({ skill, known: true });
  });
});

describe('normaliseSkill', () => {
  it.each([
    ['photos', 'photography'],
    ['photo', 'photography'],
    ['Photographer', 'photography'],
    ['photographers', 'photography'],
    ['videographer', 'videography'],
    ['illustrator', 'illustration'],
    ['copywriter', 'copywriting'],
    ['layout', 'layout-design'],
    ['design work', 'design'],
    ['scripts', 'scriptwriting'],
    ['UI/UX', 'ux-design'],
    ['hair & makeup', 'hair-makeup'],
    ['Director of Photography', 'cinematography'],
    ['c++', 'cpp'],
    ['logos', 'logo-design'],
    ['sketches', 'drawing'],
    ['stories', 'storytelling'],
  ])('%s → %s', (text, skill) => {
    expect(normaliseSkill(text)).toEqual({ skill, term: text, known: true });
  });

  it('keeps the specific term of a phrase that names a known skill', () => {
    expect(normaliseSkill('Product Photography!')).toEqual({
      skill: 'photography',
      term: 'Product Photography',
      known: true,
    });
    expect(normaliseSkill('social media graphics').skill).toBe('graphic-design');
    expect(normaliseSkill('logo design for startups').skill).toBe('logo-design');
    expect(normaliseSkill('help with photos for my website').skill).toBe('photography');
  });

  it('does not read ambiguous words inside phrases ("data model" is not fashion modelling)', () => {
    expect(normaliseSkill('data model').skill).toBe('data');
    expect(normaliseSkill('model').skill).toBe('modeling');
    expect(normaliseSkill('painting classes').skill).toBe('painting');
  });

  it('keeps unknown skills as a cleaned slug of what was typed', () => {
    expect(normaliseSkill('  Bonsai   Pruning!! ')).toEqual({
      skill: 'bonsai-pruning',
      term: 'Bonsai Pruning',
      known: false,
    });
    expect(normaliseSkill('Bonsai for beginners')).toEqual({
      skill: 'bonsai',
      term: 'Bonsai for beginners',
      known: false,
    });
    expect(normaliseSkill('fotografía')).toMatchObject({ skill: 'fotografía', known: false });
  });

  it('gives an empty skill for text with no words', () => {
    for (const text of ['', '   ', '!!!', '—']) expect(normaliseSkill(text).skill).toBe('');
  });

  it('is idempotent and never throws, whatever the string', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 200 }), fc.string({ unit: 'binary', maxLength: 80 })), (text) => {
        const first = normaliseSkill(text);
        const again = normaliseSkill(first.skill);
        expect(again.skill).toBe(first.skill);
        expect(again.known).toBe(first.known);
        expect(first.skill.length).toBeLessThanOrEqual(80);
        expect(Array.from(first.term).length).toBeLessThanOrEqual(60);
      }),
      { numRuns: 1000 },
    );
  });

  it('is idempotent on phrases built from taxonomy words and fillers', () => {
    const words = ['photo', 'design', 'for', 'my', 'work', 'model', 'data', 'and', 'the', 'kiln', 'x', 'art', 'in'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...words), { maxLength: 12 }), (parts) => {
        const first = normaliseSkill(parts.join(' '));
        expect(normaliseSkill(first.skill).skill).toBe(first.skill);
      }),
    );
  });
});

describe('suggestSkills', () => {
  it.each([
    ['photgraphy', 'photography'],
    ['ilustration', 'illustration'],
    ['videografer', 'videography'],
    ['copywritting', 'copywriting'],
  ])('suggests %s → %s first', (text, skill) => {
    expect(suggestSkills(text, 3)[0]).toBe(skill);
  });

  it('keeps to the limit, returns distinct skills and nothing for nonsense', () => {
    const got = suggestSkills('design', 5);
    expect(got.length).toBeLessThanOrEqual(5);
    expect(new Set(got).size).toBe(got.length);
    expect(suggestSkills('zzqxv', 3)).toEqual([]);
    expect(suggestSkills('', 3)).toEqual([]);
  });
});

describe('relations and labels', () => {
  it('reads related skills both ways and includes the broader skill', () => {
    expect(relatedSkills('photography')).toContain('photo-editing');
    expect(relatedSkills('photo-editing')).toContain('photography');
    expect(relatedSkills('layout-design')).toContain('design');
    expect(broaderSkill('layout-design')).toBe('design');
    expect(relatedSkills('kintsugi')).toEqual([]);
  });

  it('labels known skills and spells out unknown ones', () => {
    expect(skillLabel('ux-design')).toBe('UX design');
    expect(skillLabel('kintsugi-repair')).toBe('kintsugi repair');
    expect(displaySkill('photography', 'photos')).toBe('photography');
    expect(displaySkill('photography', 'product photography')).toBe('product photography');
  });
});

describe('parseSkillList', () => {
  it('splits on commas, semicolons and "and", keeps known pairs, dedupes', () => {
    const got = parseSkillList('photography, layout design and video; logos, hair and makeup, photos,, ');
    expect(got.map((s) => s.skill)).toEqual(['photography', 'layout-design', 'video', 'logo-design', 'hair-makeup']);
  });

  it('caps the list', () => {
    const many = Array.from({ length: 50 }, (_, i) => `skill${i}`).join(', ');
    expect(parseSkillList(many)).toHaveLength(20);
    expect(parseSkillList(many, 5)).toHaveLength(5);
  });
});
