/**
 * A community that has lived a little, driven only through what members do (commands, buttons, forms, jobs):
 * intros and cards, skills, suggestions, a weekly round with its follow-up, avoid lists, meetups with RSVPs, a
 * waitlist, reminders and ratings, feedback asked, given, rated and thanked, opt-outs, an approval, shared
 * resources booked, lent, queued for and asked about, a mentorship and a mentorship request, presence with a coffee
 * invitation. Used by the isolation, data-rights and mass-mention tests, so they all look at the same rich state.
 */
import type { CommunityId } from '#core/ids.ts';
import type { Button, Reply } from '#core/reply.ts';
import type { TestBot } from '../../support/test-bot.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** The cast: `subject` lives the fullest life (the forget-me tests forget them). */
export interface Cast {
  readonly community: CommunityId;
  readonly host: string;
  readonly subject: string;
  readonly friend: string;
  readonly third: string;
  readonly newcomer: string;
  /** Channel ids for intros, meetups and feedback. */
  readonly channels: { readonly intro: string; readonly events: string; readonly wip: string };
}

/** A Slack-shaped cast (ids look like Slack's). `tag` keeps two casts' ids apart. */
export function slackCast(community: CommunityId, tag = ''): Cast {
  return {
    community,
    host: `U0HOST${tag}`,
    subject: `U0LUCAS${tag}`,
    friend: `U0EMMA${tag}`,
    third: `U0MIA${tag}`,
    newcomer: `U0DEV${tag}`,
    channels: { intro: `C0INTRO${tag}`, events: `C0EVENTS${tag}`, wip: `C0WIP${tag}` },
  };
}

/** A Discord-shaped cast (snowflakes). `seed` (1-9) keeps two casts' ids apart. */
export function discordCast(community: CommunityId, seed: number): Cast {
  const id = (n: number) => `${seed}${String(n).padStart(17, '0')}`;
  return {
    community,
    host: id(1),
    subject: id(2),
    friend: id(3),
    third: id(4),
    newcomer: id(5),
    channels: { intro: id(11), events: id(12), wip: id(13) },
  };
}

/** Finds the newest button for `action` the member got by DM (or undefined). */
export function dmButton(bot: TestBot, cast: Cast, userId: string, action: string): Button | undefined {
  const dms = bot.sent.filter((d) => d.community === cast.community && d.kind === 'dm' && d.to.includes(userId));
  for (const d of [...dms].reverse()) {
    const button = d.reply.buttons?.find((b) => b.action === action);
    if (button) return button;
  }
  return undefined;
}

function must<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`life: ${what} did not happen`);
  return value;
}

/** Runs a command and fails loudly on the generic apology (the scenario must be valid). */
async function ok(bot: TestBot, line: string, as: string, community: CommunityId, admin = false): Promise<Reply> {
  const reply = await bot.run(line, { as, community, admin });
  if (/something went wrong/.test(reply.text)) throw new Error(`life: ${line} crashed`);
  return reply;
}

/**
 * Lives the scenario in `cast.community`. Moves the bot's clock forward by about five days. Returns the ids of the
 * meetups and feedback requests created, for tests that craft button values.
 */
export async function liveALife(bot: TestBot, cast: Cast) {
  const { community: c, host, subject: s, friend: f, third: t, newcomer: n } = cast;
  const as = (userId: string) => ({ as: userId, community: c, admin: userId === host });
  const ch = cast.channels;
  await ok(
    bot,
    `/hallway config intro-channel:${ch.intro} meetup-channel:${ch.events} feedback-channel:${ch.wip} resources-channel:${ch.events}`,
    host,
    c,
    true,
  );
  for (const u of [s, f, t, n])
    await bot.dispatch({ kind: 'member_joined', actor: bot.actor({ as: u, community: c, admin: false }) });
  await ok(bot, '/hallway help', host, c, true);

  // Introductions: the subject's intro (card posted), a bit more, skills that complement the others'.
  const intro = await ok(bot, '/intro', s, c);
  await bot.submit(
    must(intro.form, 'intro form'),
    {
      role: 'Photographer',
      working_on: 'A zine about rivers',
      offers: 'photography, layout design',
      needs: 'risograph printing',
      links: 'https://example.org/lucas',
    },
    as(s),
  );
  await bot.submit('intro.more', { pronouns: 'he/him', fun_fact: 'Owns nine cameras' }, as(s));
  await ok(bot, '/skills offer risograph printing, illustration', f, c);
  await ok(bot, '/skills need photography', f, c);
  await ok(bot, '/skills offer photography, mixing', t, c);
  await ok(bot, '/skills need layout design', t, c);

  // Matching: suggestions both ways, an avoid both ways, a weekly round and its follow-up.
  await ok(bot, '/match suggest', f, c);
  await ok(bot, '/match suggest', s, c);
  const introduce = dmButton(bot, cast, s, 'match.introduce');
  if (introduce) await bot.click(introduce, as(s));
  await ok(bot, `/match avoid member:<@${n}>`, s, c);
  await ok(bot, `/match avoid member:<@${s}>`, n, c);
  await ok(bot, '/hallway run match-round', host, c, true);
  const group = dmButton(bot, cast, s, 'match.group');
  if (group) await bot.click(group, as(s));
  // A break from the rounds and back: the subject's matching preferences are stored. (A second round would store
  // them too, but a manual run takes this week's round, and the schedule does not run it again.)
  await ok(bot, '/match pause until:"next monday"', s, c);
  await ok(bot, '/match resume', s, c);

  // Meetups: the subject hosts one with a capacity; the friend's has the subject seated and the third waitlisted.
  await ok(bot, `/meetup create title:"Zine night" when:"in 2 days 19:00" capacity:2 host:<@${s}>`, s, c);
  await ok(bot, `/meetup create title:"Riso jam" when:"tomorrow 18:00" capacity:1`, f, c);
  const meetups = await bot.repos.meetups.listUpcoming(c, bot.clock.now(), 10);
  const [riso, zine] = [
    must(
      meetups.find((m) => m.title === 'Riso jam'),
      'riso',
    ),
    must(
      meetups.find((m) => m.title === 'Zine night'),
      'zine',
    ),
  ];
  await ok(bot, `/meetup rsvp ${zine.id} going`, f, c);
  await bot.click({ action: 'meetup.rsvp', value: `${riso.id}:going` }, as(s));
  await bot.click({ action: 'meetup.rsvp', value: `${riso.id}:going` }, as(t));
  await ok(bot, '/meetup reminders off', t, c);

  // Feedback: the friend asks (the subject is asked, accepts, gives, adds a note; the friend rates and thanks),
  // then the subject asks (the friend answers); the subject turns "was this helpful?" off.
  await ok(bot, '/feedback request about:"Riso zine cover" skills:photography', f, c);
  const ask = must(dmButton(bot, cast, s, 'feedback.accept'), 'feedback ask to subject');
  await bot.click(ask, as(s));
  await bot.click({ action: 'feedback.given', value: ask.value }, as(s));
  await bot.submit('feedback.note', { note: 'Great colours, try a bolder title.' }, { ...as(s), meta: ask.value });
  await bot.click(must(dmButton(bot, cast, f, 'feedback.rate'), 'rate button'), as(f));
  await bot.submit('feedback.thanks', { thanks: 'Thank you so much!' }, { ...as(f), meta: `${ask.value}:${s}` });
  await ok(bot, '/feedback request about:"River zine layout" skills:"risograph printing"', s, c);
  const back = dmButton(bot, cast, f, 'feedback.accept');
  if (back) {
    await bot.click(back, as(f));
    await bot.click({ action: 'feedback.given', value: back.value }, as(f));
    const rate = dmButton(bot, cast, s, 'feedback.rate');
    if (rate) await bot.click(rate, as(s));
  }
  await ok(bot, '/feedback prompts off which:helpful', s, c);

  // Shared resources: the host's risograph (training: the subject is trained and books it); the friend lends the
  // subject a tripod while the third waits in line; the subject lends their zine archive to the friend, and asks for
  // a photography light (the third has one); the friend asks for a reflector (the subject has none).
  await ok(bot, '/resource add name:Risograph kind:equipment bookable:yes training:yes', host, c, true);
  await ok(bot, `/resource train member:<@${s}> resource:Risograph`, host, c, true);
  await ok(bot, '/resource book Risograph when:"tomorrow 10:00" for:2h', s, c);
  await ok(bot, '/resource add name:Tripod kind:equipment', f, c);
  await ok(bot, '/resource add name:"Zine archive" kind:book', s, c);
  await ok(bot, '/resource borrow Tripod until:"in 2 days"', s, c);
  await bot.click(must(dmButton(bot, cast, f, 'resource.lend'), 'lend tripod'), as(f));
  await ok(bot, '/resource borrow Tripod', t, c);
  await ok(bot, '/resource borrow "Zine archive"', f, c);
  await bot.click(must(dmButton(bot, cast, s, 'resource.lend'), 'lend zines'), as(s));
  await ok(bot, '/resource ask what:"a photography light"', s, c);
  const have = dmButton(bot, cast, t, 'resource.have');
  if (have) await bot.click(have, as(t));
  await ok(bot, '/resource ask what:"a photography reflector"', f, c);
  const notMe = dmButton(bot, cast, s, 'resource.not-me');
  if (notMe) await bot.click(notMe, as(s));
  // Mentorship: the subject mentors the third (accepted), and asks the friend to mentor them (still waiting).
  await ok(bot, '/mentor offer skills:"photography, layout design" capacity:2 note:"Weekday evenings"', s, c);
  await ok(bot, '/mentor offer skills:"risograph printing"', f, c);
  await ok(bot, `/mentor request member:<@${s}> about:"Shooting my first lookbook" goal:"Ten usable frames"`, t, c);
  await bot.click(must(dmButton(bot, cast, s, 'mentor.accept'), 'mentor ask to subject'), as(s));
  await ok(bot, `/mentor request member:<@${f}> about:"Printing the river zine"`, s, c);

  // Presence: on; the subject (nudges and listing on) and the friend are in; a coffee asked and accepted.
  await ok(bot, '/hallway config presence:on', host, c, true);
  await ok(bot, '/here nudges on', s, c);
  await ok(bot, '/here listed on', s, c);
  await ok(bot, '/here where:"Studio 4"', f, c);
  await ok(bot, '/here where:Darkroom', s, c);
  await bot.click({ action: 'presence.coffee', value: f }, as(s));
  const coffee = dmButton(bot, cast, f, 'presence.answer');
  if (coffee) await bot.click(coffee, as(f));

  // Approval mode: the newcomer's intro waits; the host approves it.
  await ok(bot, '/hallway config approval:on', host, c, true);
  const nIntro = await ok(bot, '/intro', n, c);
  await bot.submit(
    must(nIntro.form, 'newcomer form'),
    { role: 'Sound designer', working_on: 'A podcast', offers: 'mixing' },
    as(n),
  );
  const review = await ok(bot, '/intro review', host, c, true);
  const approve = review.buttons?.find((b) => b.action === 'intro.approve');
  if (approve) await bot.click(approve, as(host));

  // Time passes: follow-ups, reminders before, ratings after.
  bot.clock.advance(DAY - 2 * HOUR);
  await bot.tick();
  bot.clock.advance(3 * DAY);
  await bot.tick();
  for (const u of [s, f, t]) {
    const met = dmButton(bot, cast, u, 'match.met');
    if (met) await bot.click({ action: 'match.met', value: met.value.replace(/:.*/, ':yes') }, as(u));
    const collab = dmButton(bot, cast, u, 'match.collab');
    if (collab) await bot.click(collab, as(u));
  }
  const rateRiso = dmButton(bot, cast, s, 'meetup.rate');
  if (rateRiso) await bot.click(rateRiso, as(s));
  await bot.drain();
  return { meetups: { riso: riso.id, zine: zine.id }, feedbackAsk: Number(ask.value) };
}
