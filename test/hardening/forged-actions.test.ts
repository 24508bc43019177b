/**
 * Forged actions (issue 20): every action id the app registers — read from the bound features, so a new feature's
 * buttons are swept without editing this file — is pressed with the values of buttons Hallway really offered, by
 * every kind of member it was not offered to: three other members of the community (the two nearest to it, who got
 * its feature's other buttons on the same value, and one who has nothing to do with it), the member it was offered
 * to but without manager rights (for buttons offered to managers alone), and a manager of another community
 * (rights, but elsewhere: a plain member there is refused for less). Each press must be refused (a UserError) and
 * change nothing in any table (the probe compares the whole database, on SQLite and on PostgreSQL).
 *
 * Values come from the action's own buttons and from every other button whose value the action reads (a request id
 * from an ask DM sent as "I'll give feedback", a pairing id from "Did you meet?" sent as "Open a group chat"): an
 * action with a value it was never offered with was offered to no one. A button posted in a channel was offered to
 * the whole community, so only the other community presses it; who in the community may use those is tested where
 * the rules live (feedback-offered, avoid-introductions).
 *
 * An action the life below never offers fails the sweep until a step offers it, or it is listed in SELF_SERVICE.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { ActionDef } from '#core/command.ts';
import type { CommunityId } from '#core/ids.ts';
import type { As, TestBot } from '../support/test-bot.ts';
import { botWithDb } from './support/capture-db.ts';
import type { DbView } from './support/db.ts';
import { type Cast, liveALife, slackCast } from './support/life.ts';
import { type Offer, type OfferLog, watchOffers } from './support/offered.ts';
import { prober } from './support/probe.ts';

/**
 * Actions whose value names no one's object: pressing one does for the presser exactly what a command any member
 * may run does for them. Nothing to forge, so nothing to refuse; each is still pressed by strangers, and must not
 * crash.
 */
const SELF_SERVICE: Record<string, string> = {
  'intro.open': 'opens the presser’s own intro form, like /intro',
  'skills.page': 'a page of the skills directory, like /skills find',
  'feedback.open': 'opens the feedback request form, like /feedback request',
  'mentor.ask': 'opens the presser’s own request form for a mentor, like /mentor request member:',
  'hallway.keep-community': 'changes nothing ("Nothing was deleted"), whoever presses it',
};

/** Actions pressed from the web dashboard, not from a chat button (each checks the presser's rights itself). */
const WEB_ONLY: Record<string, string> = {
  'dashboard.workshop': 'the Skills page’s "Suggest a workshop" (managers only, checked in the action)',
};

/**
 * Values pressed per action: its own first few, and a few read from other actions' buttons (every press compares the
 * whole database, so the sweep stays at a few hundred presses).
 */
const OWN_VALUES = 2;
const BORROWED_VALUES = 3;

const cast = slackCast('slack:T0FORGE');
const ELSEWHERE: CommunityId = 'discord:700000000000000007';
const MALLORY = 'U0MALLORY';

/** Everything the life offers, plus what it leaves unoffered: a pending intro, a digest idea, forget-me. */
async function offerEverything(bot: TestBot, c: Cast): Promise<OfferLog> {
  const log = watchOffers(bot);
  const as = (userId: string) => ({ as: userId, community: c.community, admin: userId === c.host });
  await liveALife(bot, c);
  // Resources: a booking two days out, the same slot asked by the friend (the nearest free
  // ones offered), the subject's bookings
  // with their calendar buttons, and the reminder an hour before the slot, with "Cancel booking".
  await bot.run('/resource book Risograph when:"in 2 days 15:00" for:1h', as(c.subject));
  await bot.run(`/resource train member:<@${c.friend}> resource:Risograph`, as(c.host));
  await bot.run('/resource book Risograph when:"in 2 days 15:00" for:1h', as(c.friend));
  await bot.run('/resource mine', as(c.subject));
  const [booking] = await bot.repos.resources.listMemberBookings(c.community, c.subject, bot.clock.now());
  bot.clock.advance(booking!.startsAt.getTime() - bot.clock.now().getTime() - 30 * 60_000);
  await bot.runJob('resource-reminders');
  // Mentorship: the host mentors printing too; the newcomer looks for a printing mentor (Ask …) and asks for one
  // (Ask the mentors with room); the friend says
  // not now to the subject's request (Ask the next mentor); two weeks on, check-ins: the third is stuck (Find
  // another mentor) and the subject wraps up (the closing question).
  await bot.run('/mentor offer skills:"print, risograph printing"', as(c.host));
  await bot.run('/mentor find skill:"risograph printing"', as(c.newcomer));
  await bot.run('/mentor request about:"A two-colour poster" skill:"risograph printing"', as(c.newcomer));
  const declineAsk = bot.sent.findLast(
    (d) => d.to.includes(c.friend) && d.reply.buttons?.some((b) => b.action === 'mentor.decline'),
  );
  if (declineAsk) await bot.click(declineAsk.reply.buttons!.find((b) => b.action === 'mentor.decline')!, as(c.friend));
  bot.clock.advance(14 * 86_400_000);
  await bot.tick();
  await bot.tick();
  const checkIn = (userId: string, label: string) =>
    bot.sent
      .findLast((d) => d.to.includes(userId) && d.reply.buttons?.some((b) => b.action === 'mentor.checkin'))
      ?.reply.buttons?.find((b) => b.label === label);
  const stuck = checkIn(c.third, 'Stuck');
  if (stuck) await bot.click(stuck, as(c.third));
  const wrap = checkIn(c.subject, 'Wrap up');
  if (wrap) await bot.click(wrap, as(c.subject));
  // An intro waiting for approval (approval is on): fresh Approve / Edit / Reject buttons for the manager.
  const form = (await bot.run('/intro', as(c.friend))).form!;
  const intro = { role: 'Printer', working_on: 'Riso zines', offers: 'risograph printing', needs: 'photography' };
  await bot.submit(form, intro, as(c.friend));
  await bot.run('/intro review', as(c.host));
  // Two members want photography, which the subject offers: a skill-share idea in next week's digest.
  await bot.run('/skills need photography', as(c.newcomer));
  bot.clock.advance(7 * 86_400_000);
  await bot.runJob('digest');
  // A score given: the rating's own reply offers "Add a comment".
  const rated = bot.sent.find((d) => d.kind === 'dm' && d.reply.buttons?.some((b) => b.action === 'meetup.rate'))!;
  await bot.click(rated.reply.buttons!.at(-1)!, as(rated.to[0]!));
  // A host named by another member is asked first (Accept / Decline); a manager asked to forget the community
  // confirms or keeps it.
  await bot.run(`/meetup create title:"Print swap" when:"in 3 days 18:00" host:<@${c.friend}>`, as(c.subject));
  await bot.run('/hallway forget-community', as(c.host));
  await bot.run('/hallway forget-me', as(c.third));
  await bot.run('/skills find photography', as(c.friend));
  await bot.drain();
  log.readDeliveries(bot);
  return log;
}

interface Presser extends As {
  readonly kind: string;
}

/** One press to try: an action, a value, who it was offered to (if it was), who else is worth trying. */
interface Case {
  readonly action: string;
  readonly value: string;
  readonly offer?: Offer;
  /** Members who got the button the value came from: the likeliest to be let through by mistake. */
  readonly near: ReadonlySet<string>;
}

/** The action's own offered values, then values of other buttons that its schema reads. */
function casesOf(def: ActionDef, offered: ReadonlyMap<string, Offer[]>): Case[] {
  const own = new Map((offered.get(def.id) ?? []).map((o) => [o.value, o]));
  // Who got the same feature's other buttons on the same value (a meetup's attendees for its "Add a comment"): the
  // members with a claim on the object, but not in the state this button is offered in.
  const feature = def.id.split('.')[0];
  const audience = (value: string) =>
    new Set(
      [...offered]
        .filter(([other]) => other !== def.id && other.split('.')[0] === feature)
        .flatMap(([, offers]) => offers.filter((o) => o.value === value).flatMap((o) => [...o.to])),
    );
  const cases: Case[] = [...own.values()]
    .slice(0, OWN_VALUES)
    .map((offer) => ({ action: def.id, value: offer.value, offer, near: audience(offer.value) }));
  const borrowed: Case[] = [];
  for (const [other, offers] of offered) {
    if (other === def.id || borrowed.length >= BORROWED_VALUES) continue;
    const source = offers.find((o) => def.value.safeParse(o.value).success && !cases.some((c) => c.value === o.value));
    if (source && !borrowed.some((c) => c.value === source.value)) {
      borrowed.push({ action: def.id, value: source.value, offer: own.get(source.value), near: source.to });
    }
  }
  return [...cases, ...borrowed];
}

/** Who presses: every kind of member the action with this value was not offered to. */
function pressersOf(c: Case, cast: Cast, managersOnly: ReadonlySet<string>): Presser[] {
  const others: Presser[] = [
    { kind: 'a manager elsewhere', as: cast.host.replace('U0', 'E0'), community: ELSEWHERE, admin: true },
  ];
  if (c.offer?.public) return others;
  const community = cast.community;
  const offeredTo = c.offer?.to ?? new Set<string>();
  const members = [...new Set([...c.near, cast.subject, cast.friend, cast.third, cast.newcomer])].filter(
    (u) => !offeredTo.has(u) && u !== cast.host,
  );
  // The two nearest to it, and a member with nothing to do with anything.
  const inside: Presser[] = [...members.slice(0, 2), MALLORY].map((as) => ({
    kind: 'another member',
    as,
    community,
    admin: false,
  }));
  // A manager's button (offered to the manager alone): the same member, without the rights (a manager who lost
  // them). A button the manager also got as a member (a mentorship ask) is theirs whatever their rights.
  if (managersOnly.has(c.action)) inside.push({ kind: 'a non-manager', as: cast.host, community, admin: false });
  return [...inside, ...others];
}

describe('every action, pressed by a member it was not offered to', () => {
  let bot: TestBot;
  let db: DbView;
  let offered: Map<string, Offer[]>;

  beforeAll(async () => {
    ({ bot, db } = await botWithDb({ community: cast.community }));
    const log = await offerEverything(bot, cast);
    offered = log.byAction(cast.community);
    for (const presser of [MALLORY, cast.host.replace('U0', 'E0')]) {
      await bot.run('/hallway help', { as: presser, community: ELSEWHERE, admin: presser !== MALLORY });
    }
    await bot.run('/hallway help', { as: MALLORY, community: cast.community, admin: false });
    // A whole life, then a few more steps: about half a minute on PostgreSQL.
  }, 120_000);

  const actions = () => bot.features.flatMap((f) => f.actions ?? []);
  const actionIds = () => actions().map((a) => a.id);

  it('the life offers every registered action (a new one needs a step that offers it)', () => {
    const ids = actionIds();
    expect(ids.length).toBeGreaterThan(20);
    const missing = ids.filter((id) => !offered.has(id) && !(id in SELF_SERVICE) && !(id in WEB_ONLY));
    expect(missing, 'actions never offered by the sweep life: add a step to offerEverything').toEqual([]);
    expect(Object.keys(SELF_SERVICE).filter((id) => !ids.includes(id))).toEqual([]);
  });

  // Several hundred presses, each comparing every table before and after: a minute or so on PostgreSQL.
  it('refuses every press and changes nothing', { timeout: 600_000 }, async () => {
    const managersOnly = new Set(
      [...offered]
        .filter(
          ([, offers]) => offers.every((o) => [...o.to].every((u) => u === cast.host)) && offers.some((o) => o.to.size),
        )
        .map(([id]) => id),
    );
    const p = prober(bot, db);
    const problems: string[] = [];
    const accepted: string[] = [];
    for (const def of actions()) {
      for (const c of casesOf(def, offered)) {
        for (const presser of pressersOf(c, cast, managersOnly)) {
          const what = `${c.action}:${c.value} by ${presser.kind} (${presser.as}@${presser.community})`;
          const verdict = await p.probe(what, () => bot.click(c, presser));
          problems.push(...verdict.problems);
          if (!verdict.rejected && !(def.id in SELF_SERVICE)) accepted.push(`${what}: ${bot.text(verdict.reply)}`);
        }
      }
    }
    expect(problems).toEqual([]);
    expect(accepted).toEqual([]);
    expect(p.tally.pokes).toBeGreaterThan(300);
    console.info(`forged actions: ${p.tally.pokes} presses, ${p.tally.rejected} refused`);
  });
});
