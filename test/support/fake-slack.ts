/**
 * A fake Slack on 127.0.0.1 for end-to-end tests of the real Bolt app: the Web API methods Hallway calls (recorded,
 * with `blocks` / `view` JSON-decoded, Block Kit limits enforced), `response_url` endpoints, scripted failures
 * (429 with Retry-After, platform errors, 5xx, a request never answered, a socket cut mid-answer) and a Socket Mode
 * endpoint, and the OAuth code exchange (`oauth.v2.access`) for many workspaces, each with its own bot token (see
 * `authorizeCode`). Methods: auth.test, chat.postMessage,
 * chat.update, chat.postEphemeral, conversations.open, users.info, views.open/push/publish, apps.connections.open,
 * and the file upload flow (files.getUploadURLExternal, a POST of the bytes to the URL it gives, recorded in
 * `uploads`, then files.completeUploadExternal, which refuses a file whose bytes never arrived).
 * Waiting is event-driven: `waitFor` resolves when a matching call is recorded (or already was) and fails fast
 * with what was recorded instead.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';
import { blockKitProblems, viewProblems } from './block-kit-limits.ts';
import { Recorder } from './recorder.ts';
import { answerMethod, type FakeUser } from './fake-slack-methods.ts';

export type { FakeUser } from './fake-slack-methods.ts';

/** One Web API call as the fake saw it. */
export interface ApiCall {
  readonly method: string;
  readonly args: Record<string, unknown>;
  readonly token?: string;
  readonly status: number;
  /** What the fake answered (`ok`, `error`, ...); `no_answer` / `cut` for a scripted network fault. */
  readonly answer: Record<string, unknown>;
  /** When the request arrived (`Date.now()`), to check pauses and backoff. */
  readonly at: number;
}

/** One POST to a `response_url` (what `respond()` sent). */
export interface Responded {
  readonly id: string;
  readonly body: Record<string, unknown>;
  readonly status: number;
}

/** The bytes POSTed to an upload URL (`files.getUploadURLExternal`), as text. */
export interface Uploaded {
  readonly fileId: string;
  readonly body: string;
}

/** A scripted failure for the next call of a method. */
export interface Failure {
  /** HTTP status; 429 adds `Retry-After` when `retryAfter` is set. */
  readonly status?: number;
  readonly retryAfter?: number;
  /** Answer `{ok:false, error}` with HTTP 200 (or with `status`). */
  readonly error?: string;
  /** Only a call whose arguments match (e.g. one member's DM); others pass. */
  readonly when?: (args: Record<string, unknown>) => boolean;
  /**
   * A network fault instead of an answer: `hang` holds the request unanswered (until the client gives up or the
   * fake closes), `cut` sends the headers and half the body, then destroys the socket. Neither delivers anything.
   */
  readonly fault?: 'hang' | 'cut';
}

export interface SocketAck {
  readonly envelope_id: string;
  readonly payload?: Record<string, unknown>;
}

export class FakeSlack {
  readonly teamId = 'T0HALLWAY';
  readonly botUserId = 'UHALLWAYBOT';
  readonly botToken = 'xoxb-fake-bot-token';
  readonly appToken = 'xapp-fake-app-token';
  readonly calls = new Recorder<ApiCall>();
  readonly responses = new Recorder<Responded>();
  readonly acks = new Recorder<SocketAck>();
  readonly uploads = new Recorder<Uploaded>();
  readonly users = new Map<string, FakeUser>();
  private readonly failures = new Map<string, Failure[]>();
  private readonly usedTriggers = new Set<string>();
  private readonly sockets = new Set<WebSocket>();
  private readonly connections = new Recorder<WebSocket>();
  private readonly wss = new WebSocketServer({ noServer: true });
  private tsCounter = 0;
  /** OAuth mode: the app's credentials, the codes not yet exchanged, and each issued bot token's workspace. */
  readonly clientId = '1111.2222';
  readonly clientSecret = 'fake-client-secret';
  private readonly codes = new Map<string, string>();
  private readonly issued = new Map<string, string>();

  private constructor(private readonly server: Server) {}

  static async start(): Promise<FakeSlack> {
    const server = createServer();
    const fake = new FakeSlack(server);
    server.on('request', (req, res) => void fake.route(req, res));
    server.on('upgrade', (req, socket, head) => {
      if (!req.url?.startsWith('/socket')) return socket.destroy();
      fake.wss.handleUpgrade(req, socket, head, (ws) => fake.accept(ws));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** What to give the adapter as `apiUrl`. */
  get apiUrl(): string {
    return `${this.baseUrl}/api/`;
  }

  /** A fresh `response_url` whose POSTs are recorded under `id`. */
  responseUrl(id: string = randomUUID()): string {
    return `${this.baseUrl}/respond/${id}`;
  }

  addUser(user: FakeUser): void {
    this.users.set(user.id, user);
  }

  /**
   * What Slack's authorize page does when a manager of `teamId` approves the install: a one-time code for the
   * redirect, which `oauth.v2.access` exchanges for a new bot token of that workspace.
   */
  authorizeCode(teamId: string): string {
    const code = `code-${teamId}-${randomUUID()}`;
    this.codes.set(code, teamId);
    return code;
  }

  /** The bot tokens issued to a workspace and still valid. */
  tokensOf(teamId: string): string[] {
    return [...this.issued].filter(([, team]) => team === teamId).map(([token]) => token);
  }

  /** The workspace uninstalled the app: its tokens stop working (`invalid_auth`), as on Slack. */
  revoke(teamId: string): void {
    for (const token of this.tokensOf(teamId)) this.issued.delete(token);
  }

  /** The next call of `method` fails like this (queued: several calls fail in order). */
  failNext(method: string, failure: Failure): void {
    this.failures.set(method, [...(this.failures.get(method) ?? []), failure]);
  }

  /** Resolves with the first call of `method` (at index ≥ `from`) that matches. */
  async waitFor(method: string, match: (c: ApiCall) => boolean = () => true, from = 0): Promise<ApiCall> {
    return await this.calls.waitFor((c) => c.method === method && match(c), from, `${method} call`);
  }

  async waitForResponse(match: (r: Responded) => boolean = () => true, from = 0): Promise<Responded> {
    return await this.responses.waitFor(match, from, 'response_url POST');
  }

  /** Successful calls of a method so far. */
  succeeded(method: string): ApiCall[] {
    return this.calls.all.filter((c) => c.method === method && c.answer.ok === true);
  }

  /** Resolves once a Socket Mode client has connected and been greeted. */
  async socketConnected(): Promise<WebSocket> {
    return await this.connections.waitFor(() => true, 0, 'Socket Mode connection');
  }

  /** Sends an envelope over every open socket; returns its envelope id (await `acks.waitFor` for the ack). */
  sendEnvelope(type: 'slash_commands' | 'events_api' | 'interactive', payload: object): string {
    const envelope_id = randomUUID();
    const frame = JSON.stringify({ envelope_id, type, payload, accepts_response_payload: type !== 'events_api' });
    for (const ws of this.sockets) ws.send(frame);
    return envelope_id;
  }

  async close(): Promise<void> {
    for (const ws of this.sockets) ws.terminate();
    this.wss.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(ws: WebSocket): void {
    this.sockets.add(ws);
    ws.on('close', () => this.sockets.delete(ws));
    ws.on('message', (data) => this.acks.push(JSON.parse(String(data)) as SocketAck));
    ws.send(JSON.stringify({ type: 'hello', num_connections: 1, connection_info: { app_id: 'AHALLWAY' } }));
    this.connections.push(ws);
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const url = new URL(req.url ?? '/', this.baseUrl);
    if (url.pathname.startsWith('/respond/')) return this.respondUrl(url.pathname.slice(9), raw, res);
    if (url.pathname.startsWith('/upload/')) {
      this.uploads.push({ fileId: url.pathname.slice(8), body: raw });
      return send(res, 200, 'OK - uploaded');
    }
    if (!url.pathname.startsWith('/api/')) return send(res, 404, 'not found');
    const method = url.pathname.slice(5);
    const args = parseArgs(raw, req.headers['content-type']);
    const token = req.headers.authorization?.replace(/^Bearer /, '');
    const at = Date.now();
    const failure = this.takeFailure(method, args);
    if (failure?.fault) {
      this.calls.push({ method, args, token, status: 0, answer: { ok: false, error: faultName(failure) }, at });
      return networkFault(res, failure.fault);
    }
    const [status, answer, headers] = failure ? failed(failure) : [200, this.answer(method, args, token), {}];
    this.calls.push({ method, args, token, status, answer, at });
    send(res, status, JSON.stringify(answer), { 'content-type': 'application/json', ...headers });
  }

  /** The first scripted failure of `method` that applies to these arguments, removed from the queue. */
  private takeFailure(method: string, args: Record<string, unknown>): Failure | undefined {
    const queue = this.failures.get(method) ?? [];
    const index = queue.findIndex((f) => f.when?.(args) ?? true);
    return index < 0 ? undefined : queue.splice(index, 1)[0];
  }

  private answer(method: string, args: Record<string, unknown>, token?: string): Record<string, unknown> {
    if (method === 'oauth.v2.access') return this.exchange(args);
    const expected = method === 'apps.connections.open' ? this.appToken : this.botToken;
    const teamId = token === expected ? this.teamId : token && this.issued.get(token);
    if (!teamId) return { ok: false, error: 'invalid_auth' };
    const problems = args.view !== undefined ? viewProblems(args.view) : blocksOf(args);
    if (problems.length) return { ok: false, error: 'invalid_blocks', response_metadata: { messages: problems } };
    if (method === 'views.open' || method === 'views.push') {
      const trigger = String(args.trigger_id ?? '');
      if (!trigger || this.usedTriggers.has(trigger)) return { ok: false, error: 'expired_trigger_id' };
      this.usedTriggers.add(trigger);
    }
    return answerMethod(method, args, {
      baseUrl: this.baseUrl,
      uploaded: (fileId) => this.uploads.all.some((u) => u.fileId === fileId),
      teamId,
      botUserId: this.botUserId,
      users: this.users,
      socketUrl: `${this.baseUrl.replace('http', 'ws')}/socket`,
      nextTs: () => `1700000000.${String(++this.tsCounter).padStart(6, '0')}`,
    });
  }

  /** `oauth.v2.access`: the app's credentials and a code issued once; answers like Slack with a new bot token. */
  private exchange(args: Record<string, unknown>): Record<string, unknown> {
    if (args.client_id !== this.clientId || args.client_secret !== this.clientSecret) {
      return { ok: false, error: 'invalid_client_id' };
    }
    const teamId = this.codes.get(String(args.code ?? ''));
    if (!teamId) return { ok: false, error: 'invalid_code' };
    this.codes.delete(String(args.code));
    const token = `xoxb-${teamId}-${randomUUID()}`;
    this.issued.set(token, teamId);
    return {
      ok: true,
      access_token: token,
      token_type: 'bot',
      scope: 'commands,chat:write,im:write,mpim:write,users:read,channels:read,groups:read',
      bot_user_id: `UBOT${teamId}`,
      app_id: 'AHALLWAY',
      team: { id: teamId, name: `Team ${teamId}` },
      enterprise: null,
      is_enterprise_install: false,
      authed_user: { id: `UADMIN${teamId}` },
    };
  }

  private respondUrl(id: string, raw: string, res: ServerResponse): void {
    let body: Record<string, unknown> = {};
    try {
      body = JSON.parse(raw) as Record<string, unknown>;
    } catch {
      send(res, 400, 'invalid_payload');
      return;
    }
    // Slack answers a refused response_url payload with a bare 400 `invalid_blocks`.
    const status = body.blocks !== undefined && blockKitProblems(body.blocks, 'message').length ? 400 : 200;
    this.responses.push({ id, body, status });
    send(res, status, status === 200 ? 'ok' : 'invalid_blocks');
  }
}

function blocksOf(args: Record<string, unknown>): string[] {
  return args.blocks === undefined ? [] : blockKitProblems(args.blocks, 'message');
}

function faultName(f: Failure): string {
  return f.fault === 'hang' ? 'no_answer' : 'cut';
}

/** Never answers (the socket stays open until the client aborts or the fake closes), or cuts the answer short. */
function networkFault(res: ServerResponse, fault: 'hang' | 'cut'): void {
  if (fault === 'hang') return;
  const body = JSON.stringify({ ok: true, channel: 'D0', ts: '1700000000.000000' });
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(body.length) });
  res.write(body.slice(0, body.length >> 1), () => res.socket?.destroy());
}

function failed(f: Failure): [number, Record<string, unknown>, Record<string, string>] {
  const headers: Record<string, string> = f.retryAfter !== undefined ? { 'retry-after': String(f.retryAfter) } : {};
  const error = f.error ?? (f.status === 429 ? 'ratelimited' : 'internal_error');
  return [f.status ?? 200, { ok: false, error }, headers];
}

/** The WebClient posts form bodies with nested values (`blocks`, `view`) JSON-encoded; decode them back. */
function parseArgs(raw: string, contentType: string | undefined): Record<string, unknown> {
  if (contentType?.includes('application/json')) return JSON.parse(raw || '{}') as Record<string, unknown>;
  const args: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    args[key] = /^[[{]/.test(value) ? tryJson(value) : value;
  }
  return args;
}

function tryJson(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, headers);
  res.end(body);
}
