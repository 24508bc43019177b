/** A section with more fields than Slack allows in one block keeps them all, in further sections, in order. */
import { describe, expect, it } from 'vitest';
import { renderMessage } from '../../adapters/slack/render.ts';
import type { Reply } from '#core/reply.ts';
import { blockKitProblems } from '../support/block-kit-limits.ts';

describe('Slack sections with many fields', () => {
  it('splits 23 fields into sections of 10, 10 and 3, the text in the first', () => {
    const fields = Array.from({ length: 23 }, (_, i) => ({ label: `L${i}`, value: `v${i}` }));
    const reply: Reply = { text: 'Stats', sections: [{ text: 'Figures', fields }] };
    const { blocks } = renderMessage(reply);
    const sections = blocks.filter((b) => b.type === 'section' && 'fields' in b && b.fields);
    expect(sections.map((b) => ('fields' in b ? b.fields?.length : 0))).toEqual([10, 10, 3]);
    expect(JSON.stringify(sections[0])).toContain('"text":{"type":"mrkdwn","text":"Figures"}');
    const texts = sections.flatMap((b) => ('fields' in b ? (b.fields ?? []).map((f) => f.text) : []));
    expect(texts).toEqual(fields.map((f) => `*${f.label}*\n${f.value}`));
    expect(blockKitProblems(blocks, 'message')).toEqual([]);
  });
});
