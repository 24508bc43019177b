/**
 * The fake Slack's answers to each Web API method Hallway uses, shaped like Slack's (only the fields anyone reads).
 * Argument checks mirror Slack's own errors, so a missing `channel` fails here as it would there.
 */

/** A workspace member as `users.info` returns it. */
export interface FakeUser {
  readonly id: string;
  readonly name: string;
  readonly real_name?: string;
  readonly is_admin?: boolean;
  readonly is_owner?: boolean;
  readonly is_bot?: boolean;
  readonly deleted?: boolean;
  readonly tz?: string;
  readonly profile?: { readonly display_name?: string; readonly real_name?: string };
}

export interface FakeWorld {
  /** Where upload URLs point (the fake's own server). */
  readonly baseUrl: string;
  /** Whether the bytes of this file id were POSTed to its upload URL. */
  uploaded(fileId: string): boolean;
  readonly teamId: string;
  readonly botUserId: string;
  readonly users: ReadonlyMap<string, FakeUser>;
  readonly socketUrl: string;
  nextTs(): string;
}

type Answer = Record<string, unknown>;

const fail = (error: string): Answer => ({ ok: false, error });

/** Posting to a user id lands in that member's DM with the app, whose id Slack returns. */
function channelOf(channel: string): string {
  return /^[UW]/.test(channel) ? `D${channel.slice(1)}` : channel;
}

function postMessage(args: Answer, world: FakeWorld): Answer {
  const channel = String(args.channel ?? '');
  if (!channel) return fail('channel_not_found');
  if (args.text === undefined && args.blocks === undefined) return fail('no_text');
  if (/^[UW]/.test(channel) && !world.users.has(channel)) return fail('user_not_found');
  const ts = world.nextTs();
  return { ok: true, channel: channelOf(channel), ts, message: { text: args.text, ts } };
}

export function answerMethod(method: string, args: Answer, world: FakeWorld): Answer {
  switch (method) {
    case 'auth.test':
      return {
        ok: true,
        url: 'https://hallway-test.slack.com/',
        team: 'Hallway Test',
        user: 'hallway',
        team_id: world.teamId,
        user_id: world.botUserId,
        bot_id: 'BHALLWAY',
      };
    case 'chat.postMessage':
      return postMessage(args, world);
    case 'chat.update':
      if (!args.channel || !args.ts) return fail('message_not_found');
      return { ok: true, channel: args.channel, ts: args.ts };
    case 'chat.postEphemeral':
      if (!args.channel || !args.user) return fail('channel_not_found');
      return { ok: true, message_ts: world.nextTs() };
    case 'conversations.open': {
      const users = String(args.users ?? '')
        .split(',')
        .filter(Boolean);
      if (users.length === 0) return fail('users_list_not_supplied');
      if (users.length > 8) return fail('too_many_users');
      if (users.some((u) => !world.users.has(u))) return fail('user_not_found');
      return {
        ok: true,
        channel: {
          id: `G${users
            .join('')
            .replace(/[^A-Z0-9]/g, '')
            .slice(0, 10)}`,
        },
      };
    }
    case 'users.info': {
      const user = world.users.get(String(args.user ?? ''));
      return user ? { ok: true, user: { team_id: world.teamId, ...user } } : fail('user_not_found');
    }
    case 'views.open':
    case 'views.push':
      return { ok: true, view: { id: `V${world.nextTs().replace('.', '')}`, ...(args.view as Answer) } };
    case 'views.publish':
      if (!args.user_id) return fail('invalid_arguments');
      return { ok: true, view: { id: 'VHOME', ...(args.view as Answer) } };
    case 'apps.connections.open':
      return { ok: true, url: world.socketUrl };
    case 'files.getUploadURLExternal': {
      if (!args.filename) return fail('invalid_arguments');
      if (!(Number(args.length) > 0)) return fail('invalid_arguments');
      const fileId = `F${world.nextTs().replace('.', '')}`;
      return { ok: true, upload_url: `${world.baseUrl}/upload/${fileId}`, file_id: fileId };
    }
    case 'files.completeUploadExternal': {
      const files = (Array.isArray(args.files) ? args.files : []) as { id?: string; title?: string }[];
      if (files.length === 0) return fail('invalid_arguments');
      if (files.some((f) => !f.id || !world.uploaded(f.id))) return fail('file_not_found');
      return { ok: true, files: files.map((f) => ({ id: f.id, title: f.title })) };
    }
    default:
      return fail('unknown_method');
  }
}
