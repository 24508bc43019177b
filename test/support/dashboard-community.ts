/**
 * A community with three months of life, lived through commands, buttons and forms at known times, and the figures
 * its dashboard must show, worked out by hand (see the comments). The core test of the dashboard's pages and the
 * browser test both use it, so the numbers a manager sees in the browser are checked against this one account.
 *
 * Cast (display names are the ids capitalised): host (a platform admin), ana, ben and cleo (joined in August),
 * lou (joined in September, left in October), dan and eve (joined in October), finn and gus (joined in November),
 * hana (never seen joining: first seen through a command), and zed, who joins, offers a skill, answers a meetup and
 * then uses forget-me: he must appear nowhere.
 */
import type { Button, Reply } from '#core/reply.ts';
import type { TestBot } from './test-bot.ts';

/** The instant the dashboard is looked at: Wednesday 18 November 2026, noon UTC. */
export const NOW = '2026-11-18T12:00:00Z';

const DAY = 86_400_000;

/** Monday 00:00 UTC of the week of `ms` (written independently of the dashboard's own helper). */
function mondayOf(ms: number): number {
  const day = Math.floor(ms / DAY);
  return (day - ((day + 3) % 7)) * DAY;
}

/** The number in a "Booking #7" reply. */
function bookingNumber(reply: Reply): number {
  const m = /Booking #(\d+)/.exec(JSON.stringify(reply));
  if (!m) throw new Error(`seed: not a booking: ${reply.text}`);
  return Number(m[1]);
}

export interface Seeded {
  /** Who acted (command, button, form) in each week, by Monday's ISO date; zed left out (forgotten). */
  readonly activeByWeek: ReadonlyMap<string, ReadonlySet<string>>;
}

export async function seedCommunity(bot: TestBot): Promise<Seeded> {
  const log = new Map<string, Set<string>>();
  const acted = (user: string) => {
    if (user === 'zed') return;
    const week = new Date(mondayOf(bot.clock.now().getTime())).toISOString().slice(0, 10);
    log.set(week, (log.get(week) ?? new Set()).add(user));
  };
  const at = (iso: string) => bot.clock.set(iso);
  const run = async (user: string, line: string): Promise<Reply> => {
    acted(user);
    const reply = await bot.run(line, { as: user, admin: user === 'host' });
    if (/something went wrong/i.test(reply.text)) throw new Error(`seed: ${line} crashed`);
    return reply;
  };
  const click = async (user: string, button: Pick<Button, 'action' | 'value'>) => {
    acted(user);
    return bot.click(button, { as: user, admin: user === 'host' });
  };
  const lastButton = (user: string, action: string): Button => {
    for (const dm of [...bot.dmsTo(user)].reverse()) {
      const found = dm.buttons?.find((b) => b.action === action);
      if (found) return found;
    }
    throw new Error(`seed: ${user} got no ${action} button`);
  };
  const intro = async (user: string, offers: string, needs: string) => {
    const reply = await run(user, '/intro');
    acted(user);
    await bot.submit(reply.form!, { role: 'Maker', working_on: 'Things', offers, needs }, { as: user });
  };
  const meetupId = async (title: string) => {
    const all = await bot.repos.meetups.listStartingBetween(bot.community, new Date(0), new Date(8.64e15));
    const found = all.filter((m) => m.title === title).at(-1);
    if (!found) throw new Error(`seed: no meetup ${title}`);
    return found.id;
  };
  /** A feedback request routed to `reviewer`, accepted, given `hours` after it was asked, then rated. */
  const feedback = async (
    from: string,
    skill: string,
    reviewer: string,
    start: string,
    hours: number,
    score: number,
  ) => {
    at(start);
    await run(from, `/feedback request about:"Work in progress" skills:"${skill}"`);
    const ask = lastButton(reviewer, 'feedback.accept');
    bot.clock.advance(3_600_000);
    await click(reviewer, ask);
    at(new Date(new Date(start).getTime() + hours * 3_600_000).toISOString());
    await click(reviewer, { action: 'feedback.given', value: ask.value });
    bot.clock.advance(11 * 3_600_000);
    await click(from, { action: 'feedback.rate', value: `${ask.value}:${reviewer}:${score}` });
  };

  // August: the host sets up; ana, ben and cleo join; ana introduces herself, ben lists skills.
  at('2026-08-20T09:00:00Z');
  await run('host', '/hallway config intro-channel:intros meetup-channel:events feedback-channel:feedback');
  at('2026-08-20T10:00:00Z');
  await bot.join('ana');
  at('2026-08-21T10:00:00Z');
  await bot.join('ben');
  at('2026-08-22T10:00:00Z');
  await intro('ana', 'photography', 'layout design');
  at('2026-08-24T10:00:00Z');
  await bot.join('cleo');
  at('2026-08-25T10:00:00Z');
  await run('ben', '/skills offer layout design');
  await run('ben', '/skills need photography');

  // September: lou joins and asks for photography (he leaves in October).
  at('2026-09-10T10:00:00Z');
  await bot.join('lou');
  at('2026-09-11T10:00:00Z');
  await run('lou', '/skills need photography');

  // October: a meetup (3 seats taken, 3 ratings), the first feedback loop, dan and eve join and introduce
  // themselves, lou leaves, a weekly series starts (2 held, 2 ratings: too few to show), one meetup is cancelled.
  at('2026-10-01T10:00:00Z');
  await run('ana', '/meetup create title:"Zine night" when:"2026-10-10 19:00"');
  const zine = await meetupId('Zine night');
  await feedback('ben', 'photography', 'ana', '2026-10-01T11:00:00Z', 24, 5);
  at('2026-10-03T09:00:00Z');
  await run('ben', `/meetup rsvp ${zine} going`);
  at('2026-10-03T10:00:00Z');
  await run('hana', `/meetup rsvp ${zine} maybe`);
  at('2026-10-06T10:00:00Z');
  await bot.join('dan');
  at('2026-10-07T10:00:00Z');
  await bot.join('eve');
  await run('dan', `/meetup rsvp ${zine} going`);
  at('2026-10-08T10:00:00Z');
  await intro('dan', 'illustration', 'screen printing');
  await run('eve', `/meetup rsvp ${zine} going`);
  at('2026-10-09T22:00:00Z');
  await intro('eve', 'screen printing', 'illustration');
  at('2026-10-11T10:00:00Z');
  for (const [user, score] of [
    ['ben', 5],
    ['dan', 4],
    ['eve', 4],
  ] as const) {
    await click(user, { action: 'meetup.rate', value: `${zine}:${score}` });
  }
  at('2026-10-15T10:00:00Z');
  await run('host', '/meetup create title:"Life drawing" when:"2026-10-20 18:00" repeat:weekly');
  await run('host', '/meetup create title:"Open studio" when:"2026-10-25 18:00"');
  await run('host', '/resource add name:Risograph kind:equipment where:"Print room" bookable:yes');
  await run('ana', '/resource book Risograph when:"2026-10-19 10:00" for:4h');
  at('2026-10-16T10:00:00Z');
  await run('host', `/meetup cancel ${await meetupId('Open studio')}`);
  at('2026-10-19T13:00:00Z');
  const drawing = await meetupId('Life drawing');
  await run('dan', `/meetup rsvp ${drawing} going`);
  at('2026-10-19T14:00:00Z');
  await run('ana', `/meetup rsvp ${drawing} going`);
  at('2026-10-20T10:00:00Z');
  await bot.leave('lou');
  // The series' next date (27 October) is created once the first has started.
  at('2026-10-20T18:30:00Z');
  await bot.runJob('meetup-reminders');
  at('2026-10-21T10:00:00Z');
  await click('dan', { action: 'meetup.rate', value: `${drawing}:5` });
  await click('ana', { action: 'meetup.rate', value: `${drawing}:3` });
  await feedback('dan', 'screen printing', 'eve', '2026-10-22T10:00:00Z', 48, 4);

  // November: two weekly rounds (ana and ben met and ana says they work together; dan has not met yet), a third
  // feedback loop (rated 2), a request ben declines, newcomers (finn's intro waits for approval), zed comes and goes.
  at('2026-11-02T09:30:00Z');
  await bot.runJob('match-round');
  const pairingOf = (user: string) => lastButton(user, 'match.group').value;
  const [anaBen, danEve] = [pairingOf('ana'), pairingOf('dan')];
  await feedback('eve', 'illustration', 'dan', '2026-11-03T10:00:00Z', 12, 2);
  at('2026-11-05T10:00:00Z');
  // "Did you meet?" is asked first: its buttons are answered only once it was sent.
  await bot.runJob('match-follow-up');
  await click('ana', { action: 'match.met', value: `${anaBen}:yes` });
  await click('ana', { action: 'match.collab', value: `${anaBen}:yes` });
  await click('ben', { action: 'match.met', value: `${anaBen}:yes` });
  await click('ben', { action: 'match.collab', value: `${anaBen}:no` });
  await click('dan', { action: 'match.met', value: `${danEve}:not_yet` });
  at('2026-11-09T09:30:00Z');
  await bot.runJob('match-round');
  at('2026-11-10T10:00:00Z');
  await bot.join('finn');
  at('2026-11-11T10:00:00Z');
  await bot.join('zed');
  at('2026-11-12T09:00:00Z');
  await run('host', '/hallway config approval:on');
  await intro('finn', 'web design', 'risograph printing');
  await run('zed', '/skills offer web design');
  at('2026-11-12T10:00:00Z');
  await run('ana', '/feedback request about:"Zine layout" skills:"layout design"');
  at('2026-11-12T11:00:00Z');
  await click('ben', lastButton('ben', 'feedback.decline'));
  await run('ana', '/meetup create title:"Print fair" when:"2026-11-25 18:00"');
  await run('zed', `/meetup rsvp ${await meetupId('Print fair')} going`);
  at('2026-11-13T10:00:00Z');
  await run('hana', '/skills need web design');
  await run('cleo', '/skills need web design');
  // The library and mentoring (ana, dan and hana only: the others' activity is what retention counts).
  at('2026-11-14T10:00:00Z');
  await run('host', '/resource add name:"Photo studio" kind:space where:"Second floor"');
  await run('ana', '/resource add name:Tripod kind:equipment');
  await run('ana', '/resource book Risograph when:"2026-11-16 10:00" for:3h');
  await run('dan', '/resource book Risograph when:"2026-11-20 14:00" for:2h');
  await run(
    'ana',
    `/resource cancel ${bookingNumber(await run('ana', '/resource book Risograph when:"2026-11-17 10:00" for:1h'))}`,
  );
  await run('hana', '/resource borrow Tripod until:"2026-11-16 18:00"');
  await click('ana', lastButton('ana', 'resource.lend'));
  await run('dan', '/resource borrow Tripod');
  await run('ana', '/mentor offer skills:photography capacity:2');
  await run('dan', '/mentor request @ana about:"Light for print shots"');
  await click('ana', lastButton('ana', 'mentor.accept'));
  await run('hana', '/mentor request @ana about:"Portraits"');
  await click('ana', lastButton('ana', 'mentor.accept'));
  at('2026-11-15T10:00:00Z');
  await run('hana', '/mentor end');
  at('2026-11-16T10:00:00Z');
  await bot.join('gus');
  at('2026-11-17T10:00:00Z');
  await run('gus', '/skills need web design, risograph printing');
  await run('ana', '/meetup list');
  await run('zed', '/hallway forget-me');
  await click('zed', { action: 'hallway.forget', value: 'zed' });
  // Cleo let three rounds pass (set directly: three more rounds would move everyone else's figures too).
  await bot.repos.matching.setIgnoredStreak(bot.community, 'cleo', 3, bot.clock.now());
  at(NOW);
  await run('host', '/hallway stats');
  return { activeByWeek: log };
}

/** The figures the dashboard must show for the seeded community at NOW, worked out by hand from the story above. */
export const EXPECTED = {
  pulse: {
    members: 9, // host, ana, ben, cleo, dan, eve, finn, gus, hana (lou left, zed forgotten)
    newThisWeek: 1, // gus
    /** New members by week (Monday), within the last 12 weeks: lou, dan and eve, finn, gus. */
    newByWeek: { '2026-09-07': 1, '2026-10-05': 2, '2026-11-09': 1, '2026-11-16': 1 } as Record<string, number>,
    /**
     * Month, joined, active 4+ weeks later (count, %), 12+ weeks later (count, %): August — ana, ben, cleo all
     * active a month on, only ana 12 weeks on; September — lou, gone quiet; October — dan yes, eve no (her last
     * activity is an hour short of four weeks); November — too recent.
     */
    retention: [
      ['2026-06', 0, null, null, null, null],
      ['2026-07', 0, null, null, null, null],
      ['2026-08', 3, 3, 100, 1, 33],
      ['2026-09', 1, 0, 0, null, null],
      ['2026-10', 2, 1, 50, null, null],
      ['2026-11', 2, null, null, null, null],
    ],
  },
  introductions: {
    /** Joined since 26 Aug: lou, dan, eve, finn, gus; started: dan, eve, finn (waiting for approval); posted: dan, eve. */
    funnel: [
      ['Joined', 5, 100],
      ['Started an intro', 3, 60],
      ['Intro posted', 2, 40],
    ],
    medianDays: '2.3', // dan 2 days, eve 2.5 days
    waiting: ['Ben', 'Cleo', 'Finn'],
  },
  matching: {
    /** Round of, paired, met, working together. */
    rounds: [
      ['2026-11-02', 4, 2, 1],
      ['2026-11-09', 4, 0, 0],
    ],
    complementary: { share: '89%', note: '8 of 9' }, // everyone with skills: host has none
    collaborations: ['Ana & Ben (weekly round of 2026-11-02)'],
  },
  meetups: {
    /** Going or maybe, seats taken, ratings, average (shown from 3 ratings): Zine night, then the series' two dates. */
    perMeetup: [
      [4, 3, 3, 4.3],
      [2, 2, 2, null],
      [0, 0, 0, null],
    ],
    perSeries: [['Life drawing', 2, 2, 2, 2, null]],
    held: 3,
    seats: 5,
    average: '4.2 / 5', // (13 + 8) / 5
  },
  feedback: {
    /** Requests: 4; accepted and given: 3; rated helpful (4 or 5): 2 of 3 answers. */
    funnel: [
      ['Requested', 4, 100],
      ['Accepted', 3, 75],
      ['Given', 3, 75],
      ['Rated helpful', 2, 50],
    ],
    median: '24 hours', // 24, 48 and 12 hours
    helpful: '67%',
  },
  sharing: {
    /**
     * Resource, bookings over the 30 days to NOW, hours booked within them, share of their 720 hours, bookings
     * ahead, out on loan, overdue, waiting to borrow ("—" where it is not booked or not lent). Risograph: ana's
     * 19 October slot (10:00-14:00, of which 2 hours after the window opens at noon) and her 16 November one (3 h);
     * her 17 November one was cancelled; dan's 20 November one is ahead. Tripod: lent to hana until 16 November
     * (overdue), dan in line.
     */
    resources: [
      ['Photo studio', 0, 0, 0, 0, null, null, null],
      ['Risograph', 2, 5, 1, 1, null, null, null],
      ['Tripod', null, null, null, null, 1, 1, 1],
    ],
    /** Photography: ana mentors dan (active) and mentored hana (completed). */
    mentorships: [['photography', 1, 1]],
    figures: {
      Resources: '3',
      Bookings: '2',
      'Out on loan': '1',
      Overdue: '1',
      'Active mentorships': '1',
      'Completed mentorships': '1',
      'Waiting for a mentor': '0',
    },
  },
  skills: {
    /** Skill, needs, offers; web design first (3 need it, finn offers it), then risograph printing (nobody offers). */
    balance: [
      ['web design', 3, 1],
      ['risograph', 2, 0],
      ['illustration', 1, 1],
      ['layout design', 1, 1],
      ['photography', 1, 1],
      ['screen printing', 1, 1],
    ],
    /** Rows with a "Suggest a workshop" button: someone needs it and someone offers it. */
    workshops: ['web design', 'illustration', 'layout design', 'photography', 'screen printing'],
  },
  help: {
    ghosted: ['Cleo'],
    quiet: ['Cleo', 'Hana', 'Host'],
    newcomers: ['Finn', 'Gus'],
  },
  /** Names that must appear on no page: zed used forget-me; lou left. */
  absent: ['Zed', 'Lou'],
} as const;
