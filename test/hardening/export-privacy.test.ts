/**
 * `/hallway export` keeps what members were promised (SECURITY.md, "Private answers"). Every table and every column
 * of the export is read from the export itself and must be listed below, with why it may leave: a new table or a
 * new column fails this test until someone decides it is not private. Private answers (meetup ratings and their
 * comments, "was it helpful" scores, thank-yous, reviewers' notes, declines, "Not now", "Did you meet?", avoid
 * lists) may leave only as the aggregates members were told about.
 */
import { describe, expect, it } from 'vitest';
import type { Reply } from '#core/reply.ts';
import { botWithDb } from './support/capture-db.ts';
import { type Cast, dmButton, liveALife, slackCast } from './support/life.ts';
import type { TestBot } from '../support/test-bot.ts';

/** What may be exported, table by table. Anything else found in the export fails the test. */
const MAY_EXPORT: Record<string, readonly string[]> = {
  // What others see of a member in the directory.
  members: ['user_id', 'display_name', 'joined_at', 'first_seen_at', 'last_active_at'],
  // Published intros and skills: the card and /profile show them to everyone.
  profiles: [
    'user_id',
    'role',
    'working_on',
    'links',
    'pronouns',
    'fun_fact',
    'answers',
    'status',
    'introduced_at',
    'updated_at',
  ],
  member_skills: ['user_id', 'kind', 'skill', 'term', 'added_at'],
  // Taking part in weekly rounds, and who was paired (never avoid lists, suggestions or follow-up answers).
  match_prefs: ['user_id', 'opted_in', 'paused_at', 'paused_until'],
  match_rounds: [
    'id',
    'period',
    'created_at',
    'members',
    'total_score',
    'repeats',
    'left_out',
    'members_who_met',
    'members_collaborating',
  ],
  match_pairings: ['id', 'round_id', 'kind', 'created_at'],
  match_pairing_members: ['pairing_id', 'user_id'],
  // What the meetup cards show, and ratings as hosts see them: a count and an average per meetup.
  meetup_series: ['id', 'repeat', 'timezone', 'first_starts_at', 'active', 'created_by', 'created_at'],
  meetups: [
    'id',
    'series_id',
    'title',
    'starts_at',
    'ends_at',
    'location',
    'capacity',
    'description',
    'host_user_id',
    'status',
    'created_by',
    'created_at',
  ],
  meetup_rsvps: ['meetup_id', 'user_id', 'status', 'waitlist_position', 'responded_at'],
  meetup_ratings: ['meetup_id', 'ratings', 'average_score'],
  // Requests, the reviewers the requester was told about, and the recognition profiles show.
  feedback_requests: ['id', 'requester', 'about', 'link', 'skills', 'due_at', 'status', 'created_at'],
  feedback_reviewers: ['request_id', 'reviewer', 'status', 'answered_at'],
  feedback_recognition: ['reviewer', 'helpful_feedback_given'],
  // Shared things as their cards and /resource show them: who booked, who has a lent thing, who was trained.
  resources: [
    'id',
    'name',
    'kind',
    'location',
    'description',
    'bookable',
    'lendable',
    'owner_user_id',
    'training_required',
    'created_by',
    'created_at',
  ],
  resource_bookings: ['id', 'resource_id', 'user_id', 'starts_at', 'ends_at', 'status', 'created_at'],
  resource_loans: ['id', 'resource_id', 'borrower', 'status', 'requested_at', 'lent_at', 'due_at', 'closed_at'],
  resource_trainings: ['resource_id', 'user_id', 'trained_by', 'trained_at'],
  // Asks, like feedback requests; of the members asked, only the one whose yes connected them.
  resource_asks: ['id', 'asker', 'what', 'status', 'helper', 'created_at', 'closed_at'],
  resource_ask_replies: ['ask_id', 'user_id', 'status', 'answered_at'],
  // Mentors as /mentor find shows them; requests without their texts (those went to the mentors asked only);
  // mentorships as /mentor status and profiles show them; check-in and closing answers only as counts.
  mentor_offers: ['user_id', 'capacity', 'note', 'paused', 'created_at', 'updated_at'],
  mentor_skills: ['user_id', 'skill', 'term', 'position'],
  mentor_requests: ['id', 'mentee_id', 'skill', 'status', 'created_at', 'updated_at'],
  mentor_asks: ['request_id', 'mentor_id', 'status', 'via_round', 'asked_at', 'answered_at'],
  mentorships: ['id', 'mentor_id', 'mentee_id', 'skill', 'status', 'started_at', 'ends_at', 'ended_at'],
  mentor_check_ins: ['answer', 'answers'],
  mentor_closings: ['answers'],
  // A member's own presence choices, and how many were in each day.
  presence_prefs: ['user_id', 'nudges', 'listed', 'updated_at'],
  presence_days: ['day', 'members'],
};

/** Tables that never leave: what is in them was promised to stay between the members concerned (SECURITY.md §9). */
const NEVER_EXPORTED = [
  // Who is in today and where: shown inside the community for the day, then deleted; managers get daily counts.
  'presence_checkins',
  // Who invited whom for a coffee, and the answer.
  'presence_coffees',
];

/** Rows a listed table must never hold, though its columns are allowed (answers shown to nobody, by value). */
const NEVER_ROWS: Record<string, (row: Record<string, unknown>) => boolean> = {
  // "Can't go" is counted for the host, never listed.
  meetup_rsvps: (row) => row.status === 'no',
  // Who declined, stayed silent or was asked without answering stays between them and Hallway.
  feedback_reviewers: (row) => row.status !== 'accepted' && row.status !== 'given',
  // A mentor's "Not now", silence or a withdrawn ask; a keeper's "Not now"; who said no to an ask or stayed silent.
  mentor_asks: (row) => row.status !== 'accepted',
  resource_loans: (row) => row.status === 'declined',
  resource_ask_replies: (row) => row.status !== 'yes',
};

const SECRETS = {
  thanks: 'Thank you so much!',
  note: 'Great colours, try a bolder title.',
  comment: 'A private word for the host',
  takeaway: 'What I took away, for my mentor only',
  request: 'Printing the river zine',
};

/** The life, plus private answers it does not give: a comment, a "can't go", declines. */
async function privateLife(): Promise<{ bot: TestBot; cast: Cast }> {
  const cast = slackCast('slack:T0PRIVATE');
  const { bot } = await botWithDb({ community: cast.community });
  const { meetups } = await liveALife(bot, cast);
  const c = cast.community;
  const as = (userId: string) => ({ as: userId, community: c, admin: userId === cast.host });
  await bot.click({ action: 'meetup.rate', value: `${meetups.riso}:4` }, as(cast.subject));
  const comment = await bot.submit(
    'meetup.comment',
    { comment: SECRETS.comment },
    { ...as(cast.subject), meta: String(meetups.riso) },
  );
  expect(bot.text(comment)).toMatch(/without your name/);
  await bot.run('/meetup create title:"Print swap" when:"in 3 days 18:00"', as(cast.host));
  const swap = (await bot.repos.meetups.listUpcoming(c, bot.clock.now(), 10)).find((m) => m.title === 'Print swap')!;
  await bot.run(`/meetup rsvp ${swap.id} no`, as(cast.third));
  await bot.run('/feedback request about:"Private sketch" skills:photography', as(cast.newcomer));
  const [sketch] = await bot.repos.feedback.listRequestsBy(c, cast.newcomer, ['open']);
  for (const ask of await bot.repos.feedback.listAsks(c, sketch!.id)) {
    await bot.click({ action: 'feedback.decline', value: String(sketch!.id) }, as(ask.reviewer));
  }
  // Mentorship: the friend says Not now to the subject; the third ends theirs and answers the closing question.
  await bot.click(dmButtonOf(bot, cast, cast.friend, 'mentor.decline'), as(cast.friend));
  await bot.run('/mentor end', as(cast.third));
  const closing = (await bot.click(dmButtonOf(bot, cast, cast.third, 'mentor.closing'), as(cast.third)))!.form!;
  await bot.submit(closing, { takeaway: SECRETS.takeaway }, as(cast.third));
  return { bot, cast };
}

function dmButtonOf(bot: TestBot, cast: Cast, userId: string, action: string) {
  const button = dmButton(bot, cast, userId, action);
  if (!button) throw new Error(`no ${action} button for ${userId}`);
  return button;
}

function exported(reply: Reply): Record<string, Record<string, unknown>[]> {
  expect(reply.files).toHaveLength(1);
  return JSON.parse(reply.files![0]!.content) as Record<string, Record<string, unknown>[]>;
}

describe('/hallway export keeps what members were promised', () => {
  it('holds only the listed columns of the listed tables, and no private answer, in JSON and in CSV', async () => {
    const { bot, cast } = await privateLife();
    const manager = { as: cast.host, admin: true, community: cast.community };
    const tables = exported(await bot.run('/hallway export', manager));
    // The life really left private answers behind, so the checks below mean something.
    const [sketch] = await bot.repos.feedback.listRequestsBy(cast.community, cast.newcomer, [
      'open',
      'offered_publicly',
    ]);
    const asks = await bot.repos.feedback.listAsks(cast.community, sketch!.id);
    expect(asks.filter((a) => a.status === 'declined').length).toBeGreaterThan(0);
    expect(await bot.repos.matching.avoids(cast.community, cast.subject)).not.toEqual([]);
    const declined = await bot.repos.mentorship.openRequestOf(cast.community, cast.subject);
    expect(declined, 'the request the friend said Not now to waits for another mentor').toBeDefined();

    const unlisted: string[] = [];
    for (const [table, rows] of Object.entries(tables)) {
      const allowed = MAY_EXPORT[table];
      if (!allowed) unlisted.push(`table ${table}`);
      for (const row of rows) {
        for (const column of Object.keys(row)) {
          if (!allowed?.includes(column)) unlisted.push(`${table}.${column}`);
        }
        if (NEVER_ROWS[table]?.(row)) unlisted.push(`${table} row ${JSON.stringify(row)}`);
      }
    }
    expect([...new Set(unlisted)]).toEqual([]);
    // Every table the life filled is there (so a table that silently stopped exporting is noticed too).
    for (const table of ['members', 'profiles', 'member_skills', 'meetups', 'meetup_rsvps', 'meetup_ratings']) {
      expect(tables[table]?.length, table).toBeGreaterThan(0);
    }
    expect(tables).toHaveProperty('feedback_recognition');
    for (const table of ['resources', 'resource_loans', 'resource_asks', 'mentor_offers', 'mentorships']) {
      expect(tables[table]?.length, table).toBeGreaterThan(0);
    }
    expect(Number(tables.mentor_closings?.[0]?.answers)).toBeGreaterThan(0);
    for (const table of NEVER_EXPORTED) expect(tables, table).not.toHaveProperty(table);

    const csv = await bot.run('/hallway export format:csv', manager);
    for (const file of csv.files ?? []) {
      const table = /-(\w+)\.csv$/.exec(file.name)?.[1] ?? file.name;
      const header = file.content.split('\r\n')[0]!.split(',').filter(Boolean);
      for (const column of header) expect(MAY_EXPORT[table], `${table}.${column}`).toContain(column);
    }
    const everything = [JSON.stringify(tables), ...(csv.files ?? []).map((f) => f.content)].join('\n');
    for (const secret of Object.values(SECRETS)) expect(everything).not.toContain(secret);
  });
});
