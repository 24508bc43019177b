/**
 * The fake Discord gateway: HELLO, IDENTIFY → READY + one GUILD_CREATE per guild, heartbeat ACKs, and dispatches
 * pushed by tests. Scriptable: refuse the token (4004) or the privileged intents (4014), as Discord does.
 */
import { EventEmitter } from 'node:events';
import type { Server } from 'node:http';
import { type WebSocket, WebSocketServer } from 'ws';
import { type FakeGuild, type FakeUser, guildCreateJSON, snowflake, userJSON } from './fake-discord-payloads.ts';

/** GuildMembers and GuildPresences: the intents an application must switch on in the Developer Portal. */
const PRIVILEGED_INTENTS = (1 << 1) | (1 << 8) | (1 << 15);

interface Session {
  readonly socket: WebSocket;
  seq: number;
  ready: boolean;
}

export interface GatewayOptions {
  readonly token: () => string;
  readonly applicationId: string;
  readonly bot: FakeUser;
  readonly guilds: () => readonly FakeGuild[];
}

export class FakeGateway extends EventEmitter {
  private readonly wss: WebSocketServer;
  private readonly sessions = new Set<Session>();
  /** Intents of every IDENTIFY received. */
  readonly identified: number[] = [];
  /** Close with 4014 when an IDENTIFY asks for privileged intents (the application has them switched off). */
  refusePrivilegedIntents = false;

  constructor(
    server: Server,
    private readonly options: GatewayOptions,
  ) {
    super();
    this.wss = new WebSocketServer({ server, path: '/gateway' });
    this.wss.on('connection', (socket) => this.onConnection(socket));
  }

  private onConnection(socket: WebSocket): void {
    const session: Session = { socket, seq: 0, ready: false };
    this.sessions.add(session);
    socket.on('close', () => this.sessions.delete(session));
    socket.on('message', (raw) => this.onMessage(session, JSON.parse(String(raw))));
    socket.send(JSON.stringify({ op: 10, d: { heartbeat_interval: 41_250 } }));
  }

  private onMessage(session: Session, payload: { op: number; d: Record<string, unknown> }): void {
    if (payload.op === 1) return void session.socket.send(JSON.stringify({ op: 11 }));
    if (payload.op !== 2) return;
    const intents = Number(payload.d['intents']);
    this.identified.push(intents);
    if (payload.d['token'] !== this.options.token()) return void session.socket.close(4004, 'Authentication failed.');
    if (this.refusePrivilegedIntents && intents & PRIVILEGED_INTENTS) {
      return void session.socket.close(4014, 'Disallowed intent(s).');
    }
    const guilds = this.options.guilds();
    this.send(session, 'READY', {
      v: 10,
      user: userJSON(this.options.bot),
      guilds: guilds.map((g) => ({ id: g.id, unavailable: true })),
      session_id: snowflake(),
      resume_gateway_url: 'ws://127.0.0.1:1/gateway',
      shard: [0, 1],
      application: { id: this.options.applicationId, flags: 0 },
    });
    for (const g of guilds) this.send(session, 'GUILD_CREATE', guildCreateJSON(g, this.options.bot));
    session.ready = true;
    this.emit('ready');
  }

  private send(session: Session, t: string, d: unknown): void {
    session.seq += 1;
    session.socket.send(JSON.stringify({ op: 0, t, s: session.seq, d }));
  }

  /** Sends a dispatch event to every identified connection; returns how many got it. */
  dispatch(t: string, d: unknown): number {
    let n = 0;
    for (const s of this.sessions) {
      if (!s.ready) continue;
      this.send(s, t, d);
      n += 1;
    }
    return n;
  }

  async close(): Promise<void> {
    for (const s of this.sessions) s.socket.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }
}
