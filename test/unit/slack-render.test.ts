import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { escapeMrkdwn, toMrkdwn } from '../../adapters/slack/mrkdwn.ts';
import { renderMessage } from '../../adapters/slack/render.ts';
import { renderHome, renderModal, renderOutcomeModal } from '../../adapters/slack/render-view.ts';
import { formSubmitEvent, type ViewSubmissionBody } from '../../adapters/slack/to-inbound.ts';
import type { Button, Form, Reply } from '#core/reply.ts';
import { fmt, sanitize } from '#core/text.ts';
import { blockKitProblems, viewProblems } from '../support/block-kit-limits.ts';

const at = new Date('2025-03-14T18:30:00Z');

function json(value: unknown): string {
  return JSON.stringify(value);
}

describe('rich text to mrkdwn', () => {
  it.each([
    ['literal text is escaped', 'a < b & c > d', 'a &lt; b &amp; c &gt; d'],
    ['bold', `${fmt.bold('Zine night')} is on`, '*Zine night* is on'],
    ['italic', fmt.italic('soon'), '_soon_'],
    ['code', fmt.code('/skills offer'), '`/skills offer`'],
    ['user', `hi ${fmt.user('U024BE7LH')}`, 'hi <@U024BE7LH>'],
    ['channel', `in ${fmt.channel('C024BE91L')}`, 'in <#C024BE91L>'],
    ['link', fmt.link('https://example.com/?a=1&b=2', 'our <site>'), '<https://example.com/?a=1&b=2|our &lt;site&gt;>'],
    ['bare link', fmt.link('https://example.com'), '<https://example.com>'],
    ['unsafe link scheme is text', fmt.link('javascript:alert(1)', 'x'), 'x (javascript:alert(1))'],
    [
      'full date',
      fmt.date(at, 'full', 'Fri 14 Mar, 19:30'),
      '<!date^1741977000^{date_short_pretty} at {time}|Fri 14 Mar, 19:30>',
    ],
    ['date only', fmt.date(at, 'date', '14 Mar'), '<!date^1741977000^{date_short_pretty}|14 Mar>'],
    ['time only', fmt.date(at, 'time', '19:30'), '<!date^1741977000^{time}|19:30>'],
    ['relative', fmt.date(at, 'relative', 'in 2 hours'), '<!date^1741977000^{ago}|in 2 hours>'],
  ])('%s', (_name, rich, expected) => {
    expect(toMrkdwn(rich, 3000)).toBe(expected);
  });

  it('neutralises mass mentions and forged mentions written by members', () => {
    const member = sanitize('<!channel> <!here> <!everyone> <@U999|admin> <#C1> <https://evil.example|bank>');
    const out = toMrkdwn(`${fmt.user('U024BE7LH')} said: ${member}`, 3000);
    expect(out).toBe(
      '<@U024BE7LH> said: &lt;!channel&gt; &lt;!here&gt; &lt;!everyone&gt; &lt;@U999|admin&gt; &lt;#C1&gt; ' +
        '&lt;https://evil.example|bank&gt;',
    );
    expect(out.match(/<[!@#h]/g)).toEqual(['<@']);
  });

  it('does not let a malformed token id smuggle markup in', () => {
    expect(toMrkdwn(fmt.user('U1><!channel'), 100)).toBe('@U1&gt;&lt;!channel');
    expect(toMrkdwn(fmt.channel('C1|x><!here'), 100)).toBe('#C1|x&gt;&lt;!here');
  });

  it('cuts long text with an ellipsis and never inside an escape or a token', () => {
    const cut = toMrkdwn(`${'&'.repeat(10)}${fmt.link('https://example.com/long', 'label')}`, 48);
    expect(cut.length).toBeLessThanOrEqual(48);
    expect(cut.endsWith('…')).toBe(true);
    expect(cut).toBe(`${'&amp;'.repeat(9)}…`);
    const withLink = toMrkdwn(`${'x'.repeat(20)}${fmt.link('https://example.com/a-long-path', 'see')}`, 30);
    expect(withLink).toBe(`${'x'.repeat(20)}…`);
  });

  it('escapes exactly the three Slack markup characters', () => {
    expect(escapeMrkdwn('<&>*_~`')).toBe('&lt;&amp;&gt;*_~`');
  });
});

describe('messages', () => {
  it('renders title, text, sections with fields, context and buttons in order', () => {
    const reply: Reply = {
      title: 'Zine night',
      text: `Hosted by ${fmt.user('U1ANA')}`,
      sections: [{ text: 'Where', fields: [{ label: 'Room', value: 'Loft <2>' }] }],
      context: 'RSVP closes Friday',
      buttons: [
        { label: 'Going', action: 'meetup.rsvp', value: 'm1:yes', style: 'primary' },
        { label: 'Not going', action: 'meetup.rsvp', value: 'm1:no' },
      ],
    };
    const { text, blocks } = renderMessage(reply);
    expect(text).toBe('Hosted by <@U1ANA>');
    expect(blocks).toEqual([
      { type: 'header', text: { type: 'plain_text', text: 'Zine night' } },
      { type: 'section', text: { type: 'mrkdwn', text: 'Hosted by <@U1ANA>' } },
      {
        type: 'section',
        text: { type: 'mrkdwn', text: 'Where' },
        fields: [{ type: 'mrkdwn', text: '*Room*\nLoft &lt;2&gt;' }],
      },
      { type: 'context', elements: [{ type: 'mrkdwn', text: 'RSVP closes Friday' }] },
      {
        type: 'actions',
        elements: [
          {
            type: 'button',
            action_id: 'meetup.rsvp:0',
            text: { type: 'plain_text', text: 'Going', emoji: true },
            value: 'm1:yes',
            style: 'primary',
          },
          {
            type: 'button',
            action_id: 'meetup.rsvp:1',
            text: { type: 'plain_text', text: 'Not going', emoji: true },
            value: 'm1:no',
          },
        ],
      },
    ]);
  });

  it('keeps ten fields, cuts long texts and stays valid', () => {
    const fields = Array.from({ length: 14 }, (_, i) => ({ label: `L${i}`, value: 'v'.repeat(2500) }));
    const reply: Reply = { title: 'T'.repeat(200), text: 'x'.repeat(5000), sections: [{ fields }] };
    const { text, blocks } = renderMessage(reply);
    expect(text.length).toBeLessThanOrEqual(3000);
    const section = blocks.find((b) => b.type === 'section' && 'fields' in b && b.fields);
    expect(section && 'fields' in section ? section.fields?.length : 0).toBe(10);
    expect(blockKitProblems(blocks, 'message')).toEqual([]);
  });

  it('drops sections, not buttons, when a reply has more than 50 blocks', () => {
    const sections = Array.from({ length: 80 }, (_, i) => ({ text: `Section ${i}` }));
    const reply: Reply = { title: 'Many', text: 'Top', sections, context: 'ctx', buttons: [button(0)] };
    const { blocks } = renderMessage(reply);
    expect(blocks).toHaveLength(50);
    expect(blocks.at(-1)?.type).toBe('actions');
    expect(blocks.at(-2)?.type).toBe('context');
    expect(blockKitProblems(blocks, 'message')).toEqual([]);
  });

  it('folds buttons past five into overflow menus with unique action ids', () => {
    const buttons = Array.from({ length: 11 }, (_, i) => button(i));
    const { blocks } = renderMessage({ text: 'Pick', buttons });
    const elements = blocks.flatMap((b) => (b.type === 'actions' ? b.elements : []));
    expect(elements.map((e) => e.type)).toEqual(['button', 'button', 'button', 'button', 'overflow', 'overflow']);
    expect(json(elements[4])).toContain('"value":"match.pick v4"');
    expect(blockKitProblems(blocks, 'message')).toEqual([]);
  });

  it('never sends an empty text object or fallback', () => {
    const { text, blocks } = renderMessage({
      text: '',
      sections: [{ text: '' }],
      buttons: [{ label: '', action: 'a', value: '' }],
    });
    expect(text).toBe('Hallway');
    expect(blockKitProblems(blocks, 'message')).toEqual([]);
  });

  it('names the files (uploaded to the DM apart), never inlining their contents', () => {
    const { blocks } = renderMessage({
      text: 'Calendar',
      files: [{ name: 'zine<1>.ics', content: 'BEGIN:VCALENDAR\n<x>', mimeType: 'text/calendar' }],
    });
    expect(json(blocks)).toContain(':paperclip: zine&lt;1&gt;.ics');
    expect(json(blocks)).toContain('your messages with Hallway');
    expect(json(blocks)).not.toContain('BEGIN:VCALENDAR');
    expect(blockKitProblems(blocks, 'message')).toEqual([]);
  });

  it('renders member text from a submitted modal harmlessly', () => {
    const body = JSON.parse(readFileSync(new URL('../fixtures/slack/view-submission.json', import.meta.url), 'utf8'));
    const submitted = formSubmitEvent(body as ViewSubmissionBody, { displayName: 'Lucas', isPlatformAdmin: false });
    const bio = sanitize(submitted.values.bio ?? '');
    const rendered = json(renderMessage({ text: `${fmt.bold('Bio')}: ${bio}`, context: bio }));
    expect(rendered).toContain('&lt;!channel&gt;');
    expect(rendered).not.toContain('<!channel>');
    expect(rendered).not.toContain('<@U0OTHER>');
  });
});

describe('views', () => {
  const form: Form = {
    formId: 'intro.edit',
    title: 'Introduce yourself to the loft',
    submitLabel: 'Save my introduction, please',
    meta: 'profile:U1',
    fields: [
      { id: 'bio', label: 'About you', kind: 'long', required: true, maxLength: 5000, placeholder: 'What you make' },
      { id: 'site', label: 'Website', kind: 'short', required: false, initial: 'https://example.com' },
      { id: 'site', label: 'Duplicate id', kind: 'short', required: false },
    ],
  };

  it('renders a form as a modal with inputs keyed by field id', () => {
    const view = renderModal(form);
    expect(view).toMatchObject({
      type: 'modal',
      callback_id: 'intro.edit',
      private_metadata: 'profile:U1',
      title: { type: 'plain_text', text: 'Introduce yourself to t…' },
      submit: { type: 'plain_text', text: 'Save my introduction, p…' },
    });
    expect(view.blocks).toEqual([
      {
        type: 'input',
        block_id: 'bio',
        optional: false,
        label: { type: 'plain_text', text: 'About you', emoji: true },
        element: {
          type: 'plain_text_input',
          action_id: 'bio',
          multiline: true,
          max_length: 3000,
          placeholder: { type: 'plain_text', text: 'What you make', emoji: true },
        },
      },
      {
        type: 'input',
        block_id: 'site',
        optional: true,
        label: { type: 'plain_text', text: 'Website', emoji: true },
        element: {
          type: 'plain_text_input',
          action_id: 'site',
          multiline: false,
          max_length: 3000,
          initial_value: 'https://example.com',
        },
      },
    ]);
    expect(viewProblems(view)).toEqual([]);
  });

  it('renders the Home tab with up to 100 blocks and the outcome modal', () => {
    const sections = Array.from({ length: 150 }, (_, i) => ({ text: `Item ${i}` }));
    const home = renderHome({ text: 'Welcome', sections });
    expect(home.blocks).toHaveLength(100);
    expect(viewProblems(home)).toEqual([]);
    const outcome = renderOutcomeModal({ text: 'Saved!' }, 'Introduce yourself to the loft');
    expect(viewProblems(outcome)).toEqual([]);
    expect(outcome.close?.text).toBe('Close');
  });
});

function button(i: number): Button {
  return { label: `Option ${i}`, action: 'match.pick', value: `v${i}` };
}

describe('member links never unfurl', () => {
  it('every new message turns Slack link and media previews off', async () => {
    const { renderPost } = await import('../../adapters/slack/render.ts');
    const post = renderPost({ text: fmt.link('https://paypal.example', 'my portfolio') });
    expect(post).toMatchObject({ unfurl_links: false, unfurl_media: false });
  });
});
