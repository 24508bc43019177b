/**
 * Commands, actions, forms, jobs and event hooks as data. A feature (`commands/<feature>/index.ts`) is a bundle of
 * these plus the storage port it needs (`S`); the composition root binds each feature to its store implementation
 * (`bindStore`) and hands the bound features to the core, which routes events to them. The core names no feature:
 * job names, settings and autocomplete sources come from the features that own them.
 */
import type { z } from 'zod';
import type { CalendarEvent } from './calendar.ts';
import type { CommandCatalog } from './catalog.ts';
import type { CommunityId } from './ids.ts';
import type { Actor } from './inbound.ts';
import type { JobResult } from './jobs.ts';
import type { Logger } from './ports/logger.ts';
import type { Notifier } from './ports/notifier.ts';
import type { CoreStores, Tx } from './ports/storage.ts';
import type { Field, Reply, Section } from './reply.ts';
import type { SettingDefs, Settings } from './settings.ts';

/** A community as commands see it: settings parsed (every feature's, defaults filled), time zone resolved. */
export interface Community {
  readonly id: CommunityId;
  readonly settings: Settings;
  /** IANA zone: the community's setting or the deployment default. */
  readonly timezone: string;
  /** When Hallway first saw the community: nothing scheduled before that is ever caught up. */
  readonly createdAt: Date;
  /** When each setting last changed (absent: never). */
  readonly settingsChanged: Readonly<Record<string, Date>>;
}

/** What every feature hook sees besides its store: who, where, when, and the transaction's side effects. */
interface Scope<S> {
  readonly community: Community;
  readonly now: Date;
  /** This feature's store, in the current transaction. */
  readonly store: S;
  /** The core's stores (members, communities, message refs, outbox), in the same transaction. */
  readonly core: CoreStores;
  /** Outgoing DMs and posts: queued in the outbox as part of the same transaction. */
  readonly notify: Notifier;
  readonly log: Logger;
}

/** Everything a handler may use. A handler runs inside one database transaction. */
export interface Context<S = unknown> extends Scope<S> {
  /** The member acting; `isAdmin` = platform admin or a manager of this community by HALLWAY_MANAGERS. */
  readonly actor: Actor & { readonly isAdmin: boolean };
  readonly channelId?: string;
  /** The command surface (help). */
  readonly catalog: CommandCatalog;
  /** Where this deployment serves its web pages (HALLWAY_PUBLIC_URL), without a trailing slash: links start here. */
  readonly publicUrl: string;
  /** The other features' hooks, run with their own stores in this same transaction (admin: forget-me, export). */
  readonly features: FeatureHooks;
  /**
   * Work to do after this handler's transaction commits (e.g. run a job now). Awaited before the reply is
   * shown; a returned line is added to the reply.
   */
  defer(task: () => Promise<string | undefined>): void;
  /** Runs a job for this community now, for its current period (only from inside `defer`). */
  runJobNow(name: string): Promise<JobResult>;
}

/** Every feature's data hooks, for the features that act on all of them (admin). */
export interface FeatureHooks {
  /** The names of every job, for `/hallway run`. */
  readonly jobs: readonly { readonly name: string; readonly description: string }[];
  forget(userId: string): Promise<Deleted>;
  exportData(): Promise<Record<string, readonly Record<string, unknown>[]>>;
  stats(): Promise<{ label: string; value: string }[]>;
  /** What every feature shows on a member's profile, in feature order (see `Feature.profileFields`). */
  profileFields(userId: string): Promise<Field[]>;
}

export interface SubcommandDef<S = unknown, A extends z.ZodObject = z.ZodObject> {
  readonly description: string;
  /** Example invocations without the command name, e.g. `offer photography, layout design`. */
  readonly examples: readonly string[];
  readonly args: A;
  /** Only admins may run it (the core checks before `run`). */
  readonly admin?: boolean;
  run(args: z.output<A>, ctx: Context<S>): Promise<Reply>;
}

/** A top-level slash command: either flat (`/intro`) or with subcommands (`/meetup create`). */
export type CommandDef<S = unknown> =
  | ({ readonly name: string; readonly description: string } & SubcommandDef<S>)
  | {
      readonly name: string;
      readonly description: string;
      readonly subcommands: Readonly<Record<string, SubcommandDef<S>>>;
      /** Subcommand used when the text is empty or starts with no known subcommand (Slack, shell). */
      readonly default?: string;
    };

/** Keeps the args type of a subcommand tied to its `run`. */
export function defineSubcommand<S, A extends z.ZodObject>(def: SubcommandDef<S, A>): SubcommandDef<S> {
  return def as unknown as SubcommandDef<S>;
}

export function defineCommand<S>(def: CommandDef<S>): CommandDef<S> {
  return def;
}

/** A button or select. `value` parses the button's string value; a bad value is a UserError, never a crash. */
export interface ActionDef<S = unknown, T = unknown> {
  /** e.g. `meetup.rsvp`; ≤ 40 characters. */
  readonly id: string;
  readonly value: z.ZodType<T, string>;
  run(value: T, ctx: Context<S>, event: { readonly messageId?: string }): Promise<Reply | undefined>;
}

export function defineAction<S, T>(def: ActionDef<S, T>): ActionDef<S> {
  return def as unknown as ActionDef<S>;
}

/** The submit handler of a form (see `Form` in reply.ts) with the values by field id. */
export interface FormDef<S = unknown> {
  readonly id: string;
  submit(
    values: Readonly<Record<string, string>>,
    meta: string | undefined,
    ctx: Context<S>,
  ): Promise<Reply | undefined>;
}

/** What a job sees while it runs: inside the transaction that claimed its period (or holds it, batch by batch). */
export interface JobContext<S = unknown> extends Scope<S> {
  /** The period being run, e.g. `2026-11-16T09:00` for a weekly job. */
  readonly period: string;
  /** For a job written in batches (`JobDef.batches`): which one this transaction writes, of how many. */
  readonly batch?: { readonly index: number; readonly count: number };
}

/** What a job's `prepare` sees: outside any transaction, reading through short transactions of its own. */
export interface PrepareContext<S = unknown> {
  readonly community: Community;
  readonly now: Date;
  readonly period: string;
  readonly log: Logger;
  /** Runs `fn` in a transaction of its own (for reads: prepare may take long, and must not hold the database). */
  read<T>(fn: (store: S, core: CoreStores) => Promise<T>): Promise<T>;
}

/**
 * A scheduled job. `period` names the period due at `now` (or undefined when none is due yet); `runJob` claims
 * (job, community, period) once, then calls `run` inside the same transaction, so a period never runs twice and a
 * failed run claims nothing. Heavy computation goes in `prepare`, which runs before the transaction; `run` gets
 * its result.
 *
 * A job that writes more than one transaction should hold (a 100k-member round: members' commands would wait
 * behind it) sets `batches`: `run` is then called once per batch (`ctx.batch`), each in a transaction of its own,
 * with the event loop let go in between. The first batch claims the period as running under a lease, each batch
 * renews it, the last marks the period done. After a crash the period stays running; once its lease runs out, the
 * next tick runs `prepare` again and then every batch of the new plan. Batches that committed stay, so `prepare`
 * must plan only what they left undone, and `run` must know a resumed period from a new one by its own rows.
 */
export interface JobDef<S = unknown, Plan = unknown> {
  /** Operators and `/hallway run` rely on it: a public name. */
  readonly name: string;
  readonly description: string;
  /**
   * The period due at `now`, or undefined when none is. `manual`: a manager runs the job by hand (`/hallway run`):
   * the period current now, due or not.
   */
  period(now: Date, community: Community, options?: { readonly manual?: boolean }): string | undefined;
  prepare?(ctx: PrepareContext<S>): Promise<Plan>;
  run(ctx: JobContext<S>, plan: Plan): Promise<void>;
  /** How many batches `run` writes this plan in (see above); without it, the whole run is one transaction. */
  batches?(plan: Plan): number;
}

export function defineJob<S, Plan>(def: JobDef<S, Plan>): JobDef<S> {
  return def as unknown as JobDef<S>;
}

/** What forget-me deleted, by what a member would call it (e.g. `{ "skills": 5, "RSVPs": 2 }`). */
export type Deleted = Record<string, number>;

/** The `sweep` and `warm` hooks' view: a community, no actor. */
export type SweepContext<S = unknown> = Scope<S>;

/** What the `calendarEvents` hook sees: a read in the feed request's own transaction; no actor, nothing to send. */
export type CalendarContext<S = unknown> = Pick<Scope<S>, 'community' | 'now' | 'store'>;

/** A feature: its commands, buttons, forms, jobs, settings, and hooks into the shared flows. */
export interface Feature<S = unknown> {
  readonly name: string;
  readonly commands?: readonly CommandDef<S>[];
  /**
   * Subcommands this feature adds to a command another feature defines, by command name (e.g. a manager's tool of
   * its own under `/hallway`). Each runs with this feature's store; help and Discord list it with the command's own.
   */
  readonly addSubcommands?: Readonly<Record<string, Readonly<Record<string, SubcommandDef<S>>>>>;
  readonly actions?: readonly ActionDef<S>[];
  readonly forms?: readonly FormDef<S>[];
  readonly jobs?: readonly JobDef<S>[];
  /** The settings this feature owns (`/hallway config` names), as zod schemas with their defaults. */
  readonly settings?: SettingDefs;
  /** A member joined the workspace/server (welcome flow). */
  onMemberJoined?(ctx: Context<S>): Promise<Reply | undefined>;
  /** A member left: hide them. */
  onMemberLeft?(ctx: Context<S>): Promise<void>;
  /** Sections this feature adds to the member's home (Slack App Home). */
  home?(ctx: Context<S>): Promise<Section[]>;
  /** Deletes every row of the member this feature owns (forget-me) and says what went. */
  forget?(ctx: Context<S>, userId: string): Promise<Deleted>;
  /** The community's data this feature owns, as tables of plain rows (admin export). */
  exportData?(ctx: Context<S>): Promise<Record<string, readonly Record<string, unknown>[]>>;
  /**
   * Frequent housekeeping, every scheduler tick (each minute) per community, in one transaction: work that must
   * happen on time but is not a named job (e.g. handing a feedback request on when a reviewer stays silent).
   * Must be idempotent at one instant.
   */
  sweep?(ctx: SweepContext<S>): Promise<void>;
  /** Prepares in-memory state at start-up, before events arrive (e.g. the matching index), per community. */
  warm?(ctx: SweepContext<S>): Promise<void>;
  /**
   * Public facts this feature adds to a member's profile, whoever looks (e.g. "Feedback given: 3"), shown whether
   * or not the member introduced themselves. Never a private answer.
   */
  profileFields?(ctx: Context<S>, userId: string): Promise<Field[]>;
  /**
   * The member's own events for their private calendar feed (the address `/calendar/<token>.ics`), read anew at
   * each fetch of the feed, so it is always current: what was cancelled is gone, or kept marked `cancelled`.
   */
  calendarEvents?(ctx: CalendarContext<S>, userId: string): Promise<CalendarEvent[]>;
  /** Figures for `/hallway stats` (counts only: never one member's private answers). */
  stats?(ctx: Context<S>): Promise<{ label: string; value: string }[]>;
  /** Autocomplete suggestions for an option source this feature owns. */
  autocomplete?(
    source: string,
    prefix: string,
    ctx: Context<S>,
  ): Promise<{ name: string; value: string }[] | undefined>;
}

export function defineFeature<S>(feature: Feature<S>): Feature<S> {
  return feature;
}

/** A feature with its store implementation: what the core is given. */
export interface BoundFeature<S = unknown> extends Feature<S> {
  /** Opens this feature's store on a transaction. */
  openStore(tx: Tx): S;
}

/** Binds a feature to the implementation of its store (the composition root does this, with data/'s stores). */
export function bindStore<S>(feature: Feature<S>, openStore: (tx: Tx) => S): BoundFeature<S> {
  return { ...feature, openStore };
}

/** Subcommands of a command, with flat commands seen as one subcommand named ''. */
export function subcommandsOf<S>(command: CommandDef<S>): Readonly<Record<string, SubcommandDef<S>>> {
  return 'subcommands' in command ? command.subcommands : { '': command };
}

/**
 * The definition helpers typed with one feature's store, so that every handler of the feature gets `ctx.store`
 * as that store. Each feature re-exports them from its `kit.ts`.
 */
export function featureKit<S>() {
  return {
    defineCommand: (def: CommandDef<S>): CommandDef<S> => def,
    defineSubcommand: <A extends z.ZodObject>(def: SubcommandDef<S, A>): SubcommandDef<S> =>
      def as unknown as SubcommandDef<S>,
    defineAction: <T>(def: ActionDef<S, T>): ActionDef<S> => def as unknown as ActionDef<S>,
    defineForm: (def: FormDef<S>): FormDef<S> => def,
    defineJob: <Plan>(def: JobDef<S, Plan>): JobDef<S> => def as unknown as JobDef<S>,
    defineFeature: (def: Feature<S>): Feature<S> => def,
  };
}
