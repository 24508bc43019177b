/**
 * Forged actions (issue 20): every action id the app registers — read from the bound features, so a new feature's
 * buttons are swept without editing this file — is pressed with the values of buttons Hallway really offered, by
 * every kind of member it was not offered to: another member of the community, the member it was offered to but
 * without manager rights (for buttons offered to managers), and a manager and a member of another community. Each
 * press must be refused (a UserError) and change nothing in any table (the probe compares the whole database, on
 * SQLite and on PostgreSQL).
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
};

/** Values pressed per action: its own first few, and a few read from other actions' buttons. */
const OWN_VALUES = 3;
const BORROWED_VALUES = 6;

const cast = slackCast('slack:T0FORGE');
const ELSEWHERE: CommunityId = 'discord:700000000000000007';
const MALLORY = 'U0MALLORY';

/** Everything the life offers, plus what it leaves unoffered: a pending intro, a digest idea, forget-me. */
async function offerEverything(bot: TestBot, c: Cast): Promise<OfferLog> {
  const log = watchOffers(bot);
  const as = (userId: string) => ({ as: userId, community: c.community, admin: userId === c.host });
  await liveALife(bot, c);
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
  const cases: Case[] = [...own.values()]
    .slice(0, OWN_VALUES)
    .map((offer) => ({ action: def.id, value: offer.value, offer, near: new Set() }));
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
function pressersOf(c: Case, cast: Cast): Presser[] {
  const others: Presser[] = [
    { kind: 'a manager elsewhere', as: cast.host.replace('U0', 'E0'), community: ELSEWHERE, admin: true },
    { kind: 'a member elsewhere', as: MALLORY, community: ELSEWHERE, admin: false },
  ];
  if (c.offer?.public) return others;
  const community = cast.community;
  const offeredTo = c.offer?.to ?? new Set<string>();
  const members = [...new Set([...c.near, MALLORY, cast.subject, cast.friend, cast.third, cast.newcomer])].filter(
    (u) => !offeredTo.has(u) && u !== cast.host,
  );
  const inside: Presser[] = members.slice(0, 3).map((as) => ({ kind: 'another member', as, community, admin: false }));
  // Offered to a manager: the same member, without the rights (a manager who lost them).
  if (offeredTo.has(cast.host)) inside.push({ kind: 'a non-manager', as: cast.host, community, admin: false });
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
  });

  const actions = () => bot.features.flatMap((f) => f.actions ?? []);
  const actionIds = () => actions().map((a) => a.id);

  it('the life offers every registered action (a new one needs a step that offers it)', () => {
    const ids = actionIds();
    expect(ids.length).toBeGreaterThan(20);
    const missing = ids.filter((id) => !offered.has(id) && !(id in SELF_SERVICE));
    expect(missing, 'actions never offered by the sweep life: add a step to offerEverything').toEqual([]);
    expect(Object.keys(SELF_SERVICE).filter((id) => !ids.includes(id))).toEqual([]);
  });

  // Several hundred presses, each comparing every table before and after: a minute or so on PostgreSQL.
  it('refuses every press and changes nothing', { timeout: 240_000 }, async () => {
    const p = prober(bot, db);
    const problems: string[] = [];
    const accepted: string[] = [];
    for (const def of actions()) {
      for (const c of casesOf(def, offered)) {
        for (const presser of pressersOf(c, cast)) {
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
