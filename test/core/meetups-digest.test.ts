import { describe, expect, it } from 'vitest';
import { normaliseSkill, skillLabel } from '../../commands/skills/index.ts';
import type { TestBot } from '../support/test-bot.ts';
import { createdId, EVENTS, meetupBot } from './meetups-support.ts';

// Sunday 15 November 2026, 11:00 in Paris: the community starts the day before the default digest (Monday 08:30).
const START = '2026-11-15T10:00:00Z';
/** Monday 16 November 2026, 08:30 in Paris. */
const DIGEST_TIME = '2026-11-16T07:30:00Z';

async function addSkill(bot: TestBot, user: string, kind: 'offer' | 'need', text: string) {
  const { skill, term } = normaliseSkill(text);
  await bot.repos.members.touch(bot.community, user, user, bot.clock.now());
  await bot.repos.profiles.addSkills(bot.community, user, kind, [{ skill, term }], bot.clock.now());
}

describe('meetups: the weekly digest', () => {
  it("posts once a week: this week's meetups, new faces, and a skill-share idea with a draft button", async () => {
    const bot = await meetupBot(START);
    await bot.run('/meetup create title:"Zine night" when:"fri 19:00"', { as: 'ana' });
    await bot.run('/meetup create title:"Far away" when:"2026-12-18 19:00"', { as: 'ana' });
    await bot.join('newbie');
    for (const user of ['kim', 'lee', 'max', 'zoe']) await addSkill(bot, user, 'need', 'screen printing');
    await addSkill(bot, 'ana', 'offer', 'screen printing');
    bot.clearSent();

    expect(await bot.runJob('digest')).toBe('not-due');
    bot.clock.set(DIGEST_TIME);
    expect(await bot.runJob('digest')).toBe('ran');
    expect(await bot.runJob('digest')).toBe('already-ran');
    const posts = bot.postsIn(EVENTS);
    expect(posts).toHaveLength(1);
    const text = bot.text(posts[0]);
    expect(text).toContain('Zine night — Fri 20 Nov 2026, 19:00 (Europe/Paris)');
    expect(text).not.toContain('Far away');
    expect(text).toContain('New faces\n@newbie');
    const label = skillLabel(normaliseSkill('screen printing').skill);
    expect(text).toContain(`4 people want to learn ${label}; @ana offers it — host a session?`);
    expect(posts[0]!.mentions).toEqual([]);

    const button = posts[0]!.buttons![0]!;
    expect(button.action).toBe('meetup.draft');
    expect(bot.text(await bot.click(button, { as: 'kim' }))).toContain('This one is for @ana');
    const opened = await bot.click(button, { as: 'ana' });
    expect(opened?.form?.fields.find((f) => f.id === 'title')?.initial).toBe(`Skill-share: ${label}`);
    const created = await bot.submit(
      opened!.form!,
      { title: `Skill-share: ${label}`, when: 'thu 18:00', where: 'Studio' },
      { as: 'ana' },
    );
    const meetup = (await bot.repos.meetups.get(bot.community, createdId(bot, created!)))!;
    expect(meetup.hostUserId).toBe('ana');
    expect(meetup.location).toBe('Studio');
  });

  it('is skipped when the digest is switched off, and waits for the configured day and time', async () => {
    const off = await meetupBot(START, 'Europe/Paris', { digest: false });
    expect(await off.runJob('digest')).toBe('not-due');
    const tuesday = await meetupBot(START, 'Europe/Paris', { 'digest-day': 'tuesday', 'digest-time': '10:00' });
    // Last Tuesday's digest passed before the community existed: nothing to catch up, and nothing until Tuesday.
    expect(await tuesday.runJob('digest')).toBe('not-due');
    tuesday.clock.set('2026-11-17T08:59:00Z');
    expect(await tuesday.runJob('digest')).toBe('not-due');
    tuesday.clock.set('2026-11-17T09:00:00Z');
    expect(await tuesday.runJob('digest')).toBe('ran');
    tuesday.clock.set('2026-11-17T15:00:00Z');
    expect(await tuesday.runJob('digest')).toBe('already-ran');
    expect(tuesday.postsIn(EVENTS)).toHaveLength(1);
  });
});
