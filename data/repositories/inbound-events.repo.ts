import type { Database } from 'better-sqlite3';
import type { InboundEventsRepo } from '#core/ports/repos/inbound-events.ts';
import { toMs } from './rows.ts';

/** SQLite implementation of InboundEventsRepo: the primary key makes the first sighting the only one. */
export function createInboundEventsRepo(db: Database): InboundEventsRepo {
  const insert = db.prepare<[string, string, number]>(
    `INSERT INTO inbound_events (community, event_id, seen_at) VALUES (?, ?, ?)
     ON CONFLICT (community, event_id) DO NOTHING`,
  );
  return {
    firstSight: (community, eventId, now) => insert.run(community, eventId, toMs(now)).changes === 1,
  };
}
