/**
 * Hallway's features end to end on Discord: the real app (core, the run's database, outbox drainer, discord.js) against the fake
 * Discord on 127.0.0.1. Registration, the welcome → modal → intro card flow, skills and matching, feedback requests.
 * One fake and one app for the file; the tests build on each other's members, in order.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applicationCommands, NAME_PATTERN } from '../../adapters/discord/commands.ts';
import { normaliseSkill } from '../../commands/skills/index.ts';
import { DiscordStack, customIds, visibleText } from '../support/discord-stack.ts';
import type { FakeUser } from '../support/fake-discord-payloads.ts';
import { checkCommands } from '../support/fake-discord-limits.ts';
import { expectNoRawUserIds, expectNoStrayPings } from '../support/discord-mentions.ts';

let stack: DiscordStack;
let host: FakeUser;
let ana: FakeUser;
let ben: FakeUser;
let cleo: FakeUser;
let nora: FakeUser;

beforeAll(async () => {
  stack = await DiscordStack.start({ channels: ['intros'] });
  host = stack.fake.addMember('host', String(0x20), 'Host');
  ana = stack.fake.addMember('ana', '0', 'Ana');
  ben = stack.fake.addMember('ben', '0', 'Ben');
  cleo = stack.fake.addMember('cleo', '0', 'Cleo');
});

afterAll(async () => {
  await stack?.stop();
});

describe('command registration', () => {
  it('registers at start exactly what the catalog generates, within Discord limits', () => {
    const [put, ...more] = stack.fake.callsTo('PUT /applications/:id/commands');
    expect(more).toHaveLength(0);
    expect(put?.status).toBe(200);
    expect(put?.authorized).toBe(true);
    expect(put?.body).toEqual(applicationCommands(stack.app.core.catalog));
    expect(put?.body.map((c: { name: string }) => c.name).sort()).toEqual(
      stack.app.core.catalog.map((c) => c.name).sort(),
    );
    expect(checkCommands(put?.body)).toEqual([]);
    // The same rules, spelled out: names, descriptions, at most 25 options, required ones first.
    type Opt = { name: string; description: string; type: number; required?: boolean; options?: Opt[] };
    const check = (o: Opt, where: string) => {
      expect(NAME_PATTERN.test(o.name) && o.name === o.name.toLowerCase(), `${where} name`).toBe(true);
      expect(o.description.length, `${where} description`).toBeGreaterThan(0);
      expect(Array.from(o.description).length, `${where} description`).toBeLessThanOrEqual(100);
      const options = o.options ?? [];
      expect(options.length, `${where} options`).toBeLessThanOrEqual(25);
      const required = options.filter((x) => x.type > 2).map((x) => Boolean(x.required));
      expect(required, `${where}: required before optional`).toEqual([...required].sort((a, b) => +b - +a));
      for (const x of options) check(x, `${where} ${x.name}`);
    };
    for (const command of put?.body as Opt[]) check(command, `/${command.name}`);
  });
});

describe('introductions', () => {
  it('lets a manager set the intro channel with /hallway config', async () => {
    // More than 25 settings: Discord types `/hallway config` as an option/value pair.
    const answer = await stack.command(host, 'hallway', 'config', {
      option: 'intro-channel',
      value: stack.channel('intros'),
    });
    expect(answer.type).toBe(4);
    expect(answer.data.flags).toBe(64);
    expect(visibleText(answer.data)).toContain('Saved: **intro-channel**');
    expect((await stack.repos.communities.get(stack.community))?.settings['intro-channel']).toBe(
      stack.channel('intros'),
    );
  });

  it('refuses /hallway config to a member without Manage Server', async () => {
    const answer = await stack.command(ana, 'hallway', 'config', { option: 'approval', value: 'on' });
    expect(visibleText(answer.data)).toMatch(/Only community managers/);
    expect((await stack.repos.communities.get(stack.community))?.settings['approval']).toBeUndefined();
  });

  it('welcomes a joining member by DM, opens the form from its button, posts the card in the intro channel', async () => {
    nora = stack.fake.memberJoins('nora');
    const welcome = await stack.fake.waitFor('POST /channels/:id/messages', (c) =>
      c.path.includes(stack.fake.dmChannelFor(nora.id)),
    );
    const opened = stack.fake.callsTo('POST /users/@me/channels').filter((c) => c.body.recipient_id === nora.id);
    expect(opened.map((c) => c.status)).toEqual([200]);
    expect(welcome.status).toBe(200);
    expect(welcome.body.embeds[0].title).toBe('Welcome! 👋');
    const [button] = customIds(welcome.body);
    expect(button).toBe(`${stack.fake.guild.id}/intro.open|about`);

    const modal = await stack.click(nora, button!, { inDm: true });
    expect(modal.type).toBe(9);
    expect(modal.data.title).toBe('About you');
    expect(modal.data.components).toHaveLength(5);

    // A refused answer: nothing saved, and a button that reopens the form with everything typed.
    const typed = {
      role: 'Illustrator',
      working_on: 'A risograph zine about rivers',
      offers: 'illustration, risograph printing',
      needs: 'photography',
      links: 'https://user:pw@nora.example',
    };
    const refused = await stack.submit(nora, modal, typed, true);
    expect(refused.type).toBe(4);
    expect(refused.data.flags & 64).toBe(64);
    expect(visibleText(refused.data)).toMatch(/link/i);
    expect((await stack.repos.profiles.get(stack.community, nora.id))?.published).toBeUndefined();
    const [fix] = customIds(refused.data);
    const reopened = await stack.click(nora, fix!, { inDm: true });
    expect(reopened.type).toBe(9);
    const inputs = (reopened.data.components as { components: { custom_id: string; value?: string }[] }[]).map(
      (row) => row.components[0]!,
    );
    expect(Object.fromEntries(inputs.map((input) => [input.custom_id, input.value]))).toEqual(typed);

    const thanks = await stack.submit(
      nora,
      reopened,
      {
        role: 'Illustrator',
        working_on: 'A risograph zine about rivers',
        offers: 'illustration, risograph printing',
        needs: 'photography',
        links: 'https://nora.example',
      },
      true,
    );
    expect(thanks.type).toBe(4);
    expect(thanks.data.embeds[0].title).toBe('Your introduction');
    expect(visibleText(thanks.data)).toContain(`Your introduction is posted in <#${stack.channel('intros')}>`);

    const [card, ...others] = stack.postsIn(stack.channel('intros'));
    expect(others).toHaveLength(0);
    expect(card?.body.content).toBe(`<@${nora.id}>`);
    expect(card?.body.allowed_mentions).toEqual({ parse: [], users: [nora.id] });
    expect(card?.body.embeds[0].title).toBe('New introduction');
    expect(visibleText(card?.body)).toContain('What they do: Illustrator');
    expect(visibleText(card?.body)).toContain('Working on: A risograph zine about rivers');
    expect((await stack.messageRef(`intro-card:${nora.id}`)).channelId).toBe(stack.channel('intros'));
    expect(stack.dmsTo(nora)).toHaveLength(1);
  });
});

describe('skills and matching', () => {
  const skillsOf = async (user: FakeUser, kind: 'offer' | 'need') =>
    (await stack.repos.profiles.skills(stack.community, user.id, kind)).map((s) => s.skill);

  it('stores /skills offer and /skills need, normalised', async () => {
    const offered = await stack.command(ana, 'skills', 'offer', { skills: 'Photography, product photos' });
    expect(offered.data.content).toMatch(/^Added to what you offer: /);
    await stack.command(ana, 'skills', 'need', { skills: 'layout design' });
    await stack.command(ben, 'skills', 'offer', { skills: 'layout design' });
    await stack.command(ben, 'skills', 'need', { skills: 'photography' });
    await stack.command(cleo, 'skills', 'offer', { skills: 'photography' });
    await stack.command(cleo, 'skills', 'need', { skills: 'illustration' });
    const canonical = (text: string) => normaliseSkill(text).skill;
    expect(await skillsOf(ana, 'offer')).toEqual([canonical('photography')]);
    expect(await skillsOf(ana, 'need')).toEqual([canonical('layout design')]);
    expect(await skillsOf(ben, 'offer')).toEqual([canonical('layout design')]);
  });

  it('/match suggest answers ephemerally and DMs each suggestion with its buttons', async () => {
    const answer = await stack.command(ana, 'match', 'suggest');
    expect(answer.data.flags).toBe(64);
    const n = Number(/I've sent you (\d) suggestions? by DM/.exec(answer.data.content)?.[1]);
    expect(n).toBeGreaterThanOrEqual(1);
    const dms = stack.dmsTo(ana);
    expect(dms).toHaveLength(n);
    expect(dms[0]?.body.embeds[0].title).toBe('Suggestion 1');
    expect(visibleText(dms[0]?.body)).toContain(`<@${ben.id}>`);
    for (const dm of dms) {
      const [introduce, notNow] = customIds(dm.body);
      expect(introduce).toMatch(new RegExp(`^${stack.fake.guild.id}/match\\.introduce\\|\\d+$`));
      expect(notNow).toMatch(new RegExp(`^${stack.fake.guild.id}/match\\.dismiss\\|\\d+$`));
      expect(dm.body.allowed_mentions).toEqual({ parse: [], users: [] });
    }
  });

  it('/hallway run job:match-round DMs every member taking part exactly once', async () => {
    const answer = await stack.command(host, 'hallway', 'run', { job: 'match-round' });
    expect(visibleText(answer.data)).toContain('`match-round` done.');
    const taking = (await stack.repos.matching.participants(stack.community, stack.clock.now())).map((m) => m.userId);
    expect(taking.sort()).toEqual([ana.id, ben.id, cleo.id, nora.id].sort());
    const roundDms = (u: FakeUser) =>
      stack.dmsTo(u).filter((c) => customIds(c.body).some((id) => id.includes('/match.group|')));
    for (const user of [ana, ben, cleo, nora]) {
      const [dm, ...again] = roundDms(user);
      expect(again, user.username).toHaveLength(0);
      expect(dm?.body.content).toBe(`<@${user.id}>`);
      expect(dm?.body.allowed_mentions).toEqual({ parse: [], users: [user.id] });
      expect(customIds(dm?.body)).toEqual([
        expect.stringMatching(/\/match\.group\|\d+$/),
        expect.stringMatching(/\/match\.skip\|\d+$/),
      ]);
      // Embed titles cannot show mentions: whoever the match is must be named in the description, as a mention.
      expect(dm?.body.embeds[0].title).not.toMatch(/\d{15,}/);
      expect(dm?.body.embeds[0].description).toMatch(/<@\d+>/);
    }
    expect(roundDms(host)).toHaveLength(0);
  });
});

describe('feedback', () => {
  it('asks a reviewer by DM; "I\'ll give feedback" tells the requester who accepted', async () => {
    const asked = await stack.command(ben, 'feedback', 'request', {
      about: 'Zine layout draft',
      skills: 'photography',
    });
    expect(asked.data.content).toMatch(/^Feedback request #1 \*\*Zine layout draft\*\* is out: I've asked \d member/);
    const asks = [ana, cleo, nora, host].flatMap((u) =>
      stack.dmsTo(u).flatMap((c) =>
        customIds(c.body)
          .filter((id) => id.includes('feedback.accept|'))
          .map((id) => ({ u, id })),
      ),
    );
    expect(asks.map((a) => a.u.username).sort()).toEqual(['ana', 'cleo']);
    const { u: reviewer, id } = asks[0]!;
    expect(id).toBe(`${stack.fake.guild.id}/feedback.accept|1`);

    const before = stack.dmsTo(ben).length;
    const answer = await stack.click(reviewer, id, { inDm: true });
    expect([4, 7]).toContain(answer.type);
    const told = stack.dmsTo(ben).slice(before);
    expect(told.map((c) => c.body.content)).toEqual([
      `<@${reviewer.id}> will give you feedback on #1 **Zine layout draft**.`,
    ]);
    expect((await stack.repos.feedback.getAsk(stack.community, 1, reviewer.id))?.status).toBe('accepted');
  });
});

describe('/hallway export', () => {
  it('attaches one CSV per table: ten to the answer, the rest in a follow-up as private as the answer', async () => {
    const answer = await stack.command(host, 'hallway', 'export', { format: 'csv' });
    expect(answer.data.flags & 64).toBe(64);
    expect(answer.data.content).toMatch(/^Here is the community's data as \d+ CSV files, one per table/);
    const first = answer.call.files.map((f) => f.name);
    expect(first).toHaveLength(10);
    expect(first[0]).toMatch(/^hallway-export-\d{4}-\d{2}-\d{2}-members\.csv$/);
    const total = Number(/as (\d+) CSV files/.exec(answer.data.content)![1]);
    // Follow-ups of ten files each, until every table has come.
    const followUps = () =>
      stack.fake.calls.filter(
        (c) => /^POST \/webhooks\//.test(c.route) && c.path.includes(answer.interaction.token) && c.files.length > 0,
      );
    const filesIn = () => followUps().reduce((n, c) => n + c.files.length, 0);
    await stack.fake.waitFor(/^POST \/webhooks\//, () => first.length + filesIn() >= total);
    for (const c of followUps()) expect(c.body.flags & 64).toBe(64);
    const names = [...first, ...followUps().flatMap((c) => c.files.map((f) => f.name))];
    expect(new Set(names).size).toBe(total);
    expect(first.length + filesIn()).toBe(total);
    const members = answer.call.files.find((f) => f.name.endsWith('-members.csv'))!;
    expect(members.content.split('\r\n')[0]).toBe('user_id,display_name,joined_at,first_seen_at,last_active_at');
  });
});

describe('mentions', () => {
  it('every message of this file pinged only the users it names (never @everyone, @here, roles), no raw ids in titles', () => {
    expectNoStrayPings(stack.fake.calls);
    expectNoRawUserIds(stack.fake.calls);
  });
});
