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

/** The app's shell hooks on a test bot's fake clock and store. */
function shellHooksOf(bot: TestBot) {
  return {
    wait: async (ms: number) => {
      bot.clock.advance(ms);
      await bot.tick();
    },
    time: async () => bot.clock.now().toISOString(),
    members: async () => await bot.repos.members.listActive('shell:loft', 200),
  };
}

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
    const { bot, printed: out } = await shellWith([
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
    ]);
    const printed = out();
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
      ...shellHooksOf(bot),
      loadDemo: async () => 'demo loaded',
      greeting: 'hello',
      filesDir: mkdtempSync(join(tmpdir(), 'hallway-shell-')),
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

  it('lets anyone join by name, says who left, lists every member, and moves time forward', async () => {
    const { bot, printed } = await shellWith([':join José', ':leave josé', ':join zoë', ':who', ':time', ':wait 3d']);
    const out = printed();
    expect(out).toContain('José joined the community.');
    expect(out).toContain('José left the community.');
    expect(out).toMatch(/^@Zoë \(zoë\)$/m);
    expect(out).not.toMatch(/^@José/m); // gone: left
    const after = bot.clock.now().getTime();
    expect(out).toContain(`It is now ${bot.clock.now().toISOString()}.`);
    expect(after).toBeGreaterThan(Date.parse(out.match(/^It is (\S+)\.$/m)![1]!));
  });

  it('prints piped replies without formatting marks', async () => {
    const { printed } = await shellWith(['/hallway help']);
    expect(printed()).not.toMatch(/\*[A-Z][^*\n]*\*/);
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
      ...shellHooksOf(bot),
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
