/** Bad input to the intro form and `/skills`: a clear message or cleaned text, never a ping, never half-saved. */
import { beforeEach, describe, expect, it } from 'vitest';
import { TestBot } from '../support/test-bot.ts';

const ABOUT = { role: 'Illustrator', working_on: 'A comic', offers: 'drawing', needs: 'lettering', links: '' };

let bot: TestBot;

beforeEach(async () => {
  bot = await TestBot.create();
  await bot.repos.communities.ensure(bot.community, bot.clock.now());
  await bot.repos.communities.saveSettings(bot.community, { 'intro-channel': 'intros' });
});

/** Nothing of ana's intro or skills was stored, and nothing was sent. */
async function nothingSaved() {
  expect(await bot.repos.profiles.get(bot.community, 'ana')).toBeUndefined();
  expect(await bot.repos.profiles.skills(bot.community, 'ana', 'offer')).toEqual([]);
  expect(bot.sent).toEqual([]);
}

describe('intro form input', () => {
  it.each([
    [
      'an empty form',
      { role: '', working_on: '', offers: '', needs: '', links: '' },
      /“What you do” can't be empty/,
      'role',
    ],
    ['a blank answer', { ...ABOUT, working_on: ' \n\t ' }, /“What you're working on now” can't be empty/, 'working_on'],
    [
      'an over-long answer',
      { ...ABOUT, working_on: 'a'.repeat(501) },
      /501 characters long; the most is 500/,
      'working_on',
    ],
    [
      'a link that is not http(s)',
      { ...ABOUT, links: 'javascript:alert(1)' },
      /not a web link: links must start with http/,
      'links',
    ],
    ['a bare word for a link', { ...ABOUT, links: 'my portfolio' }, /“my” is not a web link/, 'links'],
  ])('refuses %s with a clear message at its field and saves nothing', async (_name, values, message, field) => {
    const reply = await bot.submit('intro.about', values, { as: 'ana' });
    expect(bot.text(reply)).toMatch(message);
    // Adapters keep what was typed and show the error at this field.
    expect(reply?.formError).toEqual({ field, message: expect.stringMatching(message) });
    await nothingSaved();
  });

  it('keeps mass mentions and markup as text, and pings only the member', async () => {
    const role = '@everyone <!channel> <@U123> **bold**';
    await bot.submit('intro.about', { ...ABOUT, role, working_on: 'hi @here' }, { as: 'ana' });
    const [card] = bot.postsIn('intros');
    expect(card!.mentions).toEqual(['ana']);
    expect(bot.text(card)).toContain(`What they do: ${role}`);
    expect(bot.text(card)).toContain('Working on: hi @here');
  });

  it('strips control characters and forged tokens', async () => {
    await bot.submit(
      'intro.about',
      { ...ABOUT, role: 'Ill\u0000ustr\u0007ator\u202E \uE000user\uE002host\uE001' },
      { as: 'ana' },
    );
    const published = (await bot.repos.profiles.get(bot.community, 'ana'))?.published;
    expect(published?.role).toBe('Illustrator userhost');
    expect(bot.postsIn('intros')[0]!.mentions).toEqual(['ana']);
  });

  it('caps three hundred skills in the form (as long as a form field allows) and says so', async () => {
    const offers = Array.from({ length: 300 }, (_, i) => `zq${i}x`).join(', ');
    const reply = await bot.submit('intro.about', { ...ABOUT, offers }, { as: 'ana' });
    expect(bot.text(reply)).toMatch(/kept the first 20 of the 300 skills/);
    expect(await bot.repos.profiles.skills(bot.community, 'ana', 'offer')).toHaveLength(20);
  });

  it('needs "About you" before "A bit more"', async () => {
    const reply = await bot.submit('intro.more', { pronouns: 'they/them', fun_fact: '' }, { as: 'ana' });
    expect(bot.text(reply)).toMatch(/Fill in “About you” first/);
    await nothingSaved();
  });

  it('prefills the form with the last answers when run again', async () => {
    await bot.submit('intro.about', { ...ABOUT, links: 'https://a.example https://b.example' }, { as: 'ana' });
    const form = (await bot.run('/intro', { as: 'ana' })).form;
    const initial = Object.fromEntries(form!.fields.map((f) => [f.id, f.initial]));
    expect(initial).toEqual({
      role: 'Illustrator',
      working_on: 'A comic',
      offers: 'drawing',
      needs: 'lettering',
      links: 'https://a.example\nhttps://b.example',
    });
    await bot.submit(form!, { ...ABOUT, role: 'Comic artist' }, { as: 'ana' });
    expect(bot.sent.filter((d) => d.kind === 'update')).toHaveLength(1);
    expect(bot.sent.filter((d) => d.kind === 'post')).toHaveLength(1);
  });
});

describe('/skills input', () => {
  it('fills a list up to 20 and says what did not fit', async () => {
    const skills = Array.from({ length: 1000 }, (_, i) => `zq${i}x`).join(', ');
    const reply = await bot.run(`/skills offer ${skills.slice(0, 3900)}`, { as: 'ana' });
    expect(bot.text(reply)).toMatch(/Your list is full at 20 skills: I added 20 of the \d+ new ones/);
    expect(await bot.repos.profiles.skills(bot.community, 'ana', 'offer')).toHaveLength(20);
  });

  it('deduplicates, normalises and removes', async () => {
    await bot.run('/skills offer Photo, photos, photographer', { as: 'ana' });
    expect(bot.text(await bot.run('/skills offer photography', { as: 'ana' }))).toBe(
      'Nothing new added to what you offer. photography is already in your list.',
    );
    expect(bot.text(await bot.run('/skills', { as: 'ana' }))).toMatch(/You offer: photography/);
    expect(bot.text(await bot.run('/skills remove photos', { as: 'ana' }))).toMatch(/Removed photography/);
    expect(bot.text(await bot.run('/skills remove photos', { as: 'ana' }))).toMatch(/None of those are on your lists/);
  });

  it('says what a skill already listed matched, in the words the list shows', async () => {
    await bot.run('/skills offer product photos', { as: 'ana' });
    const reply = bot.text(await bot.run('/skills offer photography, zines', { as: 'ana' }));
    expect(reply).toBe('Added to what you offer: zines. photography is already in your list as product photos.');
  });

  it('suggests a known skill for a misspelt one, keeping it as typed', async () => {
    const reply = await bot.run('/skills need photgraphy', { as: 'ana' });
    expect(bot.text(reply)).toMatch(/Added to what you're looking for/);
    expect(bot.text(reply)).toContain('“photgraphy” is new to me (kept as you wrote it) — did you mean photography?');
  });

  it('gives the intro form the same "did you mean" for its skill lists', async () => {
    const form = (await bot.run('/intro', { as: 'ana' })).form!;
    const reply = await bot.submit(
      form,
      { role: 'Illustrator', working_on: 'Comics', offers: 'ilustration, zines', needs: 'photgraphy' },
      { as: 'ana' },
    );
    expect(bot.text(reply)).toContain('“ilustration” is new to me (kept as you wrote it) — did you mean illustration?');
    expect(bot.text(reply)).toContain('“photgraphy” is new to me (kept as you wrote it) — did you mean photography?');
  });
});
