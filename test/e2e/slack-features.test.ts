/**
 * Hallway's features end to end on Slack, through the real app: signed requests into the real Bolt app, the real
 * core and the run's database, the outbox drainer delivering to the fake Slack Web API. Introductions (join → welcome DM → modal
 * → card), a redelivered join handled once, and a feedback request reaching a reviewer who accepts it.
 * Matching and meetups are in their own files; each file shares one fake Slack and one app.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { blocksText, buttonsOf, SlackStack } from '../support/slack-stack.ts';

const ANA = 'U0ANA'; // workspace admin: a community manager for Hallway
const LUCAS = 'U0LUCAS';
const MIA = 'U0MIA';
const MIRA = 'U0MIRA'; // joins during the tests
const RAJ = 'U0RAJ'; // joins twice (a redelivered event)
const INTROS = 'C0INTROS';

const mira = { id: MIRA, name: 'mira', tz: 'Europe/Berlin', profile: { display_name: 'Mira' } };
const raj = { id: RAJ, name: 'raj', profile: { display_name: 'Raj' } };

let stack: SlackStack;

beforeAll(async () => {
  stack = await SlackStack.start({
    users: [
      { id: ANA, name: 'ana', is_admin: true, profile: { display_name: 'Ana' } },
      { id: LUCAS, name: 'lucas', profile: { display_name: 'Lucas' } },
      { id: MIA, name: 'mia', profile: { display_name: 'Mia' } },
      mira,
      raj,
    ],
  });
});

afterAll(async () => {
  await stack?.stop();
});

afterEach(async () => {
  expect(await stack.problems()).toEqual([]);
});

describe('introductions on Slack', () => {
  it('lets an admin set the intro channel with a Slack channel mention', async () => {
    const { response } = await stack.command(ANA, `/hallway config intro-channel:<#${INTROS}|intros>`);
    expect(response?.body).toMatchObject({ response_type: 'ephemeral' });
    expect(blocksText(response!.body)).toContain(`intro-channel\n#${INTROS}`);
    const settings = (await stack.repos.communities.get(stack.community))?.settings;
    expect(settings?.['intro-channel']).toBe(INTROS);
  });

  it('welcomes a member who joins with a DM whose button opens the intro modal', async () => {
    const joined = await stack.event({ type: 'team_join', user: mira }, 'EvJOINMIRA');
    expect(joined.event).toMatchObject({ kind: 'member_joined', actor: { userId: MIRA, displayName: 'Mira' } });
    const [welcome, ...more] = stack.dmsTo(MIRA);
    expect(more).toEqual([]);
    expect(blocksText(welcome!)).toContain(`Welcome, @${MIRA}`);
    expect(blocksText(welcome!)).toContain(`intro card in #${INTROS}`);
    expect(buttonsOf(welcome!)).toEqual([
      { label: 'Introduce myself', actionId: 'intro.open:0', action: 'intro.open', value: 'about' },
    ]);

    const { modal } = await stack.click(MIRA, welcome!, 'Introduce myself');
    const view = modal?.args.view as { callback_id: string; blocks: { block_id: string; type: string }[] };
    expect(modal?.answer.ok).toBe(true);
    expect(view.callback_id).toBe('intro.about');
    expect(view.blocks.map((b) => `${b.type}:${b.block_id}`)).toEqual([
      'input:role',
      'input:working_on',
      'input:offers',
      'input:needs',
      'input:links',
    ]);
  });

  it('keeps the modal open with the error under the refused field, and saves nothing', async () => {
    const opened = await stack.fake.waitFor(
      'views.open',
      (c) => (c.args.view as { callback_id?: string }).callback_id === 'intro.about',
    );
    const ack = await stack.submit(MIRA, opened, {
      role: 'Zine maker',
      working_on: 'A zine',
      offers: 'illustration',
      needs: '',
      links: 'https://user:pw@mira.example/zines',
    });
    expect(ack).toEqual({ response_action: 'errors', errors: { links: expect.stringMatching(/link/i) } });
    expect((await stack.repos.profiles.get(stack.community, MIRA))?.published).toBeUndefined();
    expect(stack.postsTo(INTROS)).toEqual([]);
  });

  it('posts the intro card in the intro channel when the modal is submitted', async () => {
    const opened = await stack.fake.waitFor(
      'views.open',
      (c) => (c.args.view as { callback_id?: string }).callback_id === 'intro.about',
    );
    const ack = await stack.submit(MIRA, opened, {
      role: 'Zine maker',
      working_on: 'A risograph zine about the bakeries on our street',
      offers: 'illustration, risograph printing',
      needs: 'photography',
      links: 'https://mira.example/zines',
    });
    expect(ack.response_action).toBe('update');
    expect(JSON.stringify(ack.view.blocks)).toContain(`Thanks! Your introduction is posted in <#${INTROS}>.`);

    const [card, ...more] = stack.postsTo(INTROS);
    expect(more).toEqual([]);
    const text = blocksText(card!);
    for (const piece of [`@${MIRA}`, 'Zine maker', 'bakeries on our street', 'illustration', 'photography']) {
      expect(text).toContain(piece);
    }
    const profile = await stack.repos.profiles.get(stack.community, MIRA);
    expect(profile?.published?.role).toBe('Zine maker');
    expect(await stack.repos.messageRefs.get(stack.community, `intro-card:${MIRA}`)).toEqual({
      channelId: INTROS,
      messageId: card!.answer.ts,
    });
    const skills = async (kind: 'offer' | 'need') =>
      (await stack.repos.profiles.skills(stack.community, MIRA, kind)).map((s) => s.skill);
    expect((await skills('offer')).sort()).toEqual(['illustration', 'risograph']);
    expect(await skills('need')).toEqual(['photography']);
  });

  it('handles a join that Slack redelivers (same event_id, X-Slack-Retry-Num: 1) once: one welcome DM', async () => {
    const first = await stack.event({ type: 'team_join', user: raj }, 'EvJOINRAJ');
    const retry = await stack.event({ type: 'team_join', user: raj }, 'EvJOINRAJ', 1);
    expect([first.event.eventId, retry.event.eventId]).toEqual(['EvJOINRAJ', 'EvJOINRAJ']);
    expect(stack.dmsTo(RAJ)).toHaveLength(1);
    expect((await stack.repos.outbox.list(stack.community)).filter((i) => i.key === `welcome:${RAJ}`)).toHaveLength(1);
  });

  it('drops a redelivered event in the core, before any feature runs: the Home tab is published once', async () => {
    // The welcome above is idempotent by itself; opening Home is not, so this shows the event_id dedupe.
    const home = { type: 'app_home_opened', user: RAJ, channel: 'D0RAJ', tab: 'home' };
    const first = await stack.event(home, 'EvHOMERAJ');
    await stack.fake.waitFor('views.publish', (c) => c.args.user_id === RAJ);
    const retry = await stack.event(home, 'EvHOMERAJ', 1);
    expect(first.reply?.sections?.length).toBeGreaterThan(0);
    expect(retry.reply).toBeUndefined();
    expect(stack.fake.succeeded('views.publish').filter((c) => c.args.user_id === RAJ)).toHaveLength(1);
  });
});

describe('feedback on Slack', () => {
  it('routes a request to a reviewer whose skills fit, and tells the requester who accepted', async () => {
    await stack.command(LUCAS, '/skills offer layout design, typography');
    await stack.command(MIA, '/skills offer layout');
    const asked = stack.fake.calls.length;
    const { response } = await stack.command(MIRA, '/feedback request about:"Zine layout" skills:layout');
    expect(response?.body.text).toContain("I've asked 2 members whose skills fit (layout design)");

    // Both layout reviewers get the ask; the requester never asks herself.
    const asks = [LUCAS, MIA].map((id) => stack.dmsTo(id).find((c) => blocksText(c).includes('Zine layout')));
    for (const ask of asks) {
      expect(blocksText(ask!)).toContain(`@${MIRA} would value your feedback on #1 Zine layout`);
      expect(buttonsOf(ask!).map((b) => `${b.label}=${b.action}:${b.value}`)).toEqual([
        "I'll give feedback=feedback.accept:1",
        'Not this time=feedback.decline:1',
      ]);
    }
    expect(stack.dmsTo(MIRA).slice(1)).toEqual([]); // only her welcome DM so far

    const accepted = await stack.click(LUCAS, asks[0]!, "I'll give feedback");
    expect(accepted.response?.body).toMatchObject({ response_type: 'ephemeral' });
    const told = stack.fake.calls.all
      .slice(asked)
      .filter((c) => c.method === 'chat.postMessage' && c.args.channel === MIRA);
    expect(told.map((c) => blocksText(c))).toEqual([`@${LUCAS} will give you feedback on #1 Zine layout.`]);
  });

  it('posts every message with link and media previews off, so no member link unfurls', () => {
    const posts = stack.fake.calls.all.filter((c) => c.method === 'chat.postMessage' && c.status === 200);
    expect(posts.length).toBeGreaterThan(3);
    for (const post of posts) expect(post.args).toMatchObject({ unfurl_links: 'false', unfurl_media: 'false' });
  });
});
