/**
 * The community the crash tests run: enough members with complementary skills for a weekly round's fan-out, and a
 * meetup starting within 24 hours with many seats taken, so one scheduler tick queues a round DM per member and a
 * reminder per attendee. Written straight through the stores, in one transaction, into the database the child
 * processes then open (a SQLite file, or a PostgreSQL database).
 */
import { openStorage } from '../../../data/open.ts';
import { meetupsStore } from '../../../data/stores/meetups.store.ts';
import { profilesStore } from '../../../data/stores/profiles.store.ts';
import type { CommunityId } from '#core/ids.ts';

export const CRASH_COMMUNITY: CommunityId = 'slack:T0CRASH';
/** Monday 16 November 2026, 09:00:30 UTC: the weekly round (Monday 09:00) is due. */
export const CRASH_NOW = '2026-11-16T09:00:30.000Z';
export const MEMBERS = 40;
export const ATTENDEES = 30;

const SKILLS = ['photography', 'illustration', 'risograph printing', 'layout design', 'mixing', 'bookbinding'];

/** Where the crash tests' database is: a SQLite file, or a PostgreSQL URL. */
export type CrashDatabase =
  | { readonly path: string; readonly url?: undefined }
  | { readonly url: string; readonly path?: undefined };

export function memberId(i: number): string {
  return `U0M${String(i).padStart(3, '0')}`;
}

/** Creates (migrates) the database and writes the community above. */
export async function seedCrashCommunity(database: CrashDatabase): Promise<void> {
  const storage = await openStorage({ url: database.url, path: database.path ?? ':memory:' });
  const now = new Date(CRASH_NOW);
  const earlier = new Date(now.getTime() - 7 * 86_400_000);
  try {
    await storage.transaction(async (tx) => {
      const { communities, members } = storage.core(tx);
      const profiles = profilesStore(tx);
      const meetups = meetupsStore(tx);
      await communities.ensure(CRASH_COMMUNITY, earlier);
      await communities.saveSettings(CRASH_COMMUNITY, { 'meetup-channel': 'C0EVENTS', digest: false, prompts: false });
      for (let i = 0; i < MEMBERS; i++) {
        const userId = memberId(i);
        await members.markJoined(CRASH_COMMUNITY, userId, `Member ${i}`, earlier);
        const offer = SKILLS[i % SKILLS.length]!;
        const need = SKILLS[(i + 1) % SKILLS.length]!;
        await profiles.addSkills(CRASH_COMMUNITY, userId, 'offer', [{ skill: offer, term: offer }], earlier);
        await profiles.addSkills(CRASH_COMMUNITY, userId, 'need', [{ skill: need, term: need }], earlier);
      }
      const startsAt = new Date(now.getTime() + 23 * 3_600_000);
      const meetup = await meetups.create({
        community: CRASH_COMMUNITY,
        title: 'Open studio',
        startsAt,
        endsAt: new Date(startsAt.getTime() + 2 * 3_600_000),
        hostUserId: memberId(0),
        createdBy: memberId(0),
        now: earlier,
      });
      for (let i = 0; i < ATTENDEES; i++) {
        await meetups.saveRsvp(CRASH_COMMUNITY, {
          meetupId: meetup.id,
          userId: memberId(i),
          status: 'going',
          respondedAt: earlier,
        });
      }
    });
  } finally {
    await storage.close();
  }
}
