/** The fake Discord REST API: routes, payload limits, interaction rules, scripted failures. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FakeDiscord, RecordedCall } from './fake-discord.ts';
import { checkChoices, checkCommands, checkMessage, checkModal, invalidFormBody } from './fake-discord-limits.ts';
import { dmChannelJSON, guildChannelJSON, messageJSON, snowflake, userJSON } from './fake-discord-payloads.ts';

type Answer = { status: number; body?: unknown; headers?: Record<string, string> };
// biome-ignore lint/suspicious/noExplicitAny: request bodies are untyped JSON from the wire.
type Json = Record<string, any>;

const err = (status: number, code: number, message: string): Answer => ({ status, body: { code, message } });

async function readBody(req: IncomingMessage): Promise<{ body: RecordedCall['body']; files: RecordedCall['files'] }> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks);
  const type = req.headers['content-type'] ?? '';
  if (raw.length === 0) return { body: undefined, files: [] };
  if (type.startsWith('multipart/form-data')) {
    const form = await new Response(raw, { headers: { 'content-type': type } }).formData();
    const files: RecordedCall['files'] = [];
    for (const [key, value] of form.entries()) {
      if (key.startsWith('files[') && typeof value !== 'string') {
        files.push({ name: (value as File).name, content: await (value as File).text() });
      }
    }
    return { body: JSON.parse(String(form.get('payload_json') ?? '{}')), files };
  }
  return { body: JSON.parse(raw.toString('utf8')), files: [] };
}

/** Handles one REST request: record, script, route, answer. */
export async function route(fake: FakeDiscord, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://x');
  const path = decodeURIComponent(url.pathname.replace(/^\/api\/v10/, ''));
  const { body, files } = await readBody(req);
  const call = fake.record(req, path, body, files);
  const scripted = fake.scripted.findIndex(
    (s) =>
      (typeof s.route === 'string' ? s.route === call.route : s.route.test(call.route)) && (s.when?.(call) ?? true),
  );
  const script = scripted >= 0 ? fake.scripted.splice(scripted, 1)[0] : undefined;
  if (script?.fault) {
    fake.finish(call, 0);
    return networkFault(res, script.fault);
  }
  let answer: Answer;
  if (script) {
    answer = { status: script.status, body: script.body, headers: script.headers };
  } else {
    answer = dispatchRoute(fake, call) ?? err(404, 0, '404: Not Found');
  }
  // Discord names each route's rate-limit bucket on every answer; @discordjs/rest keys its queues by it.
  const headers: Record<string, string> = { 'X-RateLimit-Bucket': bucketOf(call.route), ...answer.headers };
  if (answer.body !== undefined) headers['content-type'] = 'application/json';
  res.writeHead(answer.status, headers);
  res.end(answer.body === undefined ? undefined : JSON.stringify(answer.body));
  fake.finish(call, answer.status);
}

/** Never answers (the socket stays open until the client aborts or the fake closes), or cuts the answer short. */
function networkFault(res: ServerResponse, fault: 'hang' | 'cut'): void {
  if (fault === 'hang') return;
  const body = JSON.stringify({ id: '0', channel_id: '0', content: '' });
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(body.length) });
  res.write(body.slice(0, body.length >> 1), () => res.socket?.destroy());
}

function bucketOf(route: string): string {
  let h = 0;
  for (const ch of route) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return `bucket-${h.toString(16)}`;
}

function dispatchRoute(fake: FakeDiscord, c: RecordedCall): Answer | undefined {
  const [m, p] = [c.method, c.path];
  const cb = /^\/interactions\/(\d+)\/([^/]+)\/callback$/.exec(p);
  if (m === 'POST' && cb) return interactionCallback(fake, cb[1]!, cb[2]!, c);
  const hook = /^\/webhooks\/(\d+)\/([^/]+)(?:\/messages\/([^/]+))?$/.exec(p);
  if (hook) return webhook(fake, m, hook[2]!, hook[3], c);
  if (!c.authorized) return err(401, 0, '401: Unauthorized');
  if (m === 'GET' && p === '/gateway/bot') {
    return {
      status: 200,
      body: {
        url: `ws://127.0.0.1:${fake.port}/gateway`,
        shards: fake.shards,
        session_start_limit: { total: 1000, remaining: 999, reset_after: 0, max_concurrency: fake.maxConcurrency },
      },
    };
  }
  const cmds = /^\/applications\/(\d+)(?:\/guilds\/(\d+))?\/commands$/.exec(p);
  if (cmds) return commands(fake, m, cmds[2] ?? 'global', c.body);
  if (m === 'POST' && p === '/users/@me/channels') return createDm(fake, c.body);
  const thread = /^\/channels\/(\d+)\/messages\/(\d+)\/threads$/.exec(p);
  if (m === 'POST' && thread) return startThread(fake, thread[1]!, thread[2]!, c);
  const chan = /^\/channels\/(\d+)(\/messages(?:\/(\d+))?)?$/.exec(p);
  if (chan) return channel(fake, m, chan[1]!, Boolean(chan[2]), chan[3], c);
  const member = /^\/guilds\/(\d+)\/members\/(\d+)$/.exec(p);
  if (m === 'GET' && member) {
    const user = fake.users.get(member[2]!);
    const known = fake.members.get(member[1]!)?.has(member[2]!);
    return user && known ? { status: 200, body: fake.memberPayload(user) } : err(404, 10007, 'Unknown Member');
  }
  return undefined;
}

function interactionCallback(fake: FakeDiscord, id: string, token: string, c: RecordedCall): Answer {
  const i = fake.interactions.get(id);
  if (!i || i.token !== token || Date.now() - i.createdAt > 3000) return err(404, 10062, 'Unknown interaction');
  if (i.responded) return err(400, 40060, 'Interaction has already been acknowledged.');
  const { type, data = {} } = c.body as Json;
  // Like Discord: only a component's interaction (or a modal opened from one) may update (6, 7) its message.
  if ((type === 6 || type === 7) && i.type !== 3 && !(i.type === 5 && i.messageId)) {
    return { status: 400, body: invalidFormBody([`type: callback type ${type} needs a message component`]) };
  }
  const problems =
    type === 4 || type === 7
      ? checkMessage(data, { files: c.files.length, edit: type === 7 })
      : type === 9
        ? checkModal(data)
        : type === 8
          ? checkChoices(data)
          : [5, 6].includes(type)
            ? []
            : [`type: unknown callback type ${type}`];
  if (problems.length > 0) return { status: 400, body: invalidFormBody(problems) };
  i.responded = true;
  const clicked = i.messageId === undefined ? undefined : fake.messages.get(i.messageId);
  if (type === 7 && clicked) {
    const edited = { ...clicked, ...(data as Json), edited_timestamp: new Date().toISOString() };
    fake.messages.set(i.messageId!, edited);
  }
  // After a deferred update, `@original` is the message the component sits on.
  if (type === 6 && clicked) i.original = clicked;
  if (type === 4 || type === 5) {
    i.original = messageJSON(snowflake(), i.channelId, fake.bot, type === 4 ? data : {}, i.guildId);
  }
  return { status: 204 };
}

function webhook(fake: FakeDiscord, m: string, token: string, messageId: string | undefined, c: RecordedCall) {
  const i = [...fake.interactions.values()].find((x) => x.token === token);
  if (!i?.responded) return err(404, 10015, 'Unknown Webhook');
  if (m === 'POST' && !messageId) {
    const problems = checkMessage(c.body ?? {}, { files: c.files.length });
    if (problems.length > 0) return { status: 400, body: invalidFormBody(problems) };
    return { status: 200, body: messageJSON(snowflake(), i.channelId, fake.bot, c.body, i.guildId) };
  }
  const original = i.original ?? messageJSON(snowflake(), i.channelId, fake.bot, {}, i.guildId);
  if (m === 'DELETE') return { status: 204 };
  if (m === 'GET') return { status: 200, body: original };
  const problems = checkMessage(c.body ?? {}, { edit: true });
  if (problems.length > 0) return { status: 400, body: invalidFormBody(problems) };
  const edited = { ...original, ...c.body };
  i.original = edited;
  if (i.messageId !== undefined && original['id'] === i.messageId) fake.messages.set(i.messageId, edited);
  return { status: 200, body: edited };
}

function commands(fake: FakeDiscord, m: string, scope: string, body: unknown): Answer {
  if (m === 'GET') return { status: 200, body: fake.commands.get(scope) ?? [] };
  if (m !== 'PUT') return err(405, 0, '405: Method Not Allowed');
  const problems = checkCommands(body);
  if (problems.length > 0) return { status: 400, body: invalidFormBody(problems) };
  // Discord answers with ids, a version and its own defaults; the adapter must compare past those.
  const stored = (body as Json[]).map((cmd) => ({
    id: snowflake(),
    application_id: fake.applicationId,
    version: snowflake(),
    default_member_permissions: null,
    ...(scope !== 'global' && { guild_id: scope }),
    ...cmd,
    nsfw: false,
    description_localizations: null,
    name_localizations: null,
  }));
  fake.commands.set(scope, stored);
  return { status: 200, body: stored };
}

function createDm(fake: FakeDiscord, body: Json | undefined): Answer {
  const user = fake.users.get(String(body?.['recipient_id']));
  if (!user) return err(400, 50035, 'Invalid Form Body');
  return { status: 200, body: dmChannelJSON(fake.dmChannelFor(user.id), user) };
}

/** A public thread under a guild message (type 11); it becomes a channel messages can be sent to. */
function startThread(fake: FakeDiscord, channelId: string, messageId: string, c: RecordedCall): Answer {
  const guild = fake.guildOfChannel(channelId);
  const message = fake.messages.get(messageId);
  if (!guild || !message || message['channel_id'] !== channelId) return err(404, 10008, 'Unknown Message');
  const name = String((c.body as Json | undefined)?.name ?? '');
  if (name.length < 1 || name.length > 100)
    return { status: 400, body: invalidFormBody([`name: length ${name.length} (1..100)`]) };
  const id = snowflake();
  guild.channels.push({ id, name });
  const body = {
    id,
    type: 11,
    guild_id: guild.id,
    parent_id: channelId,
    name,
    owner_id: fake.bot.id,
    message_count: 0,
    member_count: 1,
    rate_limit_per_user: 0,
    flags: 0,
    thread_metadata: {
      archived: false,
      auto_archive_duration: 10080,
      archive_timestamp: new Date().toISOString(),
      locked: false,
    },
  };
  return { status: 201, body };
}

function channel(
  fake: FakeDiscord,
  m: string,
  id: string,
  messages: boolean,
  messageId: string | undefined,
  c: RecordedCall,
) {
  const dmUser = [...fake.dmChannels.entries()].find(([, ch]) => ch === id)?.[0];
  const guild = fake.guildOfChannel(id);
  const guildChannel = guild?.channels.find((ch) => ch.id === id);
  if (!dmUser && !guildChannel) return err(404, 10003, 'Unknown Channel');
  if (!messages && m === 'GET') {
    return {
      status: 200,
      body: dmUser ? dmChannelJSON(id, fake.users.get(dmUser)!) : guildChannelJSON(guildChannel!, guild!.id),
    };
  }
  const guildId = guild?.id;
  if (m === 'POST' && messages && !messageId) {
    if (dmUser && fake.closedDms.has(dmUser)) return err(403, 50007, 'Cannot send messages to this user');
    const problems = checkMessage(c.body ?? {}, { files: c.files.length });
    if (problems.length > 0) return { status: 400, body: invalidFormBody(problems) };
    const msg = messageJSON(snowflake(), id, fake.bot, c.body, guildId);
    fake.messages.set(msg.id, msg);
    return { status: 200, body: msg };
  }
  if (m === 'PATCH' && messageId) {
    const old = fake.messages.get(messageId);
    if (!old || old['channel_id'] !== id) return err(404, 10008, 'Unknown Message');
    const problems = checkMessage(c.body ?? {}, { edit: true });
    if (problems.length > 0) return { status: 400, body: invalidFormBody(problems) };
    const msg = { ...old, ...c.body, author: userJSON(fake.bot), edited_timestamp: new Date().toISOString() };
    fake.messages.set(messageId, msg);
    return { status: 200, body: msg };
  }
  return undefined;
}
