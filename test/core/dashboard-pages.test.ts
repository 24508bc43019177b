/**
 * The dashboard's pages for a community with three months of life (test/support/dashboard-community.ts): every
 * figure, chart table and name list against the account worked out by hand, the privacy rules (ratings and
 * "helpful" answers only from three answers up; forgotten and departed members nowhere), and isolation.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { type Block, type DataTable, type Page, PAGES } from '../../commands/dashboard/index.ts';
import type { DashboardStore } from '../../commands/dashboard/store.ts';
import { toCommunity } from '#core/context.ts';
import type { CommunityId } from '#core/ids.ts';
import { EXPECTED, NOW, seedCommunity, type Seeded } from '../support/dashboard-community.ts';
import { TestBot } from '../support/test-bot.ts';

async function page(bot: TestBot, slug: string, community: CommunityId = bot.community): Promise<Page> {
  const def = PAGES.find((p) => p.slug === slug)!;
  const dashboard = bot.features.find((f) => f.name === 'dashboard')!;
  return bot.storage.transaction(async (tx) => {
    const record = await bot.storage.core(tx).communities.ensure(community, bot.clock.now());
    return def.build({
      store: dashboard.openStore(tx) as DashboardStore,
      community: toCommunity(bot.deps, record),
      now: bot.clock.now(),
    });
  });
}

const table = (p: Page, id: string): DataTable => {
  const block = p.blocks.find((b) => (b.kind === 'chart' || b.kind === 'table') && b.table.id === id);
  if (!block || (block.kind !== 'chart' && block.kind !== 'table')) throw new Error(`no table ${id}`);
  return block.table;
};
const figures = (p: Page) =>
  Object.fromEntries(
    p.blocks.flatMap((b) => (b.kind === 'figures' ? b.figures.map((f) => [f.label, f]) : [])),
  ) as Record<string, { value: string; note?: string }>;
const names = (p: Page) => p.blocks.filter((b): b is Extract<Block, { kind: 'names' }> => b.kind === 'names');

describe('the dashboard of a community with three months of life', () => {
  let bot: TestBot;
  let seeded: Seeded;
  beforeAll(async () => {
    bot = await TestBot.create({ start: '2026-08-20T08:00:00Z' });
    seeded = await seedCommunity(bot);
    expect(bot.clock.now().toISOString()).toBe(new Date(NOW).toISOString());
  }, 120_000);

  it('Pulse: members, active and new members per week, retention by month joined', async () => {
    const pulse = await page(bot, 'pulse');
    const weekly = table(pulse, 'weekly');
    expect(weekly.rows).toHaveLength(12);
    for (const [week, active, joined] of weekly.rows) {
      expect(active, `active in week ${week}`).toBe(seeded.activeByWeek.get(String(week))?.size ?? 0);
      expect(joined, `new in week ${week}`).toBe(EXPECTED.pulse.newByWeek[String(week)] ?? 0);
    }
    expect(weekly.rows.at(-1)).toEqual(['2026-11-16', 3, 1]);
    expect(table(pulse, 'retention').rows).toEqual(EXPECTED.pulse.retention);
    const f = figures(pulse);
    expect(f.Members!.value).toBe(String(EXPECTED.pulse.members));
    expect(f['New this week']!.value).toBe(String(EXPECTED.pulse.newThisWeek));
    expect(f['Active this week']!.value).toBe('3');
  });

  it('Introductions: the funnel, the median time to an intro, who has not introduced themselves', async () => {
    const intros = await page(bot, 'introductions');
    expect(table(intros, 'funnel').rows).toEqual(EXPECTED.introductions.funnel);
    expect(figures(intros)['Median days from joining to a posted intro']!.value).toBe(
      EXPECTED.introductions.medianDays,
    );
    expect(names(intros)[0]!.names).toEqual(EXPECTED.introductions.waiting);
  });

  it('Matching: each round, the share with a complementary match, the pairs working together', async () => {
    const matching = await page(bot, 'matching');
    expect(table(matching, 'rounds').rows).toEqual(EXPECTED.matching.rounds);
    const share = figures(matching)['Members with at least one complementary match']!;
    expect([share.value, share.note]).toEqual([
      EXPECTED.matching.complementary.share,
      EXPECTED.matching.complementary.note,
    ]);
    expect(names(matching)[0]!.names).toEqual(EXPECTED.matching.collaborations);
  });

  it('Meetups: answers, seats and ratings per meetup and per series, averages only from three ratings', async () => {
    const meetups = await page(bot, 'meetups');
    expect(table(meetups, 'meetups').rows.map((r) => r.slice(1))).toEqual(EXPECTED.meetups.perMeetup);
    expect(table(meetups, 'meetups').rows.map((r) => String(r[0]).replace(/#\d+ /, ''))).toEqual([
      '2026-10-10 Zine night',
      '2026-10-20 Life drawing',
      '2026-10-27 Life drawing',
    ]);
    expect(table(meetups, 'series').rows).toEqual(EXPECTED.meetups.perSeries);
    const f = figures(meetups);
    expect([f['Meetups held']!.value, f['Seats taken']!.value, f['Average rating']!.value]).toEqual([
      String(EXPECTED.meetups.held),
      String(EXPECTED.meetups.seats),
      EXPECTED.meetups.average,
    ]);
  });

  it('Feedback: requested → accepted → given → rated helpful, and the median time to feedback', async () => {
    const fb = await page(bot, 'feedback');
    expect(table(fb, 'funnel').rows).toEqual(EXPECTED.feedback.funnel);
    expect(figures(fb)['Median time to feedback']!.value).toBe(EXPECTED.feedback.median);
    expect(figures(fb)['Found it helpful']!.value).toBe(EXPECTED.feedback.helpful);
  });

  it('Skills: needs against offers, with a workshop button where someone needs it and someone offers it', async () => {
    const skills = await page(bot, 'skills');
    const balance = table(skills, 'balance');
    expect(balance.rows).toEqual(EXPECTED.skills.balance);
    const withButton = balance.rows.filter((_, i) => balance.rowAction!.values[i] !== null).map((r) => r[0]);
    expect(withButton).toEqual(EXPECTED.skills.workshops);
  });

  it('Resources and mentorship: bookings and use per resource, loans out and overdue, mentorships by skill', async () => {
    const sharing = await page(bot, 'sharing');
    expect(table(sharing, 'resources').rows).toEqual(EXPECTED.sharing.resources);
    expect(table(sharing, 'mentorships').rows).toEqual(EXPECTED.sharing.mentorships);
    const f = figures(sharing);
    expect(Object.fromEntries(Object.entries(f).map(([k, v]) => [k, v.value]))).toEqual(EXPECTED.sharing.figures);
    // Counts only: nobody who booked, borrowed or is mentored is named.
    for (const name of ['Ana', 'Dan', 'Hana']) expect(JSON.stringify(sharing)).not.toContain(name);
  });

  it('Who could use a hand: ghosted rounds, quiet members, newcomers without an intro', async () => {
    const help = await page(bot, 'help');
    expect(names(help).map((n) => n.names)).toEqual([
      EXPECTED.help.ghosted,
      EXPECTED.help.quiet,
      EXPECTED.help.newcomers,
    ]);
  });

  it('never names a member who used forget-me or who left, on any page', async () => {
    for (const def of PAGES) {
      const json = JSON.stringify(await page(bot, def.slug));
      for (const name of EXPECTED.absent) expect(json, `${def.slug} names ${name}`).not.toContain(name);
    }
  });

  it("shows another community nothing of this one's", async () => {
    for (const def of PAGES) {
      const other = await page(bot, def.slug, 'discord:100000000000000001');
      const json = JSON.stringify(other);
      for (const name of ['Ana', 'Ben', 'Zine night', 'web design']) expect(json, def.slug).not.toContain(name);
    }
  });
});

describe('privacy thresholds', () => {
  it('hides an average rating and the "rated helpful" step until three answers exist', async () => {
    const bot = await TestBot.create({ start: '2026-08-20T08:00:00Z' });
    await seedCommunity(bot);
    // Two more ratings of the series' first date make three: its average shows, and the series' too.
    const drawing = (await bot.repos.meetups.listEndedBetween(bot.community, new Date(0), bot.clock.now())).find(
      (m) => m.title === 'Life drawing',
    )!;
    await bot.repos.meetups.saveRsvp(bot.community, {
      meetupId: drawing.id,
      userId: 'gus',
      status: 'going',
      respondedAt: bot.clock.now(),
    });
    await bot.repos.meetups.saveRating(bot.community, drawing.id, 'gus', 4, bot.clock.now());
    const meetups = await page(bot, 'meetups');
    expect(table(meetups, 'meetups').rows[1]!.slice(1)).toEqual([3, 3, 3, 4]);
    expect(table(meetups, 'series').rows[0]!.slice(1)).toEqual([2, 3, 3, 3, 4]);
  }, 120_000);

  it('leaves out "rated helpful" with two answers', async () => {
    const bot = await TestBot.create();
    await bot.run('/skills offer photography', { as: 'ana' });
    for (const [from, score] of [
      ['ben', 5],
      ['cleo', 4],
    ] as const) {
      await bot.run(`/feedback request about:"Draft" skills:photography`, { as: from });
      const ask = bot
        .dmsTo('ana')
        .flatMap((d) => d.buttons ?? [])
        .filter((b) => b.action === 'feedback.accept')
        .at(-1)!;
      await bot.click(ask, { as: 'ana' });
      await bot.click({ action: 'feedback.given', value: ask.value }, { as: 'ana' });
      await bot.click({ action: 'feedback.rate', value: `${ask.value}:ana:${score}` }, { as: from });
    }
    const fb = await page(bot, 'feedback');
    expect(table(fb, 'funnel').rows.at(-1)).toEqual(['Rated helpful', null, null]);
    expect(figures(fb)['Found it helpful']!.value).toBe('—');
    expect(JSON.stringify(fb)).not.toMatch(/"5"|"4"/);
  });
});
