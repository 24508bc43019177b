/** A drainer on in-memory SQLite with recording platforms and a fake clock that waiting moves forward. */
import { openDatabase } from '../../data/db.ts';
import { createRepositories } from '../../data/repositories/index.ts';
import type { Platform } from '#core/ids.ts';
import { createOutboxNotifier, OutboxDrainer, type OutboxDrainerOptions } from '#core/outbox.ts';
import type { ChatPlatform } from '#core/ports/chat-platform.ts';
import { silentLogger } from '#core/ports/logger.ts';
import type { Repositories } from '#core/ports/repositories.ts';
import { FakeClock } from '../support/fake-clock.ts';
import { RecordingPlatform } from '../support/recording-platform.ts';

export const LOFT = 'discord:80351110224678912';
export const WORKSPACE = 'slack:T024BE7LD';
export const T0 = new Date('2026-11-16T08:00:00Z');

export function harness(options: Partial<OutboxDrainerOptions> & { repos?: Repositories } = {}) {
  const clock = new FakeClock(T0);
  const repos = options.repos ?? createRepositories(openDatabase(':memory:'));
  const discord = new RecordingPlatform('discord');
  const slack = new RecordingPlatform('slack');
  const waits: number[] = [];
  const platforms = new Map<Platform, ChatPlatform>([
    ['discord', discord],
    ['slack', slack],
  ]);
  const drainer = new OutboxDrainer({
    repos,
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
  const notify = createOutboxNotifier(repos, clock);
  /** Drains, moving the clock to each retry, until nothing is left pending (bounded). */
  const drainAll = async () => {
    for (let round = 0; round < 100; round++) {
      await drainer.drainOnce();
      const next = repos.outbox.nextDue('discord') ?? repos.outbox.nextDue('slack');
      if (!next) return;
      if (next > clock.now()) clock.set(next);
    }
    throw new Error('outbox never settled');
  };
  const elapsed = () => clock.now().getTime() - T0.getTime();
  return { clock, repos, discord, slack, waits, platforms, drainer, notify, drainAll, elapsed };
}
