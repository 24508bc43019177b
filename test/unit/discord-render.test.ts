import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderButtons, renderMessage, renderModal } from '../../adapters/discord/render.ts';
import type { Button, Reply } from '#core/reply.ts';
import { fmt } from '#core/text.ts';
import { checkMessage, checkModal } from '../support/fake-discord-limits.ts';

/** The rendered message as the API body discord.js sends, checked against Discord's limits. */
function problems(reply: Reply): string[] {
  const m = renderMessage(reply, { allowEphemeral: true });
  return checkMessage(
    { content: m.content, embeds: m.embeds, components: m.components, allowed_mentions: m.allowedMentions },
    { files: m.files?.length },
  );
}

const USER = '80351110224678912';
const at = new Date('2026-11-20T18:00:00Z');
const unix = at.getTime() / 1000;

describe('renderMessage', () => {
  it('renders a plain reply as ephemeral content that pings nobody', () => {
    const m = renderMessage({ text: 'Saved.' }, { allowEphemeral: true });
    expect(m).toMatchObject({ content: 'Saved.', embeds: [], components: [], flags: 64 });
    expect(m.allowedMentions).toEqual({ parse: [], users: [] });
  });

  it('is public for channel replies, and never ephemeral outside interactions', () => {
    expect(renderMessage({ text: 'x', visibility: 'channel' }, { allowEphemeral: true }).flags).toBe(0);
    expect(renderMessage({ text: 'x' }).flags).toBe(0);
  });

  it('turns tokens into Discord markup', () => {
    const text = [
      fmt.bold('Zine night'),
      fmt.italic('soon'),
      fmt.user(USER),
      fmt.channel('80351110224678913'),
      fmt.link('https://hallway.example/m/1', 'details'),
      fmt.date(at, 'full', 'Fri 20 Nov 19:00'),
      fmt.date(at, 'relative', 'in 2 days'),
      fmt.date(at, 'date', '20 Nov'),
      fmt.date(at, 'time', '19:00'),
    ].join(' ');
    expect(renderMessage({ text }).content).toBe(
      `**Zine night** *soon* <@${USER}> <#80351110224678913> [details](<https://hallway.example/m/1>) ` +
        `<t:${unix}:F> <t:${unix}:R> <t:${unix}:d> <t:${unix}:t>`,
    );
  });

  it('shows member text as typed: mass mentions broken, markdown and mention syntax escaped', () => {
    const content = renderMessage({ text: `@everyone @here **loud** [bank](https://evil.example) <@${USER}>` })
      .content!;
    expect(content).not.toMatch(/@everyone|@here/);
    expect(content).toContain('@\u200Beveryone');
    expect(content).toContain('\\*\\*loud\\*\\*');
    expect(content).toContain('\\[bank\\]');
    expect(content).toContain(`\\<@${USER}\\>`);
  });

  it('leaves bare links clickable', () => {
    expect(renderMessage({ text: 'see https://example.com/a_b_c now' }).content).toBe(
      'see https://example.com/a_b_c now',
    );
  });

  it('pings only the users the reply names, from the content even when it uses an embed', () => {
    const m = renderMessage({ text: `Meet ${fmt.user(USER)}`, title: 'Your match', mentions: [USER] });
    expect(m.allowedMentions).toEqual({ parse: [], users: [USER] });
    expect(m.content).toBe(`<@${USER}>`);
    expect(m.embeds[0]?.description).toBe(`Meet <@${USER}>`);
  });

  it('puts title, sections, fields and context into one embed', () => {
    const m = renderMessage({
      text: 'Friday at the loft',
      title: 'Zine night',
      sections: [{ text: 'Bring paper', fields: [{ label: 'Where', value: 'Loft' }] }],
      context: 'Hosted by Mia',
    });
    expect(m.content).toBeUndefined();
    expect(m.embeds).toEqual([
      {
        title: 'Zine night',
        description: 'Friday at the loft\n-# Hosted by Mia',
        fields: [
          { name: '\u200B', value: 'Bring paper' },
          { name: 'Where', value: 'Loft', inline: true },
        ],
      },
    ]);
  });

  it('cuts long text to the limits without breaking a token', () => {
    const long = Array.from({ length: 400 }, () => fmt.date(at, 'full', 'x')).join(' ');
    const content = renderMessage({ text: long }).content!;
    expect(content.length).toBeLessThanOrEqual(2000);
    expect(content.endsWith('…')).toBe(true);
    expect(content.replace(/<t:\d+:F>/g, '')).not.toContain('<');
    const embed = renderMessage({ text: 'y'.repeat(9000), title: 't' }).embeds[0]!;
    expect(embed.description!.length).toBeLessThanOrEqual(4096);
  });

  it('keeps 25 fields and the 6000-character embed budget', () => {
    const fields = Array.from({ length: 40 }, (_, i) => ({ label: `F${i}`, value: 'v'.repeat(1500) }));
    const m = renderMessage({ text: 'z'.repeat(5000), title: 'T'.repeat(300), sections: [{ fields }] });
    expect(m.embeds[0]!.fields!.length).toBeLessThanOrEqual(25);
    expect(m.embeds[0]!.title!.length).toBeLessThanOrEqual(256);
    expect(problems({ text: 'z'.repeat(5000), title: 'T'.repeat(300), sections: [{ fields }] })).toEqual([]);
  });

  it('attaches a file', () => {
    const m = renderMessage({
      text: 'Add it',
      files: [{ name: 'meetup.ics', content: 'BEGIN:VCALENDAR', mimeType: 'text/calendar' }],
    });
    expect(m.files?.[0]?.name).toBe('meetup.ics');
    expect(m.files?.[0]?.attachment.toString()).toBe('BEGIN:VCALENDAR');
    expect(m.moreFiles).toBeUndefined();
  });

  it('attaches ten files to the message and keeps the rest for follow-ups', () => {
    const files = Array.from({ length: 14 }, (_, i) => ({ name: `t${i}.csv`, content: 'a,b', mimeType: 'text/csv' }));
    const m = renderMessage({ text: 'Export', files });
    expect(m.files?.map((f) => f.name)).toEqual(files.slice(0, 10).map((f) => f.name));
    expect(m.moreFiles?.map((chunk) => chunk.map((f) => f.name))).toEqual([files.slice(10).map((f) => f.name)]);
  });

  it('is checked by limits that do refuse what Discord refuses', () => {
    expect(checkMessage({ content: 'x'.repeat(2001) })).not.toEqual([]);
    expect(checkMessage({ content: '' })).not.toEqual([]);
    const six = Array.from({ length: 6 }, (_, i) => ({ type: 2, style: 2, label: 'b', custom_id: `a|${i}` }));
    expect(checkMessage({ content: 'x', components: [{ type: 1, components: six }] })).not.toEqual([]);
    expect(checkMessage({ embeds: [{ description: 'd'.repeat(4097) }] })).not.toEqual([]);
    expect(checkMessage({ content: 'x', allowed_mentions: { parse: ['users'], users: [USER] } })).not.toEqual([]);
  });

  it('never produces a payload Discord refuses (property)', () => {
    const str = fc.string({ unit: 'grapheme', maxLength: 3000 });
    const reply = fc.record(
      {
        text: str,
        title: str,
        context: str,
        sections: fc.array(
          fc.record({ text: str, fields: fc.array(fc.record({ label: str, value: str }), { maxLength: 12 }) }),
          { maxLength: 4 },
        ),
        buttons: fc.array(
          fc.record({
            label: str,
            action: fc.stringMatching(/^[a-z][a-z.]{0,39}$/),
            value: fc.string({ maxLength: 80 }),
          }),
          { maxLength: 30 },
        ),
        mentions: fc.array(fc.stringMatching(/^\d{17,19}$/), { maxLength: 120 }),
      },
      { requiredKeys: ['text'] },
    );
    fc.assert(
      fc.property(reply, (r) => {
        expect(problems(r)).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });
});

describe('renderButtons', () => {
  const button = (i: number, extra: Partial<Button> = {}): Button => ({
    label: `B${i}`,
    action: 'meetup.rsvp',
    value: String(i),
    ...extra,
  });

  it('lays buttons out five to a row, five rows at most', () => {
    expect(renderButtons([1, 2, 3, 4, 5, 6, 7].map((i) => button(i))).map((r) => r.components.length)).toEqual([5, 2]);
    expect(renderButtons(Array.from({ length: 30 }, (_, i) => button(i))).map((r) => r.components.length)).toEqual([
      5, 5, 5, 5, 5,
    ]);
  });

  it('maps styles and custom ids, and leaves out repeats and ids over 100 characters', () => {
    const [row] = renderButtons([
      button(1, { style: 'primary' }),
      button(1),
      button(2, { style: 'danger', label: 'L'.repeat(200) }),
      button(3, { value: 'v'.repeat(120) }),
    ]);
    expect(row!.components.map((b) => [b.custom_id, b.style])).toEqual([
      ['meetup.rsvp|1', 1],
      ['meetup.rsvp|2', 4],
    ]);
    expect(row!.components[1]!.label!.length).toBe(80);
  });

  it('carries the guild in DMs so the click finds its community', () => {
    expect(renderButtons([button(1)], '123456789012345678')[0]!.components[0]!.custom_id).toBe(
      '123456789012345678/meetup.rsvp|1',
    );
  });
});

describe('renderModal', () => {
  it('renders a form as a modal within Discord limits', () => {
    const modal = renderModal({
      formId: 'intro',
      title: 'Introduce yourself to the whole loft, please',
      submitLabel: 'Save',
      meta: '42',
      fields: [
        { id: 'bio', label: 'About you', kind: 'long', required: true, maxLength: 9000, initial: 'hi' },
        { id: 'site', label: 'Website', kind: 'short', required: false, placeholder: 'https://…' },
        ...['a', 'b', 'c', 'd'].map((id) => ({ id, label: id, kind: 'short' as const, required: false })),
      ],
    })!;
    expect(modal.custom_id).toBe('form|intro|42');
    expect(modal.title.length).toBeLessThanOrEqual(45);
    expect(modal.components).toHaveLength(5);
    const rows = modal.components as unknown as { components: Record<string, unknown>[] }[];
    const [bio, site] = rows.map((r) => r.components[0]);
    expect(bio).toMatchObject({ custom_id: 'bio', style: 2, required: true, max_length: 4000, value: 'hi' });
    expect(site).toMatchObject({ custom_id: 'site', style: 1, required: false, placeholder: 'https://…' });
    expect(checkModal(modal as unknown as Record<string, unknown>)).toEqual([]);
  });

  it('refuses a form whose id and meta cannot fit a custom id', () => {
    expect(
      renderModal({ formId: 'f', title: 't', submitLabel: 's', fields: [], meta: 'm'.repeat(100) }),
    ).toBeUndefined();
  });
});
