/**
 * A drainer on a fresh database of the run's dialect, with recording platforms and a fake clock that waiting moves
 * forward. Messages are queued the way handlers queue them: through an `OutboxNotifier` in a unit of work.
 */
import type { CommunityId, Platform } from '#core/ids.ts';
import { OutboxDrainer, type OutboxDrainerOptions, type OutboxNotifier, type Priority } from '#core/outbox.ts';
import type { ChatPlatform } from '#core/ports/chat-platform.ts';
import { silentLogger } from '#core/ports/logger.ts';
import { inUnit } from '#core/unit.ts';
import { openTestStorage } from '../support/databases.ts';
import { FakeClock } from '../support/fake-clock.ts';
import { RecordingPlatform } from '../support/recording-platform.ts';
import { testRepos } from '../support/test-bot.ts';

export const LOFT = 'discord:80351110224678912';
export const WORKSPACE = 'slack:T024BE7LD';
export const T0 = new Date('2026-11-16T08:00:00Z');

/** Two Slack workspaces and a Discord server, for the lanes' tests. */
export const A: CommunityId = 'slack:TALPHA';
export const B: CommunityId = 'slack:TBRAVO';
export const STUDIO: CommunityId = 'discord:60351110224678999';

/** Slack as the adapter has it: one lane per workspace. */
export class WorkspaceLanes extends RecordingPlatform {
  laneOf(community: CommunityId): string {
    return community;
  }
}

/** Messages `platform` delivered to `community`. */
export const sentIn = (platform: RecordingPlatform, community: CommunityId) =>
  platform.sent.filter((call) => call.community === community).length;

/** `notify` with each call queued and committed in a unit of its own. */
type Committing = {
  [K in 'dm' | 'post' | 'update']: (...args: Parameters<OutboxNotifier[K]>) => Promise<void>;
};

export async function harness(options: Partial<OutboxDrainerOptions> = {}) {
  const clock = new FakeClock(T0);
  const storage = options.storage ?? (await openTestStorage());
  const repos = testRepos(storage);
  const discord = new RecordingPlatform('discord');
  const slack = new RecordingPlatform('slack');
  const waits: number[] = [];
  const platforms = new Map<Platform, ChatPlatform>([
    ['discord', discord],
    ['slack', slack],
  ]);
  const drainer = new OutboxDrainer({
    storage,
    platforms,
    clock,
    log: silentLogger,
    rates: {},
    // Waiting is instant: it moves the fake clock instead of the real one.
    wait: async (ms) => {
      waits.push(ms);
      clock.advance(ms);
    },
    random: () => 0.5,
    ...options,
  });
  /** Runs `fn` as a handler would: what it queues is written to the outbox when its transaction commits. */
  const queue = (fn: (notify: OutboxNotifier) => void, priority: Priority = 'interactive') =>
    inUnit({ storage, clock }, priority, async (unit) => fn(unit.notify));
  const notify: Committing = {
    dm: (...args) => queue((n) => n.dm(...args)),
    post: (...args) => queue((n) => n.post(...args)),
    update: (...args) => queue((n) => n.update(...args)),
  };
  /** Drains, moving the clock to each retry, until nothing is left pending (bounded). */
  const drainAll = async () => {
    for (let round = 0; round < 100; round++) {
      await drainer.drainOnce();
      const next = (await repos.outbox.nextDue('discord')) ?? (await repos.outbox.nextDue('slack'));
      if (!next) return;
      if (next > clock.now()) clock.set(next);
    }
    throw new Error('outbox never settled');
  };
  const elapsed = () => clock.now().getTime() - T0.getTime();
  return { clock, storage, repos, discord, slack, waits, platforms, drainer, queue, notify, drainAll, elapsed };
}
