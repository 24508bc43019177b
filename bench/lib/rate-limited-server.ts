/**
 * A fake chat platform on 127.0.0.1 that enforces a token-bucket rate limit and records every delivery by its key,
 * so a benchmark can count 429s and duplicates. Two styles of telling the limit:
 * `discord`: `X-RateLimit-Limit/Remaining/Reset-After` on every answer, `Retry-After` on 429;
 * `slack`: nothing until a 429, which carries `Retry-After` in whole seconds, like Slack's.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type LimitStyle = 'discord' | 'slack';

export interface ServerStats {
  readonly delivered: number;
  readonly limited: number;
  readonly duplicates: number;
  readonly firstAt: number;
  readonly lastAt: number;
}

export class RateLimitedServer {
  private tokens: number;
  private lastRefill = performance.now();
  private readonly seen = new Map<string, number>();
  private delivered = 0;
  private limited = 0;
  private firstAt = 0;
  private lastAt = 0;
  /** Called after each delivery with the running count (lets a benchmark act mid-way). */
  onDelivered?: (count: number) => void;

  private constructor(
    private readonly server: Server,
    readonly rate: number,
    readonly burst: number,
    readonly style: LimitStyle,
  ) {
    this.tokens = burst;
  }

  static async start(rate: number, burst: number, style: LimitStyle): Promise<RateLimitedServer> {
    const server = createServer();
    const fake = new RateLimitedServer(server, rate, burst, style);
    server.on('request', (req, res) => fake.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  get stats(): ServerStats {
    const duplicates = [...this.seen.values()].reduce((n, count) => n + count - 1, 0);
    return { delivered: this.delivered, limited: this.limited, duplicates, firstAt: this.firstAt, lastAt: this.lastAt };
  }

  /** Keys delivered exactly `times` times. */
  keysSeen(): ReadonlyMap<string, number> {
    return this.seen;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private refill(): void {
    const now = performance.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.lastRefill) * this.rate) / 1000);
    this.lastRefill = now;
  }

  private headers(): Record<string, string> {
    if (this.style !== 'discord') return {};
    return {
      'x-ratelimit-limit': String(this.burst),
      'x-ratelimit-remaining': String(Math.max(0, Math.floor(this.tokens))),
      // The bucket's window: `limit` requests per this many seconds (Discord's per-route buckets read the same way).
      'x-ratelimit-reset-after': (this.burst / this.rate).toFixed(3),
    };
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      this.refill();
      if (req.method === 'GET') return send(res, 200, { ok: true }, this.headers());
      if (this.tokens < 1) {
        this.limited++;
        const seconds = (1 - this.tokens) / this.rate;
        // Slack sends whole seconds; Discord sends decimals.
        const retryAfter = this.style === 'slack' ? String(Math.max(1, Math.ceil(seconds))) : seconds.toFixed(3);
        return send(res, 429, { ok: false, error: 'ratelimited' }, { ...this.headers(), 'retry-after': retryAfter });
      }
      this.tokens -= 1;
      const { key } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { key: string };
      this.seen.set(key, (this.seen.get(key) ?? 0) + 1);
      const now = performance.now();
      if (this.delivered === 0) this.firstAt = now;
      this.lastAt = now;
      this.delivered++;
      send(res, 200, { ok: true, id: String(this.delivered) }, this.headers());
      this.onDelivered?.(this.delivered);
    });
  }
}

function send(res: ServerResponse, status: number, body: object, headers: Record<string, string>): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}
