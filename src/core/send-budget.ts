/**
 * What one member may make Hallway send: at most `member-sends` new messages (DMs to anyone, themselves included,
 * and channel posts) queued by their own commands and clicks per rolling minute, per community. One member's flood
 * (200 `/meetup create`, a bot replaying clicks) is refused with a friendly "slow down, try again in N s" before it
 * can fill the outbox and delay everyone else's messages, such as a newcomer's welcome.
 *
 * What does not count, so a member using Hallway normally never meets it:
 * - their direct answer (the Reply: an ephemeral line, an export's files);
 * - card edits (RSVP toggles, a card redrawn by forget-me): an edit waiting for a card takes the newer content, so
 *   one card never has more than one edit waiting, however fast the clicks come;
 * - a message whose idempotency key was already used (`/match` again the same day sends nothing new);
 * - managers' actions (an approval round, a manual job) and jobs (rounds, digests, reminders).
 *
 * Counted in the database, not in memory: each outbox row says whom it was sent for (`sent_for`), so every process
 * sees the same minute, and the count costs two reads (the keys already used, the minute's count) only for actions
 * that queue a message, never a write.
 */
import { UserError } from './errors.ts';
import type { CommunityId } from './ids.ts';
import type { Unit } from './unit.ts';

const WINDOW_MS = 60_000;

/**
 * Throws `slow_down` when the messages this unit queued for `userId` would take them past `limit` in the last
 * minute. Called inside the unit, before it writes its messages: a refusal rolls back the whole action. The first
 * action of a quiet minute always goes through, however much it queues.
 */
export async function checkSendBudget(
  unit: Unit,
  community: CommunityId,
  userId: string,
  limit: number,
  now: Date,
): Promise<void> {
  if (limit <= 0) return;
  const queued = unit.notify.pending.filter((item) => item.sentFor === userId);
  if (queued.length === 0) return;
  // A message under a key already used is dropped when the unit writes: only what is new counts (a member at the
  // limit may still type `/match` again, which repeats the day's suggestions and sends nothing).
  const used = await unit.core.outbox.usedKeys(
    community,
    queued.map((item) => item.key),
  );
  const mine = new Set(queued.map((item) => item.key).filter((key) => !used.has(key))).size;
  if (mine === 0) return;
  const recent = await unit.core.outbox.sentFor(community, userId, new Date(now.getTime() - WINDOW_MS));
  if (recent.length === 0 || recent.length + mine <= limit) return;
  // How many of the minute's messages must age out before this action fits (all of them if it alone is too big).
  const mustAge = recent.length - Math.max(0, limit - mine);
  const freeAt = recent[mustAge - 1]!.getTime() + WINDOW_MS;
  const seconds = Math.max(1, Math.ceil((freeAt - now.getTime()) / 1000));
  throw new UserError(
    'slow_down',
    `Slow down a little: I've sent a lot for you this minute. Try again in ${seconds} s.`,
    'This keeps one member from delaying everyone else’s messages.',
  );
}
