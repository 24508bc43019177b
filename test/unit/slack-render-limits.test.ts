/**
 * Property tests: whatever the core puts in a reply or a form (hostile member text, huge sizes, every token kind),
 * the rendered Block Kit passes the fake Slack's limit checks, which mirror Slack's own.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderMessage } from '../../adapters/slack/render.ts';
import { renderHome, renderModal, renderOutcomeModal } from '../../adapters/slack/render-view.ts';
import type { Form, Reply } from '#core/reply.ts';
import { fmt } from '#core/text.ts';
import { blockKitProblems, viewProblems } from '../support/block-kit-limits.ts';

const at = new Date('2025-03-14T18:30:00Z');

/** Arbitrary replies, including hostile member text, huge sizes and every token kind. */
const richText = fc
  .array(
    fc.oneof(
      fc.string({ maxLength: 400 }),
      fc.constantFrom('<!channel>', '&', '<@U1|x>', '>', '\u{1F600}'),
      fc.string({ maxLength: 40 }).map((s) => fmt.bold(s)),
      fc.string({ maxLength: 40 }).map((s) => fmt.link(`https://example.com/${encodeURIComponent(s)}`, s)),
      fc.constantFrom(fmt.user('U024BE7LH'), fmt.channel('C024BE91L'), fmt.date(at, 'full', 'Fri 19:30')),
    ),
    { maxLength: 30 },
  )
  .map((parts) => parts.join(''));

const arbitraryReply: fc.Arbitrary<Reply> = fc.record(
  {
    text: richText,
    title: richText,
    context: richText,
    sections: fc.array(
      fc.record({
        text: richText,
        fields: fc.array(fc.record({ label: richText, value: richText }), { maxLength: 14, size: 'max' }),
      }),
      { maxLength: 60, size: 'medium' },
    ),
    buttons: fc.array(
      fc.record({
        label: richText,
        action: fc.stringMatching(/^[a-z]{1,12}\.[a-z]{1,12}$/),
        value: fc.string({ maxLength: 2500 }),
        style: fc.constantFrom<'primary' | 'danger' | undefined>('primary', 'danger', undefined),
      }),
      { maxLength: 40, size: 'max' },
    ),
  },
  { requiredKeys: ['text'] },
);

const arbitraryForm: fc.Arbitrary<Form> = fc.record({
  formId: fc.string({ minLength: 1, maxLength: 300 }),
  title: richText,
  submitLabel: fc.string({ maxLength: 40 }),
  meta: fc.string({ maxLength: 200 }),
  fields: fc.array(
    fc.record(
      {
        id: fc.string({ maxLength: 300 }),
        label: richText,
        kind: fc.constantFrom<'short' | 'long'>('short', 'long'),
        required: fc.boolean(),
        maxLength: fc.integer({ min: -5, max: 10_000 }),
        placeholder: fc.string({ maxLength: 300 }),
        initial: fc.string({ maxLength: 4000 }),
      },
      { requiredKeys: ['id', 'label', 'kind', 'required'] },
    ),
    { maxLength: 8 },
  ),
});

describe('Block Kit limits hold for any reply', () => {
  it('messages, Home tabs and outcome modals', () => {
    fc.assert(
      fc.property(arbitraryReply, (reply) => {
        const message = renderMessage(reply);
        expect(message.text.length).toBeGreaterThan(0);
        expect(blockKitProblems(message.blocks, 'message')).toEqual([]);
        expect(viewProblems(renderHome(reply))).toEqual([]);
        expect(viewProblems(renderOutcomeModal(reply, reply.title ?? ''))).toEqual([]);
      }),
      { numRuns: 100 },
    );
  });

  it('forms', () => {
    fc.assert(
      fc.property(arbitraryForm, (form) => {
        expect(viewProblems(renderModal(form))).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });
});
