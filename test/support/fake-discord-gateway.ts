/**
 * The fake Discord gateway: HELLO, IDENTIFY → READY + one GUILD_CREATE per guild, heartbeat ACKs, and dispatches
 * pushed by tests. Scriptable: refuse the token (4004) or the privileged intents (4014), as Discord does; ask the
 * client to reconnect (op 7), invalidate its session (op 9) or close its connection with a code. A session outlives
 * its connection: RESUME (op 6) re-attaches it, replays the dispatches after the client's sequence and sends
 * RESUMED, so an event sent while the client was away is delivered late, not lost.
 *
 * Sharded like Discord: IDENTIFY carries `shard: [id, count]` (absent: [0, 1]); a shard id outside the count is
 * closed with 4010. Each session hears only its shard's guilds, `(guild_id >> 22) % count`, in READY and in every
 * dispatch that names a guild; a dispatch that names none (a DM) goes to shard 0. With one shard every session hears
 * everything, as before.
 */
import { EventEmitter } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';
import {
  type FakeGuild,
  type FakeUser,
  guildCreateJSON,
  shardOfGuild,
  snowflake,
  userJSON,
} from './fake-discord-payloads.ts';

/** GuildMembers and GuildPresences: the intents an application must switch on in the Developer Portal. */
const PRIVILEGED_INTENTS = (1 << 1) | (1 << 8) | (1 << 15);
/** Dispatches kept per session for replay (Discord keeps a bounded buffer too). */
const REPLAY_BUFFER = 1_000;

interface Session {
  readonly id: string;
  /** The connection the session is attached to; undefined while the client is away. */
  socket?: WebSocket;
  seq: number;
  /** `[shard id, shard count]` from its IDENTIFY. */
  readonly shard: readonly [number, number];
  readonly sent: { s: number; t: string; d: unknown }[];
}

export interface GatewayOptions {
  readonly token: () => string;
  readonly applicationId: string;
  readonly bot: FakeUser;
  readonly guilds: () => readonly FakeGuild[];
  /** Fewer shards than this are closed with 4011 Sharding required (Discord's answer for a bot in too many guilds). */
  readonly requiredShards: () => number;
}

export class FakeGateway extends EventEmitter {
  private readonly wss: WebSocketServer;
  private readonly sessions = new Map<string, Session>();
  /** Intents of every IDENTIFY received. */
  readonly identified: number[] = [];
  /** `[shard id, shard count]` of every IDENTIFY received. */
  readonly identifiedShards: (readonly [number, number])[] = [];
  /** Every RESUME received, with the sequence the client gave and the events replayed to it. */
  readonly resumes: { sessionId: string; seq: number; replayed: number }[] = [];
  /** Close with 4014 when an IDENTIFY asks for privileged intents (the application has them switched off). */
  refusePrivilegedIntents = false;

  constructor(
    private readonly server: Server,
    private readonly options: GatewayOptions,
  ) {
    super();
    this.wss = new WebSocketServer({ server, path: '/gateway' });
    this.wss.on('connection', (socket) => this.onConnection(socket));
  }

  private onConnection(socket: WebSocket): void {
    socket.on('close', () => {
      for (const s of this.sessions.values()) if (s.socket === socket) s.socket = undefined;
    });
    socket.on('message', (raw) => this.onMessage(socket, JSON.parse(String(raw))));
    socket.send(JSON.stringify({ op: 10, d: { heartbeat_interval: 41_250 } }));
  }

  private onMessage(socket: WebSocket, payload: { op: number; d: Record<string, unknown> }): void {
    if (payload.op === 1) return void socket.send(JSON.stringify({ op: 11 }));
    if (payload.op === 6) return void this.onResume(socket, payload.d);
    if (payload.op !== 2) return;
    const intents = Number(payload.d['intents']);
    this.identified.push(intents);
    const [shardId, shardCount] = (payload.d['shard'] as [number, number] | undefined) ?? [0, 1];
    this.identifiedShards.push([shardId, shardCount]);
    if (payload.d['token'] !== this.options.token()) return void socket.close(4004, 'Authentication failed.');
    if (!(shardCount >= 1 && shardId >= 0 && shardId < shardCount)) return void socket.close(4010, 'Invalid shard.');
    if (shardCount < this.options.requiredShards()) return void socket.close(4011, 'Sharding required.');
    if (this.refusePrivilegedIntents && intents & PRIVILEGED_INTENTS) {
      return void socket.close(4014, 'Disallowed intent(s).');
    }
    // A fresh IDENTIFY starts a new session; ones nobody is attached to can no longer be resumed.
    for (const [id, s] of this.sessions) if (!s.socket) this.sessions.delete(id);
    const session: Session = { id: snowflake(), socket, seq: 0, shard: [shardId, shardCount], sent: [] };
    this.sessions.set(session.id, session);
    const guilds = this.options.guilds().filter((g) => shardOfGuild(g.id, shardCount) === shardId);
    this.send(session, 'READY', {
      v: 10,
      user: userJSON(this.options.bot),
      guilds: guilds.map((g) => ({ id: g.id, unavailable: true })),
      session_id: session.id,
      resume_gateway_url: `ws://127.0.0.1:${(this.server.address() as AddressInfo).port}/gateway`,
      shard: [shardId, shardCount],
      application: { id: this.options.applicationId, flags: 0 },
    });
    for (const g of guilds) this.send(session, 'GUILD_CREATE', guildCreateJSON(g, this.options.bot));
    this.emit('ready', session.shard);
  }

  /** RESUME: re-attach the session, replay what the client missed, then RESUMED; unknown sessions get op 9. */
  private onResume(socket: WebSocket, d: Record<string, unknown>): void {
    if (socket.readyState !== WebSocket.OPEN) return; // a RESUME that crossed our close: the next one counts
    const session = this.sessions.get(String(d['session_id']));
    if (d['token'] !== this.options.token()) return void socket.close(4004, 'Authentication failed.');
    if (!session) return void socket.send(JSON.stringify({ op: 9, d: false }));
    const seq = Number(d['seq'] ?? 0);
    session.socket = socket;
    const missed = session.sent.filter((e) => e.s > seq);
    for (const e of missed) socket.send(JSON.stringify({ op: 0, t: e.t, s: e.s, d: e.d }));
    this.send(session, 'RESUMED', {});
    this.resumes.push({ sessionId: session.id, seq, replayed: missed.length });
    this.emit('resumed');
  }

  private send(session: Session, t: string, d: unknown): void {
    session.seq += 1;
    if (t !== 'RESUMED') {
      session.sent.push({ s: session.seq, t, d });
      if (session.sent.length > REPLAY_BUFFER) session.sent.shift();
    }
    if (session.socket?.readyState === WebSocket.OPEN) {
      session.socket.send(JSON.stringify({ op: 0, t, s: session.seq, d }));
    }
  }

  /**
   * Sends a dispatch event to every session of the shard it belongs to (one whose client is away gets it on
   * RESUME); returns how many sessions it was sent or queued for.
   */
  dispatch(t: string, d: unknown): number {
    const guildId = guildOfDispatch(t, d);
    let sent = 0;
    for (const s of this.sessions.values()) {
      const [id, count] = s.shard;
      // A guild's events go to the shard that owns it; events of no guild (DMs) to shard 0, as Discord does.
      if ((guildId === undefined ? 0 : shardOfGuild(guildId, count)) !== id) continue;
      this.send(s, t, d);
      sent += 1;
    }
    return sent;
  }

  /** op 7 RECONNECT: the client should close, reconnect and resume. */
  requestReconnect(): void {
    this.toAttached({ op: 7, d: null });
  }

  /** op 9 INVALID_SESSION; when not resumable the sessions are forgotten (the client must IDENTIFY again). */
  invalidateSession(resumable: boolean): void {
    this.toAttached({ op: 9, d: resumable });
    if (!resumable) this.sessions.clear();
  }

  /** Closes every client connection with `code` (4000 Unknown error is resumable), keeping the sessions. */
  closeConnections(code: number, reason = 'Unknown error'): void {
    for (const s of this.sessions.values()) s.socket?.close(code, reason);
  }

  private toAttached(payload: object): void {
    for (const s of this.sessions.values()) s.socket?.send(JSON.stringify(payload));
  }

  async close(): Promise<void> {
    for (const client of this.wss.clients) client.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }
}

/** The guild a dispatch belongs to: `guild_id`, or the guild itself for GUILD_CREATE / UPDATE / DELETE. */
function guildOfDispatch(t: string, d: unknown): string | undefined {
  const data = (d ?? {}) as Record<string, unknown>;
  if (typeof data['guild_id'] === 'string') return data['guild_id'];
  if (/^GUILD_(CREATE|UPDATE|DELETE)$/.test(t) && typeof data['id'] === 'string') return data['id'];
  return undefined;
}
