/**
 * Naming someone else as a meetup's host needs their yes: a member who names another stays the host (and the card
 * names nobody else) until the named member accepts by DM; a manager names a host directly; the named member is
 * always told. The digest's "Plan this session" goes the same way.
 */
import { describe, expect, it } from 'vitest';
import { meetupsFeature } from '../../commands/meetups/index.ts';
import type { Button } from '#core/reply.ts';
import { TestBot } from '../support/test-bot.ts';
import { card, createdId, EVENTS } from './meetups-support.ts';

async function bot() {
  // Before Monday's digest (08:30 in Paris), so this week's is still due.
  const b = await TestBot.create({ start: '2026-11-16T06:00:00Z', timezone: 'Europe/Paris' });
  await b.run(`/hallway config meetup-channel:${EVENTS}`);
  await b.run('/skills offer printmaking', { as: 'ana' });
  return b;
}

function invite(b: TestBot, userId: string, answer: 'Accept' | 'Decline'): Button {
  const dm = [...b.dmsTo(userId)].reverse().find((r) => r.buttons?.some((x) => x.action === 'meetup.host'));
  const button = dm?.buttons?.find((x) => x.label === answer);
  if (!button) throw new Error(`${userId} has no invitation to host`);
  return button;
}

describe('/meetup create host:', () => {
  it('names only members Hallway knows here, so a meetup cannot be used to ping anyone at will', async () => {
    const b = await bot();
    const stranger = await b.run('/meetup create title:Zines when:"fri 19:00" host:<@U0STRANGER1>', { as: 'mia' });
    expect(b.text(stranger)).toMatch(/only name a host who is a member here/);
    expect(b.postsIn(EVENTS)).toHaveLength(0);
  });

  it('by a member: asks the named member first; the card names them only once they accept', async () => {
    const b = await bot();
    const reply = await b.run('/meetup create title:Zines when:"fri 19:00" host:@ana', { as: 'mia' });
    expect(b.text(reply)).toContain("I've asked @ana to host it; you're the host until they accept.");
    const id = createdId(b, reply);
    expect(b.text(card(b))).toContain('Host: @mia');
    expect(b.text(card(b))).not.toContain('@ana');
    expect((await b.repos.meetups.get(b.community, id))?.hostUserId).toBe('mia');
    const asked = b.dmsTo('ana').at(-1)!;
    expect(b.text(asked)).toContain('@mia would like you to host #1 Zines on Fri 20 Nov 2026, 19:00');
    // Nobody else can accept in Ana's place, nor can Ana manage it yet.
    const accept = invite(b, 'ana', 'Accept');
    expect(b.text(await b.click(accept, { as: 'raj' }))).toMatch(/no open invitation to host/);
    expect(b.text(await b.run(`/meetup edit ${id} where:Studio`, { as: 'ana' }))).toMatch(/Only the host/);

    const yes = await b.click(accept, { as: 'ana' });
    expect(b.text(yes)).toContain("You're the host of #1 Zines");
    expect(yes?.replaceOriginal).toBe(true);
    expect(b.text(card(b))).toContain('Host: @ana');
    expect(b.text(b.dmsTo('mia').at(-1))).toContain('@ana accepted: they are now the host of #1 Zines.');
    expect(b.text(await b.click(accept, { as: 'ana' }))).toMatch(/no open invitation/);
    expect(b.text(await b.run(`/meetup edit ${id} where:Studio`, { as: 'ana' }))).toContain('Saved #1');
  });

  it('by a member: a decline keeps the creator as host and tells them', async () => {
    const b = await bot();
    const id = createdId(b, await b.run('/meetup create title:Zines when:"fri 19:00" host:@ana', { as: 'mia' }));
    const no = await b.click(invite(b, 'ana', 'Decline'), { as: 'ana' });
    expect(b.text(no)).toContain('@mia stays the host of #1 Zines, and has been told.');
    expect(b.text(b.dmsTo('mia').at(-1))).toContain("@ana can't host #1 Zines; you remain its host.");
    expect((await b.repos.meetups.get(b.community, id))?.hostUserId).toBe('mia');
    expect(b.text(card(b))).not.toContain('@ana');
    expect(b.text(await b.click(invite(b, 'ana', 'Accept'), { as: 'ana' }))).toMatch(/no open invitation/);
  });

  it('by a manager: names the host directly, and tells them', async () => {
    const b = await bot();
    const reply = await b.run('/meetup create title:Zines when:"fri 19:00" host:@ana', { as: 'host' });
    expect(b.text(reply)).toContain('@ana is the host, and has been told.');
    expect(b.text(card(b))).toContain('Host: @ana');
    const told = b.dmsTo('ana').at(-1)!;
    expect(b.text(told)).toContain('@host, a community manager, made you the host of #1 Zines');
    expect(told.buttons ?? []).toEqual([]);
  });

  it('naming yourself asks nobody and tells nobody', async () => {
    const b = await bot();
    const before = b.sent.filter((d) => d.kind === 'dm').length;
    await b.run('/meetup create title:Zines when:"fri 19:00" host:@mia', { as: 'mia' });
    expect(b.sent.filter((d) => d.kind === 'dm')).toHaveLength(before);
    expect(b.text(card(b))).toContain('Host: @mia');
  });

  it('forget-me removes invitations received and sent, and the meetup keeps its host', async () => {
    const b = await bot();
    const id = createdId(b, await b.run('/meetup create title:Zines when:"fri 19:00" host:@ana', { as: 'mia' }));
    const forget = (await b.run('/hallway forget-me', { as: 'ana' })).buttons!.find(
      (x) => x.action === 'hallway.forget',
    )!;
    expect(b.text(await b.click(forget, { as: 'ana' }))).toMatch(/invitations to host: 1/);
    expect(await b.repos.meetups.hostInvite(b.community, id)).toBeUndefined();
    expect((await b.repos.meetups.get(b.community, id))?.hostUserId).toBe('mia');
  });
});

describe('the digest’s "Plan this session"', () => {
  async function digestFor(b: TestBot) {
    for (const user of ['kim', 'lee']) await b.run('/skills need printmaking', { as: user });
    b.clock.set(new Date('2026-11-16T07:30:00Z'));
    await b.runJob('digest');
    const post = b.postsIn(EVENTS).find((p) => p.title === 'This week in the community')!;
    return post.buttons!.find((x) => x.action === 'meetup.draft')!;
  }

  it('by a manager for the member it names: they are the host, and are told', async () => {
    const b = await bot();
    const plan = await digestFor(b);
    const form = (await b.click(plan, { as: 'host' }))!.form!;
    await b.submit(form, { title: 'Skill-share: printmaking', when: 'thu 18:00' }, { as: 'host' });
    expect(b.text(card(b))).toContain('Host: @ana');
    expect(b.text(b.dmsTo('ana').at(-1))).toContain('made you the host of #1 Skill-share: printmaking');
  });

  it('a form forged to name someone else by a member asks them first', async () => {
    const b = await bot();
    await b.submit('meetup.create', { title: 'Printing', when: 'thu 18:00' }, { as: 'mia', meta: 'host=ana' });
    expect(b.text(card(b))).toContain('Host: @mia');
    expect(b.text(b.dmsTo('ana').at(-1))).toContain('@mia would like you to host');
  });
});

describe('the feature', () => {
  it('registers the Accept / Decline action', () => {
    expect(meetupsFeature.actions?.map((a) => a.id)).toContain('meetup.host');
  });
});
