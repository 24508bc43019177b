/**
 * The whole introductions flow on the real core: join → welcome DM → form → approval → card → directory → leave
 * → forget-me, with a fake clock and a recording platform.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { Button, Reply } from '#core/reply.ts';
import { segments } from '#core/text.ts';
import { TestBot } from '../support/test-bot.ts';

const ABOUT = {
  role: 'Photographer',
  working_on: 'A photo book about night buses',
  offers: 'photos, darkroom printing',
  needs: 'layout design',
  links: 'https://ana.example',
};

function button(reply: Reply | undefined, label: string): Button {
  const found = reply?.buttons?.find((b) => b.label === label);
  if (!found) throw new Error(`no button "${label}" in ${JSON.stringify(reply)}`);
  return found;
}

/** Ids of the members a reply's rich text names with fmt.user. */
function usersNamed(reply: Reply): string[] {
  const texts = [
    reply.text,
    ...(reply.sections ?? []).flatMap((s) => [s.text ?? '', ...(s.fields ?? []).map((f) => f.value)]),
  ];
  return texts.flatMap((t) => segments(t).flatMap((s) => (s.kind === 'user' ? [s.userId] : [])));
}

let bot: TestBot;

beforeEach(async () => {
  bot = await TestBot.create();
  await bot.repos.communities.ensure(bot.community, bot.clock.now());
  await bot.repos.communities.saveSettings(bot.community, {
    'intro-channel': 'intros',
    approval: true,
    'intro-question-1': 'What are you reading?',
  });
  await bot.run('/profile'); // the host, a platform admin, is now a manager Hallway knows
  await bot.run('/skills offer layout design', { as: 'bob' });
  await bot.run('/skills need photography', { as: 'bob' });
  bot.clock.advance(60_000);
});

describe('introductions', () => {
  it('welcomes, takes the intro, waits for approval, posts the card, lists the member and forgets them', async () => {
    await bot.join('ana');
    const [welcome] = bot.dmsTo('ana');
    expect(bot.text(welcome)).toMatch(/Welcome/);
    const form = (await bot.click(button(welcome, 'Introduce myself'), { as: 'ana' }))?.form;
    expect(form?.formId).toBe('intro.about');
    expect(form?.fields.length).toBeLessThanOrEqual(5);

    const thanks = await bot.submit(form!, ABOUT, { as: 'ana' });
    expect(bot.text(thanks)).toMatch(/manager will look at your introduction/);
    expect(bot.postsIn('intros')).toHaveLength(0);
    expect(bot.dmsTo('host')).toHaveLength(1);

    const more = (await bot.click(button(thanks, 'Add a bit more'), { as: 'ana' }))?.form;
    expect(more?.fields.map((f) => f.label)).toEqual(['Pronouns', 'A fun fact', 'What are you reading?']);
    await bot.submit(
      more!,
      { pronouns: 'she/her', fun_fact: 'I collect bus tickets', q1: 'Ways of Seeing' },
      { as: 'ana' },
    );
    const [stale, request] = bot.dmsTo('host');
    expect(bot.text(request)).toMatch(/Ways of Seeing/);

    expect(bot.text(await bot.click(button(request, 'Approve'), { as: 'bob', admin: false }))).toMatch(
      /Only community managers/,
    );
    expect(bot.text(await bot.click(button(stale, 'Approve')))).toMatch(/replaced by a newer version/);
    expect(bot.postsIn('intros')).toHaveLength(0);
    const approved = await bot.click(button(request, 'Approve'));
    expect(approved?.replaceOriginal).toBe(true);

    const [card] = bot.postsIn('intros');
    expect(card!.mentions).toEqual(['ana']);
    expect(bot.text(card)).toMatch(/Photographer/);
    expect(bot.text(card)).toMatch(
      /You might want to meet\n• @bob — offers layout design, which @ana is looking for, and is looking for photography, which @ana offers/,
    );
    expect(bot.text(bot.dmsTo('ana').at(-1))).toMatch(/approved: your introduction is posted in #intros/);
    expect(bot.text(await bot.click(button(request, 'Approve')))).toMatch(/already handled by @host/);

    expect(bot.text(await bot.run('/skills find photos', { as: 'bob' }))).toMatch(/Offer it \(1\)\n• @ana/);
    expect(bot.text(await bot.run('/profile ana', { as: 'bob' }))).toMatch(/I collect bus tickets/);

    bot.clearSent();
    const confirm = await bot.run('/hallway forget-me', { as: 'ana' });
    const done = await bot.click(button(confirm, 'Yes, delete my data'), { as: 'ana' });
    expect(bot.text(done)).toMatch(/introduction: 1/);
    expect(bot.text(done)).toMatch(/skills: 3/);
    expect(bot.sent.filter((d) => d.kind === 'update').map((d) => d.reply.text)).toEqual([
      'This introduction was removed at the member’s request.',
    ]);
    expect(bot.text(await bot.run('/skills find photography', { as: 'bob' }))).toMatch(/Offer it \(0\)\nNobody yet/);
  });

  it('lets a manager edit then approve, or reject with a note the member reads', async () => {
    await bot.submit('intro.about', { ...ABOUT, role: 'photgrapher' }, { as: 'ana' });
    const edit = await bot.click(button(bot.dmsTo('host').at(-1), 'Edit'));
    expect(edit?.form?.fields.find((f) => f.id === 'role')?.initial).toBe('photgrapher');
    await bot.submit(edit!.form!, {
      role: 'Photographer',
      working_on: 'Night buses',
      links: '',
      pronouns: '',
      fun_fact: '',
    });
    expect(bot.text(bot.postsIn('intros')[0])).toMatch(/What they do: Photographer/);
    expect(bot.text(bot.dmsTo('ana').at(-1))).toMatch(/tidied up your introduction and approved it/);

    await bot.submit('intro.about', { ...ABOUT, role: 'Something else' }, { as: 'ana' });
    const reject = await bot.click(button(bot.dmsTo('host').at(-1), 'Reject'));
    await bot.submit(reject!.form!, { reason: 'Say more about the book?' });
    expect(bot.text(bot.dmsTo('ana').at(-1))).toMatch(/didn't approve.*\nTheir note: Say more about the book\?/s);
    // Others still see the approved version; the member sees their rejected draft and what to do.
    expect(bot.text(await bot.run('/profile @ana', { as: 'bob' }))).toMatch(/Photographer/);
    expect(bot.text(await bot.run('/profile', { as: 'ana' }))).toMatch(/did not approve your last version/);
  });

  it('never announces a pending intro in public: with no manager known, the member is told and the first manager seen by DM', async () => {
    const fresh = await TestBot.create();
    await fresh.repos.communities.ensure(fresh.community, fresh.clock.now());
    await fresh.repos.communities.saveSettings(fresh.community, { 'intro-channel': 'intros', approval: true });
    const first = await fresh.submit('intro.about', ABOUT, { as: 'ana' });
    expect(fresh.text(first)).toMatch(/No manager has used Hallway here yet, so I couldn't ask one directly/);
    await fresh.submit('intro.about', { ...ABOUT, role: 'Photo person' }, { as: 'ana' });
    expect(fresh.postsIn('intros')).toHaveLength(0);
    expect(fresh.sent.filter((d) => d.kind !== 'dm' || !d.to.includes('ana'))).toHaveLength(0);

    // Where managers look: the stats, and a DM the first time Hallway sees one (once, not for the review list).
    expect(fresh.text(await fresh.run('/hallway stats'))).toMatch(/Intros awaiting approval: 1 \(\/intro review\)/);
    await fresh.run('/skills', { as: 'host' });
    await fresh.run('/skills', { as: 'host' });
    const told = fresh.dmsTo('host');
    expect(told).toHaveLength(1);
    expect(fresh.text(told[0])).toMatch(/1 introduction waits for a manager's approval.*Run \/intro review/);
    expect(JSON.stringify(told[0])).not.toMatch(/Photo|night buses|\bana\b/);

    const queue = await fresh.run('/intro review');
    expect(fresh.text(queue)).toMatch(/What they do: Photo person/);
    await fresh.click(button(queue, 'Approve'));
    expect(fresh.text(fresh.postsIn('intros')[0])).toMatch(/Say hello to @ana/);
    expect(fresh.text(await fresh.run('/intro review'))).toMatch(/No introductions are waiting/);
  });

  it('hides members who left from the directory and from "you might want to meet"', async () => {
    await bot.join('bob');
    await bot.leave('bob');
    await bot.repos.communities.saveSettings(bot.community, { 'intro-channel': 'intros' });
    await bot.submit('intro.about', ABOUT, { as: 'ana' });
    expect(bot.text(bot.postsIn('intros')[0])).not.toMatch(/bob|might want to meet/);
    expect(bot.text(await bot.run('/skills find layout design', { as: 'ana' }))).toMatch(/Offer it \(0\)\nNobody yet/);
    expect(bot.text(await bot.run('/profile bob', { as: 'ana' }))).toMatch(/no longer in the directory/);
  });

  it('pages the directory, most recently active first', async () => {
    for (let i = 0; i < 12; i++) {
      await bot.run('/skills offer risograph', { as: `m${i}` });
      bot.clock.advance(1000);
    }
    const first = await bot.run('/skills find riso', { as: 'ana' });
    expect(usersNamed(first).slice(0, 2)).toEqual(['m11', 'm10']);
    expect(first.context).toMatch(/Page 1 of 2/);
    const second = await bot.click(button(first, 'Next →'), { as: 'ana' });
    expect(usersNamed(second!)).toEqual(['m1', 'm0']);
    expect(bot.text(await bot.run('/skills find risograph page:2', { as: 'ana' }))).toMatch(/@m1\n• @m0/);
  });

  it('suggests known skills for an unknown one', async () => {
    const reply = await bot.run('/skills find photgraphy', { as: 'ana' });
    expect(bot.text(reply)).toMatch(/Did you mean photography/);
    const found = await bot.click(button(reply, 'photography'), { as: 'ana' });
    expect(bot.text(found)).toMatch(/Want to learn it \(1\)\n• @bob/);
  });
});
