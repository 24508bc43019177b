/**
 * Authorisation: every admin subcommand of the catalog refuses non-admins on Slack-, Discord- and shell-shaped
 * communities (with a clear message, changing nothing), and crafted button values and form metas never let a
 * member act on someone else's profile, meetup, feedback, matches, bookings, loans, things, asks or data. Button
 * values carry ids only; who may use them is decided from the actor, server-side.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { CommunityId } from '#core/ids.ts';
import type { Reply } from '#core/reply.ts';
import type { As, TestBot } from '../support/test-bot.ts';
import { botWithDb } from './support/capture-db.ts';
import type { DbView } from './support/db.ts';
import { type Cast, discordCast, liveALife, slackCast } from './support/life.ts';
import { type Prober, prober } from './support/probe.ts';

const COMMUNITIES: CommunityId[] = ['slack:T0AUTH', 'discord:800000000000000001', 'shell:auth'];

describe.each(COMMUNITIES)('admin subcommands on %s', (community) => {
  it('refuse every non-admin with a clear message and change nothing; admins get through', async () => {
    const { bot, db } = await botWithDb({ community });
    const p = prober(bot, db);
    const member: As = { as: 'member1', admin: false, community };
    const admin: As = { as: 'manager1', admin: true, community };
    await bot.run('/hallway help', member);
    const adminSubs = bot.core.catalog.flatMap((c) => c.subcommands.filter((s) => s.admin).map((s) => ({ c, s })));
    expect(adminSubs.map(({ c, s }) => `${c.name} ${s.name}`)).toEqual(
      expect.arrayContaining(['hallway config', 'hallway run', 'hallway stats', 'hallway export']),
    );
    for (const { c, s } of adminSubs) {
      const example = s.examples.find((e) => e !== '') ?? '';
      const refusals: Reply[] = [];
      for (const poke of [
        async () => await bot.run(`/${c.name} ${s.name} ${example}`, member),
        async () => await bot.runOptions(c.name, s.name, {}, member),
      ]) {
        const verdict = await p.probe(`/${c.name} ${s.name}`, poke);
        expect(verdict.problems).toEqual([]);
        expect(verdict.rejected).toBe(true);
        refusals.push(verdict.reply!);
      }
      for (const r of refusals) {
        expect(r.text).toBe(`Only community managers can use \`/${c.name} ${s.name}\`.`);
        expect(r.files).toBeUndefined();
      }
      const allowed = await bot.run(`/${c.name} ${s.name} ${example}`, admin);
      expect(allowed.text).not.toMatch(/Only community managers/);
    }
  });
});

/** Ids of the victim's things, read from storage after the life was lived. */
async function victimsThings(bot: TestBot, db: DbView, cast: Cast) {
  const { community: c, subject: victim } = cast;
  const suggestion = await db.query((q) =>
    q
      .selectFrom('match_suggestions')
      .select('id')
      .where('community', '=', c)
      .where('user_id', '=', victim)
      .executeTakeFirstOrThrow(),
  );
  const askedOf = await db.query((q) =>
    q
      .selectFrom('feedback_asks')
      .select('request_id')
      .where('community', '=', c)
      .where('reviewer', '=', victim)
      .executeTakeFirstOrThrow(),
  );
  return {
    suggestion: suggestion.id,
    pairing: (await bot.repos.matching.pairingsOf(c, victim, 1))[0]!.id,
    request: (
      await bot.repos.feedback.listRequestsBy(c, victim, ['open', 'fulfilled', 'offered_publicly', 'expired'])
    )[0]!.id,
    askedOf: askedOf.request_id,
  };
}

describe.each([
  { name: 'Slack', cast: slackCast('slack:T0CRAFT') },
  { name: 'Discord', cast: discordCast('discord:800000000000000002', 3) },
])('crafted button values and form metas on a $name community', ({ cast }) => {
  const c = cast.community;
  const mallory: As = {
    as: cast.community.startsWith('slack') ? 'U0MALLORY' : '300000000000000666',
    community: c,
    admin: false,
  };
  let bot: TestBot;
  let db: DbView;
  let p: Prober;
  let ids: Awaited<ReturnType<typeof victimsThings>> & { meetup: number; pendingRevision: number };

  beforeAll(async () => {
    ({ bot, db } = await botWithDb({ community: c }));
    await liveALife(bot, cast);
    // Still to come: the victim's meetup (with the friend going), and the third member's intro waiting for approval.
    await bot.run('/meetup create title:"Darkroom evening" when:"in 2 days 19:00"', { as: cast.subject, community: c });
    const meetup = (await bot.repos.meetups.listUpcoming(c, bot.clock.now(), 5)).find(
      (m) => m.title === 'Darkroom evening',
    )!.id;
    await bot.run(`/meetup rsvp ${meetup} going`, { as: cast.friend, community: c });
    const form = (await bot.run('/intro', { as: cast.third, community: c })).form!;
    await bot.submit(form, { role: 'Sound', working_on: 'An album' }, { as: cast.third, community: c });
    const pendingRevision = (await bot.repos.profiles.get(c, cast.third))!.revision;
    await bot.run('/hallway help', mallory);
    ids = { ...(await victimsThings(bot, db, cast)), meetup, pendingRevision };
    p = prober(bot, db);
  });

  async function refused(what: string, poke: () => Promise<Reply | undefined>, message: RegExp) {
    const verdict = await p.probe(what, poke, { replyExpected: true });
    expect(verdict.problems).toEqual([]);
    expect(verdict.rejected, `${what} should be refused`).toBe(true);
    expect(verdict.reply?.text).toMatch(message);
  }

  it("cannot approve, edit or reject someone's introduction, nor see the queue", async () => {
    const ref = `${cast.third}:${ids.pendingRevision}`;
    const managers = /Only community managers can review introductions/;
    await refused('/intro review', async () => await bot.run('/intro review', mallory), managers);
    for (const action of ['intro.approve', 'intro.edit', 'intro.reject']) {
      await refused(action, async () => await bot.click({ action, value: ref }, mallory), managers);
    }
    await refused(
      'review-edit form',
      async () => await bot.submit('intro.review-edit', { role: 'Hacked', working_on: 'x' }, { ...mallory, meta: ref }),
      managers,
    );
    await refused(
      'reject form',
      async () => await bot.submit('intro.reject', { reason: 'no' }, { ...mallory, meta: ref }),
      managers,
    );
    expect((await bot.repos.profiles.get(c, cast.third))?.status).toBe('pending_approval');
  });

  it("cannot edit or cancel someone else's meetup, by command or by form", async () => {
    const host = /Only the host of #\d+ or a community manager can (edit|cancel) it/;
    await refused('/meetup cancel', async () => await bot.run(`/meetup cancel ${ids.meetup}`, mallory), host);
    await refused('/meetup edit', async () => await bot.run(`/meetup edit ${ids.meetup} title:Hacked`, mallory), host);
    await refused(
      'edit form',
      async () =>
        await bot.submit(
          'meetup.edit',
          { title: 'Hacked', when: 'tomorrow 10:00' },
          { ...mallory, meta: String(ids.meetup) },
        ),
      host,
    );
    expect(await bot.repos.meetups.get(c, ids.meetup)).toMatchObject({
      title: 'Darkroom evening',
      status: 'scheduled',
    });
  });

  it('cannot RSVP or rate as someone else: the value names the meetup, the actor is always the one answering', async () => {
    for (const value of [
      `${ids.meetup}:no:${cast.friend}`,
      `${cast.friend}:${ids.meetup}:no`,
      `${ids.meetup}:no|${cast.friend}`,
    ]) {
      await refused(
        `rsvp ${value}`,
        async () => await bot.click({ action: 'meetup.rsvp', value }, mallory),
        /no longer valid/,
      );
    }
    await bot.click({ action: 'meetup.rsvp', value: `${ids.meetup}:no` }, mallory);
    expect((await bot.repos.meetups.getRsvp(c, ids.meetup, cast.friend))?.status).toBe('going');
    expect((await bot.repos.meetups.getRsvp(c, ids.meetup, mallory.as!))?.status).toBe('no');
    await refused(
      'rate',
      async () => await bot.click({ action: 'meetup.rate', value: `${ids.meetup}:1` }, mallory),
      /Only members who had a seat/,
    );
    await refused(
      'comment form',
      async () => await bot.submit('meetup.comment', { comment: 'bad' }, { ...mallory, meta: String(ids.meetup) }),
      /Only members who had a seat/,
    );
    await refused(
      'draft',
      async () => await bot.click({ action: 'meetup.draft', value: `${cast.subject}|photography` }, mallory),
      /for .* to set up/,
    );
  });

  it("cannot answer, rate or thank on someone else's feedback", async () => {
    const notYours = /was not sent to you/;
    for (const action of ['feedback.accept', 'feedback.decline', 'feedback.given', 'feedback.note']) {
      await refused(action, async () => await bot.click({ action, value: String(ids.askedOf) }, mallory), notYours);
    }
    await refused(
      'note form',
      async () => await bot.submit('feedback.note', { note: 'x' }, { ...mallory, meta: String(ids.askedOf) }),
      notYours,
    );
    const requester = /Only the member who asked for this feedback/;
    await refused(
      'rate',
      async () => await bot.click({ action: 'feedback.rate', value: `${ids.askedOf}:${cast.subject}:1` }, mallory),
      requester,
    );
    await refused(
      'thank',
      async () => await bot.click({ action: 'feedback.thank', value: `${ids.askedOf}:${cast.subject}` }, mallory),
      requester,
    );
    await refused(
      'thanks form',
      async () =>
        await bot.submit('feedback.thanks', { thanks: 'x' }, { ...mallory, meta: `${ids.askedOf}:${cast.subject}` }),
      requester,
    );
    await refused(
      '/feedback cancel',
      async () => await bot.run(`/feedback cancel ${ids.request}`, mallory),
      /You have no feedback request/,
    );
    expect((await bot.repos.feedback.getRequest(c, ids.request))?.status).not.toBe('cancelled');
  });

  it("cannot act on someone else's suggestions or pairings", async () => {
    const notForYou = /This button isn't for you/;
    for (const action of ['match.introduce', 'match.dismiss']) {
      await refused(action, async () => await bot.click({ action, value: String(ids.suggestion) }, mallory), notForYou);
    }
    for (const [action, value] of [
      ['match.group', `${ids.pairing}`],
      ['match.skip', `${ids.pairing}`],
      ['match.met', `${ids.pairing}:no`],
      ['match.collab', `${ids.pairing}:no`],
    ] as const) {
      await refused(action, async () => await bot.click({ action, value }, mallory), notForYou);
    }
  });

  it("cannot cancel, answer, remove or train on someone else's bookings, loans, things and asks", async () => {
    // A fresh ask (the life's asks went public after two days, and anyone may answer those).
    await bot.run('/resource ask what:"a photography backdrop"', { as: cast.friend, community: c });
    type Table = 'resource_bookings' | 'resource_loans' | 'resource_asks';
    const idWhere = async (table: Table, column: 'user_id' | 'borrower' | 'what', value: string) =>
      await db.query(async (q) => {
        const row = await q
          .selectFrom(table as 'resource_loans')
          .select('id')
          .where('community', '=', c)
          .where(column as 'borrower', '=', value)
          .executeTakeFirstOrThrow();
        return row.id;
      });
    const booking = await idWhere('resource_bookings', 'user_id', cast.subject);
    const zines = await idWhere('resource_loans', 'borrower', cast.friend);
    const tripodLoan = await idWhere('resource_loans', 'borrower', cast.third);
    const backdropAsk = await idWhere('resource_asks', 'what', 'a photography backdrop');
    const click = (action: string, value: number | string) => async () =>
      await bot.click({ action, value: String(value) }, mallory);
    await refused('resource.cancel', click('resource.cancel', booking), /someone else's/);
    await refused('resource.calendar', click('resource.calendar', booking), /someone else/);
    await refused(
      '/resource cancel',
      async () => await bot.run(`/resource cancel ${booking}`, mallory),
      /someone else's/,
    );
    for (const action of ['resource.lend', 'resource.not-now', 'resource.got-back']) {
      await refused(action, click(action, zines), /Only the owner/);
      await refused(action, click(action, tripodLoan), /Only the owner/);
    }
    await refused('resource.have', click('resource.have', backdropAsk), /went to other members/);
    await refused('resource.not-me', click('resource.not-me', backdropAsk), /went to other members/);
    await refused(
      '/resource remove',
      async () => await bot.run('/resource remove "Zine archive"', mallory),
      /Only its owner/,
    );
    await refused(
      '/resource remove',
      async () => await bot.run('/resource remove Risograph', mallory),
      /Only a community manager/,
    );
    await refused(
      '/resource train',
      async () => await bot.run(`/resource train member:<@${mallory.as}> resource:Risograph`, mallory),
      /Only a community manager/,
    );
    await refused(
      '/resource add',
      async () => await bot.run('/resource add name:Kiln kind:equipment bookable:yes', mallory),
      /Only community managers add bookable/,
    );
    const riso = (await bot.repos.resources.findResourceByName(c, 'Risograph'))!.id;
    await refused(
      'resource.book form',
      async () =>
        await bot.submit('resource.book', { when: 'in 3 days 10:00', for: '1h' }, { ...mallory, meta: String(riso) }),
      /need a short training/,
    );
  });

  it("cannot answer someone else's mentorship request, check-in or closing, nor their coffee invitation", async () => {
    const [mentorship] = await bot.repos.mentorship.mentorshipsOf(c, cast.subject, ['active']);
    const request = await bot.repos.mentorship.openRequestOf(c, cast.subject);
    expect([mentorship?.menteeId, request?.menteeId]).toEqual([cast.third, cast.subject]);
    for (const action of ['mentor.accept', 'mentor.decline']) {
      await refused(
        action,
        async () => await bot.click({ action, value: String(request!.id) }, mallory),
        /Only the mentor this request was sent to/,
      );
    }
    await refused(
      'mentor.next',
      async () => await bot.click({ action: 'mentor.next', value: `${request!.id}:${cast.host}` }, mallory),
      /Only the member who made this request/,
    );
    const theirs = /Only the mentor and the mentee of this mentorship/;
    for (const [action, value] of [
      ['mentor.checkin', `${mentorship!.id}:1:wrap`],
      ['mentor.switch', `${mentorship!.id}`],
      ['mentor.closing', `${mentorship!.id}`],
    ] as const) {
      await refused(action, async () => await bot.click({ action, value }, mallory), theirs);
    }
    await refused(
      'closing form',
      async () => await bot.submit('mentor.closing', { takeaway: 'x' }, { ...mallory, meta: String(mentorship!.id) }),
      theirs,
    );
    await refused(
      'presence.answer',
      async () => await bot.click({ action: 'presence.answer', value: `${cast.subject}:sure` }, mallory),
      /no longer open/,
    );
    expect((await bot.repos.mentorship.mentorship(c, mentorship!.id))?.status).toBe('active');
  });

  it("cannot erase someone else's data with a crafted forget-me button", async () => {
    await refused(
      'hallway.forget',
      async () => await bot.click({ action: 'hallway.forget', value: cast.subject }, mallory),
      /only delete your own data/,
    );
    expect(await bot.repos.members.get(c, cast.subject)).toBeDefined();
    expect((await bot.repos.profiles.get(c, cast.subject))?.published).toBeDefined();
  });
});
