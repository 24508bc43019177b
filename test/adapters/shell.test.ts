/** The shell adapter in-process: lines in, printed replies, DMs, buttons and forms out. */
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
      filesDir: mkdtempSync(join(tmpdir(), 'hallway-shell-')),
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

  it('saves the files a reply hands over in its folder and prints where, never their contents', async () => {
    const bot = await TestBot.create();
    const input = new PassThrough();
    const output = new PassThrough();
    let printed = '';
    output.on('data', (d) => (printed += d));
    const dir = join(mkdtempSync(join(tmpdir(), 'hallway-shell-')), 'files');
    const shell = new ShellPlatform({
      input,
      output,
      community: 'shell:loft',
      color: false,
      afterEach: async () => await bot.drain(),
      tick: async () => await bot.tick(),
      loadDemo: async () => 'demo loaded',
      greeting: 'hello',
      filesDir: dir,
    });
    await shell.start(bot.core.dispatch);
    input.end(['/skills offer photography', '/hallway export format:csv'].join('\n'));
    await shell.finished;
    const saved = readdirSync(dir).sort();
    expect(saved).toContain('hallway-export-2026-11-16-members.csv');
    expect(saved.every((name) => name.endsWith('.csv'))).toBe(true);
    for (const name of saved) expect(printed).toContain(`Saved ${join(dir, name)}`);
    expect(readFileSync(join(dir, 'hallway-export-2026-11-16-member_skills.csv'), 'utf8')).toContain('photography');
    expect(printed).not.toContain('user_id,kind,skill');
    expect(existsSync(join(dir, '..', 'hallway-export-2026-11-16-members.csv'))).toBe(false);
  });
});
