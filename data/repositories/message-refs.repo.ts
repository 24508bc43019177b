import type { Database } from 'better-sqlite3';
import type { SentMessage } from '#core/ports/chat-platform.ts';
import type { MessageRefsStore } from '#core/stores/message-refs.ts';

interface RefRow {
  channel_id: string;
  message_id: string;
}

/** SQLite implementation of MessageRefsStore. Saving a ref again points it at the newer message. */
export function createMessageRefsRepo(db: Database): MessageRefsStore {
  const save = db.prepare<[string, string, string, string]>(
    `INSERT INTO message_refs (community, ref, channel_id, message_id) VALUES (?, ?, ?, ?)
     ON CONFLICT (community, ref) DO UPDATE SET channel_id = excluded.channel_id, message_id = excluded.message_id`,
  );
  const get = db.prepare<[string, string], RefRow>(
    'SELECT channel_id, message_id FROM message_refs WHERE community = ? AND ref = ?',
  );
  const rename = db.prepare<[string, string, string]>(
    'UPDATE message_refs SET ref = ? WHERE community = ? AND ref = ?',
  );
  // The member's id is the last segment of the refs named after them (`feedback-ask:3:U1`).
  const forget = db.prepare<{ community: string; userId: string }>(
    `DELETE FROM message_refs WHERE community = @community
       AND (substr(ref, -length(@userId) - 1) = ':' || @userId OR channel_id = @userId)`,
  );

  return {
    save: (community, ref, sent) => void save.run(community, ref, sent.channelId, sent.messageId),
    get(community, ref): SentMessage | undefined {
      const row = get.get(community, ref);
      return row && { channelId: row.channel_id, messageId: row.message_id };
    },
    rename: (community, from, to) => rename.run(to, community, from).changes === 1,
    deleteForMember: (community, userId) => forget.run({ community, userId }).changes,
  };
}
