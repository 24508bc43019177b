/**
 * The digest's library corner: what the shared-resources library gained this week, and what was booked most. Read
 * through the meetups store (`libraryNews`), so the digest names no other feature; nothing shows when nothing happened.
 */
import type { Section } from '#core/reply.ts';
import { fmt } from '#core/text.ts';
import type { MeetupEnv } from './format.ts';

const WEEK = 7 * 86_400_000;
/** Lines in each list. */
const LIMIT = 5;

export async function librarySections(env: MeetupEnv): Promise<Section[]> {
  const since = new Date(env.now.getTime() - WEEK);
  const news = await env.store.libraryNews(env.community.id, since, LIMIT);
  const sections: Section[] = [];
  if (news.added.length > 0) {
    const lines = news.added.map((r) => `• ${r.name} (${r.kind})`);
    sections.push({
      text: `${fmt.bold('New in the library')}\n${lines.join('\n')}\nSee them with \`/resource list\`.`,
    });
  }
  if (news.mostBooked.length > 0) {
    const lines = news.mostBooked.map((r) => `• ${r.name}: ${r.bookings} booking${r.bookings === 1 ? '' : 's'}`);
    sections.push({ text: `${fmt.bold('Most booked this week')}\n${lines.join('\n')}` });
  }
  return sections;
}
