import type { Database } from 'better-sqlite3';
import type { InboundEventsStore } from '#core/stores/inbound-events.ts';
import { toMs } from './rows.ts';

/** SQLite implementation of InboundEventsStore: the primary key makes the first sighting the only one. */
export function createInboundEventsRepo(db: Database): InboundEventsStore {
  const insert = db.prepare<[string, string, number]>(
    `INSERT INTO inbound_events (community, event_id, seen_at) VALUES (?, ?, ?)
     ON CONFLICT (community, event_id) DO NOTHING`,
  );
  return {
    firstSight: (community, eventId, now) => insert.run(community, eventId, toMs(now)).changes === 1,
  };
}
