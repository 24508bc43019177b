/**
 * Files a reply hands over (an .ics, an export), uploaded to the member's DM with the app: never to the channel
 * the command came from, which others may read. Slack's upload flow: `files.getUploadURLExternal` per file, the
 * bytes to the URL it gives, then `files.completeUploadExternal` shares them in the DM (the `files:write` scope).
 */
import type { webApi } from '@slack/bolt';
import type { ReplyFile } from '#core/reply.ts';

/** Uploads `files` to the member's DM with the app. Throws what Slack answered (the caller logs it). */
export async function uploadToDm(client: webApi.WebClient, userId: string, files: readonly ReplyFile[]): Promise<void> {
  if (files.length === 0) return;
  const opened = await client.conversations.open({ users: userId });
  const channel = opened.channel?.id;
  if (!channel) throw new Error('conversations.open returned no channel');
  await client.filesUploadV2({
    channel_id: channel,
    file_uploads: files.map((f) => ({ content: f.content, filename: f.name, title: f.name })),
  });
}
