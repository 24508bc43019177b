/**
 * No mass mention, no forged mention, end to end: members fill every free-text field Hallway shows to others with
 * `<!channel>`, `@everyone`, forged `<@…>` and markdown links, and the community lives on (intro cards, meetup cards
 * and reminders, the digest, feedback asks, match DMs, resource cards, loan requests and asks for things). Every reply and every delivered message is rendered with
 * the real Slack and Discord renderers and checked (see support/mentions.ts).
 */
import { describe, expect, it } from 'vitest';
import type { Reply } from '#core/reply.ts';
import { botWithDb } from './support/capture-db.ts';
import { type Cast, discordCast, slackCast } from './support/life.ts';
import { prober } from './support/probe.ts';

const NASTY = '<!channel> <!here> @everyone @here <@U0FORGED> <@123456789012345678> <@&123456789012345678> <#C0SECRET>';
/** Short enough for titles (100 characters). */
const SHORT = '<!channel> @everyone <@U0FORGED> <@123456789012345678>';

describe.each([
  { name: 'Slack', cast: slackCast('slack:T0MASS') },
  { name: 'Discord', cast: discordCast('discord:400000000000000001', 4) },
])('hostile member text on a $name community', ({ cast }: { cast: Cast }) => {
  it('never renders into a ping, in any reply or message', async () => {
    const { bot, db } = await botWithDb({ community: cast.community });
    const p = prober(bot, db);
    const c = cast.community;
    const as = (userId: string) => ({ as: userId, community: c, admin: userId === cast.host });
    const problems: string[] = [];
    const step = async (what: string, poke: () => Promise<Reply | undefined>) => {
      const verdict = await p.probe(what, poke, { replyExpected: false });
      problems.push(...verdict.problems);
      return verdict.reply;
    };
    const ch = cast.channels;
    await step(
      'config',
      async () =>
        await bot.run(
          `/hallway config intro-channel:${ch.intro} meetup-channel:${ch.events} feedback-channel:${ch.wip} intro-question-1:"${SHORT}"`,
          as(cast.host),
        ),
    );
    for (const u of [cast.subject, cast.friend, cast.third]) {
      await step(
        `join ${u}`,
        async () =>
          await bot.dispatch({
            kind: 'member_joined',
            actor: { community: c, userId: u, displayName: `${NASTY} ${u}`, isPlatformAdmin: false },
          }),
      );
    }
    const form = (await step('intro', async () => await bot.run('/intro', as(cast.subject))))!.form!;
    await step(
      'intro form',
      async () =>
        await bot.submit(
          form,
          {
            role: `${NASTY} maker`,
            working_on: `*bold* [x](javascript:alert(1)) ${NASTY}`,
            offers: `photography, ${NASTY}`,
            needs: 'risograph printing',
            links: 'https://example.org/<!channel>\njavascript:alert(1)',
          },
          as(cast.subject),
        ),
    );
    await step(
      'intro more',
      async () => await bot.submit('intro.more', { pronouns: '@here', fun_fact: NASTY, q1: NASTY }, as(cast.subject)),
    );
    await step('skills', async () => await bot.run(`/skills offer risograph printing, ${NASTY}`, as(cast.friend)));
    await step('skills need', async () => await bot.run('/skills need photography', as(cast.friend)));
    await step('skills third', async () => await bot.run('/skills offer layout design', as(cast.third)));
    await step(
      'meetup',
      async () =>
        await bot.run(
          `/meetup create title:"${SHORT}" when:"tomorrow 19:00" where:"${NASTY}" description:"${NASTY}"`,
          as(cast.subject),
        ),
    );
    const meetup = (await bot.repos.meetups.listUpcoming(c, bot.clock.now(), 5))[0]!.id;
    await step(
      'rsvp',
      async () => await bot.click({ action: 'meetup.rsvp', value: `${meetup}:going` }, as(cast.friend)),
    );
    await step(
      'feedback',
      async () =>
        await bot.run(
          `/feedback request about:"${NASTY}" link:"https://example.org/${NASTY}" skills:photography`,
          as(cast.friend),
        ),
    );
    await step(
      'resource',
      async () =>
        await bot.run(
          `/resource add name:"Zine archive" kind:book where:"${NASTY}" description:"${NASTY}"`,
          as(cast.subject),
        ),
    );
    await step('borrow', async () => await bot.run('/resource borrow "Zine archive"', as(cast.friend)));
    await step('ask', async () => await bot.run(`/resource ask what:"${SHORT} zine"`, as(cast.friend)));
    await step('suggest', async () => await bot.run('/match suggest', as(cast.friend)));
    for (const line of [
      '/profile',
      `/profile member:<@${cast.subject}>`,
      '/skills find photography',
      '/meetup list',
      `/meetup stats ${meetup}`,
      '/feedback list',
      '/match status',
      '/resource list',
      '/resource show "Zine archive"',
      '/resource mine',
    ]) {
      await step(line, async () => await bot.run(line, as(cast.friend)));
    }
    await step('home', async () => await bot.dispatch({ kind: 'home_opened', actor: bot.actor(as(cast.subject)) }));
    for (const job of ['match-round', 'digest', 'feedback-prompt', 'meetup-reminders', 'resource-reminders'] as const) {
      await step(job, async () => await bot.run(`/hallway run ${job}`, as(cast.host)));
    }
    bot.clock.advance(3 * 24 * 3_600_000);
    await step('tick', async () => {
      await bot.tick();
      return undefined;
    });
    expect(problems).toEqual([]);
    // The hostile text did reach other members (so the check above saw it).
    expect(bot.sent.filter((d) => JSON.stringify(d.reply).includes('@everyone')).length).toBeGreaterThan(3);
  });
});
