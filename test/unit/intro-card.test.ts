import { describe, expect, it } from 'vitest';
import { introCard, profileReply } from '../../commands/introductions/card.ts';
import { aboutForm, moreForm, rejectForm, reviewEditForm } from '../../commands/introductions/forms.ts';
import { INTRO_SETTINGS } from '../../commands/introductions/settings.ts';
import type { IntroFields } from '../../commands/introductions/store.ts';
import { parseSettings, settingsOf } from '#core/settings.ts';
import { segments, toPlain } from '#core/text.ts';

const fields: IntroFields = {
  role: '@everyone <!channel>',
  workingOn: 'A zine',
  links: ['https://ana.example'],
  pronouns: 'she/her',
  answers: [{ question: 'Reading?', answer: 'Ways of Seeing' }],
};
const skill = (name: string) => ({ skill: name, term: name, addedAt: new Date(0) });

describe('introCard', () => {
  const card = introCard({ userId: 'ana', fields, offers: [skill('photography')], needs: [] }, [
    { userId: 'bob', offers: [], needs: ['photography'] },
  ]);
  const plain = [
    card.text,
    ...(card.sections ?? []).flatMap((s) => [s.text ?? '', ...(s.fields ?? []).map((f) => `${f.label}: ${f.value}`)]),
  ]
    .map((t) => toPlain(t))
    .join('\n');

  it('pings only the member introduced, whatever their answers say', () => {
    expect(card.mentions).toEqual(['ana']);
    expect(plain).toContain('What they do: @everyone <!channel>');
  });

  it('names neighbours with the reason, as member tokens', () => {
    expect(plain).toContain('• @bob — is looking for photography, which @ana offers');
    const users = (card.sections ?? []).flatMap((s) => segments(s.text ?? '')).filter((s) => s.kind === 'user');
    expect(users.map((u) => (u.kind === 'user' ? u.userId : ''))).toEqual(['bob', 'ana']);
  });

  it('leaves out empty answers and links as link tokens', () => {
    expect(plain).not.toContain('Looking for');
    expect(plain).toContain('Reading?: Ways of Seeing');
    const links = (card.sections ?? []).flatMap((s) => (s.fields ?? []).flatMap((f) => segments(f.value)));
    expect(links.filter((s) => s.kind === 'link')).toEqual([
      { kind: 'link', url: 'https://ana.example', label: 'https://ana.example' },
    ]);
  });

  it('has no "you might want to meet" without neighbours', () => {
    const alone = introCard({ userId: 'ana', fields, offers: [], needs: [] }, []);
    expect(JSON.stringify(alone)).not.toContain('might want to meet');
    expect(profileReply({ userId: 'ana', fields, offers: [], needs: [] }, []).mentions).toBeUndefined();
  });
});

describe('forms', () => {
  const stored = {
    'intro-question-1': 'What is the one tool you could not work without, and why is it that one?',
    'intro-question-3': 'Dream collaboration?',
  };
  const settings = settingsOf({ settings: parseSettings(INTRO_SETTINGS, stored) }, INTRO_SETTINGS);
  const forms = [
    aboutForm(fields, [skill('photography')], []),
    moreForm(fields, settings),
    reviewEditForm(fields, 'ana:1'),
    rejectForm('ana:1'),
  ];

  it('keep to the platform limits: ≤ 5 fields, titles ≤ 24, labels ≤ 45, placeholders ≤ 100', () => {
    for (const form of forms) {
      expect(form.fields.length).toBeLessThanOrEqual(5);
      expect(form.title.length).toBeLessThanOrEqual(24);
      for (const f of form.fields) {
        expect(Array.from(f.label).length).toBeLessThanOrEqual(45);
        expect(Array.from(f.placeholder ?? '').length).toBeLessThanOrEqual(100);
        expect(Array.from(f.initial ?? '').length).toBeLessThanOrEqual(f.maxLength ?? Infinity);
      }
    }
  });

  it('ask the custom questions that are set, prefilled with earlier answers to the same question', () => {
    const more = moreForm({ ...fields, answers: [{ question: 'Dream collaboration?', answer: 'A choir' }] }, settings);
    expect(more.fields.map((f) => f.id)).toEqual(['pronouns', 'fun_fact', 'q1', 'q3']);
    expect(more.fields.find((f) => f.id === 'q3')?.initial).toBe('A choir');
    expect(more.fields.find((f) => f.id === 'q1')?.label).toMatch(/…$/);
  });

  it('prefill the first form with the intro and skills', () => {
    const about = forms[0]!;
    expect(Object.fromEntries(about.fields.map((f) => [f.id, f.initial]))).toMatchObject({
      role: fields.role,
      offers: 'photography',
      needs: undefined,
      links: 'https://ana.example',
    });
  });
});
