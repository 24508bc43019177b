/**
 * Many communities for the multi-process test: `COMMUNITIES` Slack workspaces of `PER_COMMUNITY` members with
 * complementary skills, whose weekly rounds (Monday 09:00) are all due at CRASH_NOW, so one tick of each process
 * queues a round DM per member in every community. Written through the stores, in one transaction.
 */
import { openStorage } from '../../../data/open.ts';
import { profilesStore } from '../../../data/stores/profiles.store.ts';
import type { CommunityId } from '#core/ids.ts';
import { CRASH_NOW, type CrashDatabase } from './seed.ts';

export const COMMUNITIES = 30;
export const PER_COMMUNITY = 10;

const SKILLS = ['photography', 'illustration', 'risograph printing', 'layout design', 'mixing', 'bookbinding'];

export function communityOf(c: number): CommunityId {
  return `slack:T0MANY${String(c).padStart(3, '0')}`;
}

export function memberOf(c: number, i: number): string {
  return `U${String(c).padStart(3, '0')}M${String(i).padStart(2, '0')}`;
}

export async function seedManyCommunities(database: CrashDatabase): Promise<void> {
  const storage = await openStorage({ url: database.url, path: database.path ?? ':memory:' });
  const earlier = new Date(new Date(CRASH_NOW).getTime() - 7 * 86_400_000);
  try {
    await storage.transaction(async (tx) => {
      const { communities, members } = storage.core(tx);
      const profiles = profilesStore(tx);
      for (let c = 0; c < COMMUNITIES; c++) {
        const community = communityOf(c);
        await communities.ensure(community, earlier);
        await communities.saveSettings(community, { digest: false, prompts: false });
        for (let i = 0; i < PER_COMMUNITY; i++) {
          const userId = memberOf(c, i);
          await members.markJoined(community, userId, `Member ${c}.${i}`, earlier);
          const offer = SKILLS[i % SKILLS.length]!;
          const need = SKILLS[(i + 1) % SKILLS.length]!;
          await profiles.addSkills(community, userId, 'offer', [{ skill: offer, term: offer }], earlier);
          await profiles.addSkills(community, userId, 'need', [{ skill: need, term: need }], earlier);
        }
      }
    });
  } finally {
    await storage.close();
  }
}
