/**
 * The core under test, as a member would use it: a real database of the run's dialect (in-memory SQLite, or a fresh
 * PostgreSQL database) with the real migrations, a fake clock, the real dispatcher and outbox, and a platform that
 * records every DM and post.
 *
 *   const bot = await TestBot.create();
 *   await bot.run('/skills offer photography', { as: 'lucas' });
 *   expect(bot.dmsTo('lucas')).toHaveLength(1);
 */
import { dashboardStore } from '../../data/stores/dashboard.store.ts';
import { feedbackStore } from '../../data/stores/feedback.store.ts';
import { matchingStore } from '../../data/stores/matching.store.ts';
import { meetupsStore } from '../../data/stores/meetups.store.ts';
import { mentorshipStore } from '../../data/stores/mentorship.store.ts';
import { presenceStore } from '../../data/stores/presence.store.ts';
import { profilesStore } from '../../data/stores/profiles.store.ts';
import { resourcesStore } from '../../data/stores/resources.store.ts';
import { bindFeatures, hallwayFeatures } from '../../src/app/features.ts';
import type { BoundFeature, Feature } from '#core/command.ts';
import type { CoreDeps } from '#core/context.ts';
import { type Core, createCore } from '#core/dispatch.ts';
import type { CommunityId, Platform } from '#core/ids.ts';
import type { Actor, InboundEvent } from '#core/inbound.ts';
import { allCommunities, runDueJobs, runJob } from '#core/jobs.ts';
import { OutboxDrainer } from '#core/outbox.ts';
import type { ChatPlatform } from '#core/ports/chat-platform.ts';
import { silentLogger } from '#core/ports/logger.ts';
import type { CoreStores, Storage, Tx } from '#core/ports/storage.ts';
import type { Button, Form, Reply } from '#core/reply.ts';
import { coreSettings, mergeSettings } from '#core/settings.ts';
import { runSweeps } from '#core/sweeps.ts';
import { toPlain } from '#core/text.ts';
import { openTestStorage } from './databases.ts';
import { FakeClock } from './fake-clock.ts';
import { type Delivered, TestPlatform } from './test-platform.ts';

export interface BotOptions {
  readonly community?: CommunityId;
  readonly start?: string | Date;
  readonly timezone?: string;
  /** HALLWAY_MANAGERS entries, as user ids (managers of every community of the test). */
  readonly managers?: readonly string[];
  /** Only these features (bound to their stores by name); default every feature of Hallway. */
  readonly features?: readonly Feature<never>[];
  /** An open storage (e.g. a file the test reopens); default a fresh database of the run's dialect. */
  readonly storage?: Storage;
  /** HALLWAY_PUBLIC_URL (default `https://hallway.test`): where sign-in and calendar links point. */
  readonly publicUrl?: string;
}

export interface As {
  /** Member id (shell-style lower-case name); `host` is a platform admin. Default `host`. */
  readonly as?: string;
  readonly admin?: boolean;
  readonly channel?: string;
  readonly community?: CommunityId;
}

const FEATURE_STORES = {
  profiles: profilesStore,
  matching: matchingStore,
  meetups: meetupsStore,
  feedback: feedbackStore,
  resources: resourcesStore,
  mentorship: mentorshipStore,
  presence: presenceStore,
  dashboard: dashboardStore,
};

type Autocommit<T> = {
  [K in keyof T]: T[K] extends (...args: infer A) => Promise<infer R> ? (...args: A) => Promise<R> : never;
};

/** Every store of the database, each call in a transaction of its own (tests read and seed through these). */
export type TestRepos = { [K in keyof CoreStores]: Autocommit<CoreStores[K]> } & {
  [K in keyof typeof FEATURE_STORES]: Autocommit<ReturnType<(typeof FEATURE_STORES)[K]>>;
};

function autocommit<T extends object>(storage: Storage, open: (tx: Tx) => T): Autocommit<T> {
  return new Proxy({} as Autocommit<T>, {
    get: (_target, method) => {
      return async (...args: unknown[]) =>
        await storage.transaction(async (tx) => {
          const store = open(tx) as Record<PropertyKey, unknown>;
          const value = store[method];
          if (typeof value !== 'function') return value;
          return (value as (...a: unknown[]) => unknown).apply(store, args);
        });
    },
  });
}

export function testRepos(storage: Storage): TestRepos {
  const core = (name: keyof CoreStores) => autocommit(storage, (tx) => storage.core(tx)[name]);
  return {
    communities: core('communities'),
    members: core('members'),
    jobRuns: core('jobRuns'),
    outbox: core('outbox'),
    sendRates: core('sendRates'),
    laneLeases: core('laneLeases'),
    messageRefs: core('messageRefs'),
    inboundEvents: core('inboundEvents'),
    profiles: autocommit(storage, profilesStore),
    matching: autocommit(storage, matchingStore),
    meetups: autocommit(storage, meetupsStore),
    feedback: autocommit(storage, feedbackStore),
    resources: autocommit(storage, resourcesStore),
    mentorship: autocommit(storage, mentorshipStore),
    presence: autocommit(storage, presenceStore),
    dashboard: autocommit(storage, dashboardStore),
  } as TestRepos;
}

export class TestBot {
  readonly clock: FakeClock;
  readonly repos: TestRepos;
  readonly core: Core;
  readonly platform = new TestPlatform();
  readonly drainer: OutboxDrainer;
  readonly community: CommunityId;
  readonly deps: CoreDeps;

  private constructor(
    readonly storage: Storage,
    readonly features: readonly BoundFeature<unknown>[],
    options: BotOptions,
  ) {
    this.community = options.community ?? 'shell:loft';
    this.clock = new FakeClock(options.start ?? '2026-11-16T08:00:00Z');
    this.repos = testRepos(storage);
    const platforms = new Map<Platform, ChatPlatform>(
      (['shell', 'slack', 'discord'] as const).map((p) => [p, this.platform.as(p)]),
    );
    // One process: no lane leases (tested with two drainers in test/core/outbox-lane-lease.test.ts and through the
    // app in the e2e and multi-process tests), so a refused command's check sees no liveness row written.
    this.drainer = new OutboxDrainer({
      storage,
      platforms,
      clock: this.clock,
      log: silentLogger,
      rates: {},
      leaseLanes: false,
    });
    const managers = new Set(options.managers ?? []);
    this.deps = {
      storage,
      clock: this.clock,
      log: silentLogger,
      features,
      settings: mergeSettings([coreSettings, ...features.map((f) => f.settings ?? {})]),
      isManager: (_community, userId) => managers.has(userId),
      defaultTimezone: options.timezone ?? 'UTC',
      publicUrl: options.publicUrl ?? 'https://hallway.test',
    };
    this.core = createCore(this.deps);
  }

  /** A bot with every feature of Hallway (or only `options.features`), on a fresh database. */
  static async create(options: BotOptions = {}): Promise<TestBot> {
    const storage = options.storage ?? (await openTestStorage());
    const features = options.features ? bindFeatures(options.features) : hallwayFeatures();
    return new TestBot(storage, features, options);
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
  async runJob(name: string, period?: string) {
    for (const feature of this.features) {
      const job = feature.jobs?.find((j) => j.name === name);
      if (!job) continue;
      const result = await runJob(feature, job, this.community, this.deps, { period });
      await this.drain();
      return result;
    }
    throw new Error(`no job ${name}`);
  }

  /** What the scheduler does each minute: every due job and every sweep, for every known community. */
  async tick(): Promise<void> {
    const communities = await allCommunities(this.deps);
    await runDueJobs(this.features, communities, this.deps);
    await runSweeps(this.features, communities, this.deps);
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
