/**
 * The community the crash tests run: enough members with complementary skills for a weekly round's fan-out, and a
 * meetup starting within 24 hours with many seats taken, so one scheduler tick queues a round DM per member and a
 * reminder per attendee. Written straight through the repositories into a database file.
 */
import { closeDatabase, openDatabase } from '../../../data/db.ts';
import { createRepositories } from '../../../data/repositories/index.ts';
import type { CommunityId } from '#core/ids.ts';

export const CRASH_COMMUNITY: CommunityId = 'slack:T0CRASH';
/** Monday 16 November 2026, 09:00:30 UTC: the weekly round (Monday 09:00) is due. */
export const CRASH_NOW = '2026-11-16T09:00:30.000Z';
export const MEMBERS = 40;
export const ATTENDEES = 30;

const SKILLS = ['photography', 'illustration', 'risograph printing', 'layout design', 'mixing', 'bookbinding'];

export function memberId(i: number): string {
  return `U0M${String(i).padStart(3, '0')}`;
}

/** Creates the database file at `path` with the community above. */
export function seedCrashCommunity(path: string): void {
  const db = openDatabase(path);
  const repos = createRepositories(db);
  const now = new Date(CRASH_NOW);
  const earlier = new Date(now.getTime() - 7 * 86_400_000);
  repos.transaction(() => {
    repos.communities.ensure(CRASH_COMMUNITY, earlier);
    repos.communities.saveSettings(CRASH_COMMUNITY, { 'meetup-channel': 'C0EVENTS', digest: false, prompts: false });
    for (let i = 0; i < MEMBERS; i++) {
      const userId = memberId(i);
      repos.members.markJoined(CRASH_COMMUNITY, userId, `Member ${i}`, earlier);
      const offer = SKILLS[i % SKILLS.length]!;
      const need = SKILLS[(i + 1) % SKILLS.length]!;
      repos.profiles.addSkills(CRASH_COMMUNITY, userId, 'offer', [{ skill: offer, term: offer }], earlier);
      repos.profiles.addSkills(CRASH_COMMUNITY, userId, 'need', [{ skill: need, term: need }], earlier);
    }
    const startsAt = new Date(now.getTime() + 23 * 3_600_000);
    const meetup = repos.meetups.create({
      community: CRASH_COMMUNITY,
      title: 'Open studio',
      startsAt,
      endsAt: new Date(startsAt.getTime() + 2 * 3_600_000),
      hostUserId: memberId(0),
      createdBy: memberId(0),
      now: earlier,
    });
    for (let i = 0; i < ATTENDEES; i++) {
      repos.meetups.saveRsvp(CRASH_COMMUNITY, {
        meetupId: meetup.id,
        userId: memberId(i),
        status: 'going',
        respondedAt: earlier,
      });
    }
  });
  closeDatabase(db);
}
