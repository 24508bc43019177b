/**
 * The weekly mentor round through `/hallway run mentor-round`: waiting mentees meet mentors with room in one
 * optimal assignment. Small seeded communities (capacities, pending asks, avoid lists, skills near and far) are
 * checked against a brute-force optimum of the same objective: the most mentees matched, then the best total fit.
 */
import { describe, expect, it } from 'vitest';
import { fitOf } from '../../commands/mentorship/fit.ts';
import type { TestBot } from '../support/test-bot.ts';
import { buttonIn, mentorBot, WEEK } from './mentorship-support.ts';

const SKILLS = ['pricing', 'typography', 'type design', 'illustration', 'photography'];

/** A small deterministic generator (mulberry32), so each seed is one fixed community. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The best [matched, total fit] over every assignment of `weights` within `room` (brute force). */
function optimum(weights: (number | undefined)[][], room: number[]): [number, number] {
  let best: [number, number] = [0, 0];
  const go = (i: number, matched: number, total: number) => {
    if (i === weights.length) {
      if (matched > best[0] || (matched === best[0] && total > best[1])) best = [matched, total];
      return;
    }
    go(i + 1, matched, total);
    weights[i]!.forEach((w, j) => {
      if (w === undefined || room[j]! <= 0) return;
      room[j]!--;
      go(i + 1, matched + 1, total + w);
      room[j]!++;
    });
  };
  go(0, 0, 0);
  return best;
}

/** Lives a seeded community: mentors, a pending ask, avoid lists, waiting mentees. */
async function community(bot: TestBot, seed: number) {
  const rnd = random(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rnd() * list.length)]!;
  const mentors = ['ana', 'ben', 'cy'];
  const mentees = ['m1', 'm2', 'm3', 'm4', 'm5', 'm6'];
  for (const m of mentors) {
    const skills = [...new Set([pick(SKILLS), pick(SKILLS)])].join(', ');
    await bot.run(`/mentor offer skills:"${skills}" capacity:${1 + Math.floor(rnd() * 2)}`, { as: m });
    await bot.run(`/skills offer ${pick(SKILLS)}`, { as: m });
  }
  for (const m of mentees) {
    await bot.run(`/skills need ${pick(SKILLS)}`, { as: m });
    await bot.run(`/mentor request about:"help me grow" skill:"${pick(SKILLS)}"`, { as: m });
    if (rnd() < 0.3) await bot.run(`/match avoid @${pick(mentors)}`, { as: m });
  }
  // Someone asks a mentor directly: that ask takes one of the mentor's places for the round.
  await bot.run('/mentor end', { as: 'm6' });
  await bot.run(
    `/mentor request @ana about:"direct" skill:"${(await bot.repos.mentorship.offer(bot.community, 'ana'))!.skills[0]!.skill}"`,
    { as: 'm6' },
  );
}

describe('the mentor round', () => {
  it.each([
    1, 2, 3, 4, 5,
  ])('seed %i: respects capacity, skills and avoid lists, and reaches the optimum', async (seed) => {
    const bot = await mentorBot();
    await community(bot, seed);
    const c = bot.community;
    const offers = await bot.repos.mentorship.mentors(c, 100);
    const waiting = await bot.repos.mentorship.waitingRequests(c, 100);
    const room = offers.map((o) => o.capacity - o.active - o.pending);
    const profiles = new Map(
      (await bot.repos.mentorship.profiles(c, [...waiting.map((r) => r.menteeId), ...offers.map((o) => o.userId)])).map(
        (p) => [p.userId, p],
      ),
    );
    const avoided = new Set<string>();
    for (const r of waiting)
      for (const o of await bot.repos.mentorship.avoidsEither(c, r.menteeId)) avoided.add(`${r.menteeId}:${o}`);
    const weights = waiting.map((r) =>
      offers.map((o) =>
        avoided.has(`${r.menteeId}:${o.userId}`)
          ? undefined
          : fitOf(o, r.skill, { userId: r.menteeId, profile: profiles.get(r.menteeId) }, profiles.get(o.userId))
              ?.weight,
      ),
    );

    const ran = await bot.run('/hallway run mentor-round', { as: 'host' });
    expect(bot.text(ran)).toMatch(/mentor-round.* done/);
    const asked = new Map<string, string>();
    for (const r of waiting) {
      const ask = (await bot.repos.mentorship.asksOf(c, r.id)).find((a) => a.viaRound);
      if (ask) asked.set(r.menteeId, ask.mentorId);
    }
    let total = 0;
    const used = offers.map(() => 0);
    waiting.forEach((r, i) => {
      const mentor = asked.get(r.menteeId);
      if (!mentor) return;
      const j = offers.findIndex((o) => o.userId === mentor);
      expect(weights[i]![j], `${r.menteeId} → ${mentor} fits and is not avoided`).toBeDefined();
      used[j]!++;
      total += weights[i]![j]!;
    });
    for (const [j, n] of used.entries()) expect(n).toBeLessThanOrEqual(Math.max(0, room[j]!));
    const best = optimum(
      weights,
      room.map((r) => Math.max(0, r)),
    );
    expect([asked.size, total]).toEqual(best);
    expect(best[0], 'a round with something to decide').toBeGreaterThan(1);
    // Each mentee matched hears it, and the mentor gets Accept / Not now saying the round chose them.
    for (const [mentee, mentor] of asked) {
      expect(bot.text(bot.dmsTo(mentee).at(-1))).toMatch(
        new RegExp(`mentor round matched your request .* with @${mentor}`),
      );
      expect(bot.text(buttonIn(bot, mentor, 'mentor.accept').reply)).toMatch(/This week's mentor round matched you/);
    }
    // A second run in the same week sends nothing twice.
    const sent = bot.sent.length;
    expect(bot.text(await bot.run('/hallway run mentor-round', { as: 'host' }))).toMatch(/already ran/);
    expect(bot.sent.length).toBe(sent);
  });

  it('runs by itself on mentor-round-day, and never asks a mentor twice for the same request', async () => {
    const bot = await mentorBot(); // Monday 16 Nov 2026, 08:00 UTC
    await bot.run('/hallway config mentor-round-day:wednesday');
    await bot.tick(); // last Wednesday's round, caught up once (nobody waits yet)
    await bot.run('/mentor offer skills:pricing', { as: 'ana' });
    await bot.run('/mentor request about:"pricing my first commission" skill:pricing', { as: 'leo' });
    bot.clock.set('2026-11-18T09:59:00Z');
    await bot.tick();
    expect(bot.dmsTo('ana')).toHaveLength(0);
    bot.clock.set('2026-11-18T10:00:00Z');
    await bot.tick();
    await bot.click(buttonIn(bot, 'ana', 'mentor.decline').button, { as: 'ana' });
    expect((await bot.repos.mentorship.openRequestOf(bot.community, 'leo'))?.status).toBe('waiting');
    bot.clock.advance(WEEK);
    await bot.tick();
    expect(bot.dmsTo('ana').filter((d) => d.buttons?.some((b) => b.action === 'mentor.accept'))).toHaveLength(1);
    expect(bot.text(bot.dmsTo('leo').at(-1))).toMatch(/can't take on a mentee/);
  });
});
