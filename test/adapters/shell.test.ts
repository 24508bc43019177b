/** The shell adapter in-process: lines in, printed replies, DMs, buttons and forms out. */
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { parseShellLine, shellActor } from '../../adapters/shell/to-inbound.ts';
import { renderShell } from '../../adapters/shell/render.ts';
import { ShellPlatform } from '../../adapters/shell/shell.adapter.ts';
import { fmt } from '#core/text.ts';
import { TestBot } from '../support/test-bot.ts';

const host = shellActor('shell:loft', 'host', true);

describe('parseShellLine', () => {
  it.each([
    ['/skills offer photography', 'event'],
    ['/as mia', 'as'],
    [':click 2', 'click'],
    [':join zoe', 'join'],
    [':leave zoe', 'leave'],
    [':who', 'directive'],
    ['', 'empty'],
    ['# a comment', 'empty'],
    ['hello', 'error'],
    [':click x', 'error'],
    ['/as M!a', 'error'],
    [':frob', 'error'],
  ])('%s → %s', (line, kind) => {
    expect(parseShellLine(line, host, 'general').kind).toBe(kind);
  });

  it('keeps the command text for the core grammar', () => {
    const parsed = parseShellLine('/meetup create title:"Zine night"', host, 'general');
    expect(parsed).toMatchObject({
      event: { command: 'meetup', input: { kind: 'text', text: 'create title:"Zine night"' } },
    });
  });
});

describe('renderShell', () => {
  it('numbers buttons, names members, and prints dates in the community zone', () => {
    const at = new Date('2026-12-04T18:00:00Z');
    const text = renderShell(
      {
        text: `${fmt.user('mia')} meets ${fmt.date(at, 'full', 'Fri 4 Dec 2026, 19:00 (Europe/Paris)')}`,
        buttons: [{ label: 'Going', action: 'a', value: '1' }],
      },
      { color: false, nameOf: (id) => id.toUpperCase() },
      7,
    );
    expect(text).toContain('@MIA meets Fri 4 Dec 2026, 19:00 (Europe/Paris)');
    expect(text).toContain('[7] Going');
  });

  it('never passes terminal escape sequences through from member text', () => {
    const text = renderShell({ text: 'a\u001b[2Jb' }, { color: true, nameOf: (id) => id }, 1);
    expect(text).not.toContain('\u001b[2J');
  });
});

describe('ShellPlatform', () => {
  it('runs commands, switches members, presses buttons and fills forms, then ends at end of input', async () => {
    const bot = await TestBot.create();
    const input = new PassThrough();
    const output = new PassThrough();
    let printed = '';
    output.on('data', (d) => (printed += d));
    const shell = new ShellPlatform({
      input,
      output,
      community: 'shell:loft',
      color: false,
      afterEach: async () => await bot.drain(),
      tick: async () => await bot.tick(),
      loadDemo: async () => 'demo loaded',
      greeting: 'hello',
    });
    await shell.start(bot.core.dispatch);
    input.end(
      [
        '/as mia',
        '/skills offer writing',
        '/hallway forget-me',
        ':click 2',
        '/intro',
        'Writer',
        'A zine about the loft',
        'writing, editing',
        'video',
        'https://mia.example',
        ':demo',
        ':quit',
        '/never-reached',
      ].join('\n'),
    );
    await shell.finished;
    expect(printed).toContain('You are now Mia.');
    expect(printed).toContain('Nothing was deleted.');
    expect(printed).toMatch(/About you/);
    expect(printed).toContain('demo loaded');
    expect(printed).not.toContain('never-reached\n*');
    expect(await bot.repos.profiles.get('shell:loft', 'mia')).toMatchObject({
      published: { role: 'Writer', workingOn: 'A zine about the loft' },
    });
    expect((await bot.repos.profiles.skills('shell:loft', 'mia', 'need')).map((s) => s.skill)).toContain('video');
    expect(printed.trimEnd().endsWith('Bye!')).toBe(true);
  });

  async function shellWith(lines: readonly string[]) {
    const bot = await TestBot.create();
    const input = new PassThrough();
    const output = new PassThrough();
    let printed = '';
    output.on('data', (d) => (printed += d));
    const shell = new ShellPlatform({
      input,
      output,
      community: 'shell:loft',
      color: false,
      afterEach: async () => await bot.drain(),
      tick: async () => await bot.tick(),
      loadDemo: async () => 'demo loaded',
      greeting: 'hello',
    });
    await shell.start(bot.core.dispatch);
    input.end(`${lines.join('\n')}\n`);
    await shell.finished;
    return { bot, printed: () => printed };
  }

  it('asks a refused answer again with the reason and keeps every other answer', async () => {
    const { bot, printed } = await shellWith([
      '/as mia',
      '/intro',
      '', // "What you do" is required: asked again at once
      'Writer',
      'A zine about the loft',
      'writing, editing',
      'video',
      'javascript:alert(1)', // refused by the core: only this field is asked again
      'https://mia.example',
    ]);
    const out = printed();
    expect(out).toContain('What you do is needed here.');
    expect(out.match(/^Links \(portfolio, site\)/gm)).toHaveLength(2);
    expect(out.match(/^What you do( \[.*\])?:$/gm)).toHaveLength(2); // the empty answer, then once more: never after the refusal
    expect(await bot.repos.profiles.get('shell:loft', 'mia')).toMatchObject({
      published: { role: 'Writer', workingOn: 'A zine about the loft', links: ['https://mia.example'] },
    });
    expect((await bot.repos.profiles.skills('shell:loft', 'mia', 'offer')).map((s) => s.skill)).toContain('writing');
  });

  it('keeps an answer on Enter, clears an optional one with -, and drops the form on :cancel', async () => {
    const { bot, printed } = await shellWith([
      '/as mia',
      '/intro',
      'Writer',
      'A zine',
      'writing',
      '',
      'https://mia.example',
      '/intro',
      '', // keeps "Writer"
      '',
      '',
      '',
      '-', // clears the links
      '/intro',
      'Painter',
      ':cancel',
    ]);
    expect(printed()).toContain('Form closed; nothing was saved.');
    expect(printed()).not.toContain('(optional) (optional)');
    expect(await bot.repos.profiles.get('shell:loft', 'mia')).toMatchObject({
      published: { role: 'Writer', workingOn: 'A zine', links: [] },
    });
  });
});
