/**
 * The core under test, as a member would use it: real in-memory SQLite with the real migrations, a fake clock,
 * the real dispatcher and outbox, and a platform that records every DM and post.
 *
 *   const bot = await TestBot.create();
 *   await bot.run('/skills offer photography', { as: 'lucas' });
 *   expect(bot.dmsTo('lucas')).toHaveLength(1);
 */
import { openDatabase } from '../../data/db.ts';
import { createRepositories } from '../../data/repositories/index.ts';
import type { Feature, JobName } from '#core/command.ts';
import { loadCommunity } from '#core/context.ts';
import { type Core, createCore } from '#core/dispatch.ts';
import type { CommunityId, Platform } from '#core/ids.ts';
import type { Actor, InboundEvent } from '#core/inbound.ts';
import { runDueJobs, runJob } from '#core/jobs.ts';
import { runSweeps } from '#core/sweeps.ts';
import { createOutboxNotifier, OutboxDrainer } from '#core/outbox.ts';
import type { ChatPlatform } from '#core/ports/chat-platform.ts';
import { silentLogger } from '#core/ports/logger.ts';
import type { Repositories } from '#core/ports/repositories.ts';
import type { Button, Form, Reply } from '#core/reply.ts';
import { toPlain } from '#core/text.ts';
import { FakeClock } from './fake-clock.ts';
import { type Delivered, TestPlatform } from './test-platform.ts';

export interface BotOptions {
  readonly community?: CommunityId;
  readonly start?: string | Date;
  readonly timezone?: string;
  /** HALLWAY_MANAGERS. */
  readonly managers?: readonly string[];
  readonly features?: readonly Feature[];
}

export interface As {
  /** Member id (shell-style lower-case name); `host` is a platform admin. Default `host`. */
  readonly as?: string;
  readonly admin?: boolean;
  readonly channel?: string;
  readonly community?: CommunityId;
}

export class TestBot {
  readonly clock: FakeClock;
  readonly repos: Repositories;
  readonly core: Core;
  readonly platform = new TestPlatform();
  readonly drainer: OutboxDrainer;
  readonly community: CommunityId;
  private readonly features: readonly Feature[];
  private readonly deps;

  constructor(options: BotOptions = {}) {
    this.community = options.community ?? 'shell:loft';
    this.clock = new FakeClock(options.start ?? '2026-11-16T08:00:00Z');
    this.repos = createRepositories(openDatabase(':memory:'));
    this.features = options.features ?? [];
    const notify = createOutboxNotifier(this.repos, this.clock);
    const platforms = new Map<Platform, ChatPlatform>(
      (['shell', 'slack', 'discord'] as const).map((p) => [p, this.platform.as(p)]),
    );
    this.drainer = new OutboxDrainer({ repos: this.repos, platforms, clock: this.clock, log: silentLogger, rates: {} });
    this.deps = {
      repos: this.repos,
      notify,
      clock: this.clock,
      log: silentLogger,
      managers: new Set(options.managers ?? []),
      defaultTimezone: options.timezone ?? 'UTC',
    };
    this.core = createCore({ ...this.deps, features: this.features });
  }

  /** A bot with every feature of Hallway (or only `options.features`). */
  static async create(options: BotOptions = {}): Promise<TestBot> {
    const features = options.features ?? (await import('../../commands/index.ts')).features;
    return new TestBot({ ...options, features });
  }

  actor(as: As = {}): Actor {
    const userId = as.as ?? 'host';
    return {
      community: as.community ?? this.community,
      userId,
      displayName: userId.charAt(0).toUpperCase() + userId.slice(1),
      isPlatformAdmin: as.admin ?? userId === 'host',
    };
  }

  /** Dispatches an event, then delivers whatever it queued. */
  async dispatch(event: InboundEvent): Promise<Reply | undefined> {
    const reply = await this.core.dispatch(event);
    await this.drain();
    return reply;
  }

  /** `/command text` as a member. */
  async run(line: string, as: As = {}): Promise<Reply> {
    const match = /^\/(\S+)\s*([\s\S]*)$/.exec(line.trim());
    if (!match) throw new Error(`not a command: ${line}`);
    const reply = await this.dispatch({
      kind: 'command',
      actor: this.actor(as),
      channelId: as.channel ?? 'general',
      command: match[1]!,
      input: { kind: 'text', text: match[2]! },
    });
    if (!reply) throw new Error(`no reply to ${line}`);
    return reply;
  }

  /** A Discord-style command with typed options. */
  async runOptions(command: string, subcommand: string | undefined, options: Record<string, unknown>, as: As = {}) {
    return this.dispatch({
      kind: 'command',
      actor: this.actor(as),
      command,
      input: { kind: 'options', subcommand, options },
    });
  }

  async click(button: Pick<Button, 'action' | 'value'>, as: As = {}): Promise<Reply | undefined> {
    return this.dispatch({ kind: 'action', actor: this.actor(as), action: button.action, value: button.value });
  }

  async submit(form: Form | string, values: Record<string, string>, as: As & { meta?: string } = {}) {
    const formId = typeof form === 'string' ? form : form.formId;
    const meta = typeof form === 'string' ? as.meta : (as.meta ?? form.meta);
    return this.dispatch({ kind: 'form_submit', actor: this.actor(as), formId, meta, values });
  }

  async join(userId: string): Promise<Reply | undefined> {
    return this.dispatch({ kind: 'member_joined', actor: this.actor({ as: userId, admin: false }) });
  }

  async leave(userId: string): Promise<Reply | undefined> {
    return this.dispatch({ kind: 'member_left', actor: this.actor({ as: userId, admin: false }) });
  }

  /** Runs one job for this community for the period due now (or `period`). */
  async runJob(name: JobName, period?: string) {
    const job = this.features.flatMap((f) => f.jobs ?? []).find((j) => j.name === name);
    if (!job) throw new Error(`no job ${name}`);
    const result = await runJob(job, loadCommunity(this.deps, this.community, this.clock.now()), this.deps, { period });
    await this.drain();
    return result;
  }

  /** What the scheduler does each minute: every due job and every sweep, for every known community. */
  async tick(): Promise<void> {
    const now = this.clock.now();
    const communities = this.repos.communities.list().map((c) => loadCommunity(this.deps, c.id, now));
    await runDueJobs(
      this.features.flatMap((f) => f.jobs ?? []),
      communities,
      this.deps,
    );
    runSweeps(this.features, communities, this.deps);
    await this.drain();
  }

  /** Delivers every due outbox item. */
  async drain(): Promise<void> {
    while ((await this.drainer.drainOnce()) > 0) {}
  }

  /** Everything delivered so far. */
  get sent(): readonly Delivered[] {
    return this.platform.delivered;
  }

  dmsTo(userId: string): Reply[] {
    return this.sent.filter((d) => d.kind === 'dm' && d.to.includes(userId)).map((d) => d.reply);
  }

  postsIn(channelId: string): Reply[] {
    return this.sent.filter((d) => d.kind !== 'dm' && d.to.includes(channelId)).map((d) => d.reply);
  }

  /** A reply as plain text: title, text, sections, fields and context. */
  text(reply: Reply | undefined): string {
    if (!reply) return '';
    const parts = [reply.title ?? '', reply.text, reply.context ?? ''];
    for (const s of reply.sections ?? []) {
      parts.push(s.text ?? '', ...(s.fields ?? []).map((f) => `${f.label}: ${f.value}`));
    }
    return parts
      .map((p) => toPlain(p))
      .filter(Boolean)
      .join('\n');
  }

  clearSent(): void {
    this.platform.delivered.length = 0;
  }
}
