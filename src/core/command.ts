/**
 * Commands, actions, forms, jobs and event hooks as data. A feature (`commands/<feature>/index.ts`) is a bundle of
 * these; `commands/index.ts` lists the features; the core routes events to them.
 */
import type { z } from 'zod';
import type { CommunityId } from './ids.ts';
import type { CommandCatalog } from './catalog.ts';
import type { Actor } from './inbound.ts';
import type { Logger } from './ports/logger.ts';
import type { Notifier } from './ports/notifier.ts';
import type { Repositories } from './ports/repositories.ts';
import type { Reply, Section } from './reply.ts';
import type { Settings } from './settings.ts';

/** A community as commands see it: settings parsed, time zone resolved. */
export interface Community {
  readonly id: CommunityId;
  readonly settings: Settings;
  /** IANA zone: the community's setting or the deployment default. */
  readonly timezone: string;
}

/** Everything a handler may use. Handlers run inside one database transaction and must not await. */
export interface Context {
  /** The member acting; `isAdmin` = platform admin or listed in HALLWAY_MANAGERS. */
  readonly actor: Actor & { readonly isAdmin: boolean };
  readonly community: Community;
  readonly channelId?: string;
  readonly now: Date;
  readonly repos: Repositories;
  /** Outgoing DMs and posts, written to the outbox in the same transaction. */
  readonly notify: Notifier;
  readonly log: Logger;
  /** The command surface (help). */
  readonly catalog: CommandCatalog;
  /**
   * Work to do after this handler's transaction commits (e.g. run a job now). Awaited before the reply is
   * shown; a returned line is added to the reply. Use sparingly: handlers are otherwise synchronous.
   */
  defer(task: () => Promise<string | undefined>): void;
  /** Runs a job for this community now, for its current period (only from inside `defer`). */
  runJobNow(name: JobName): Promise<'ran' | 'already-ran' | 'not-due'>;
}

export interface SubcommandDef<S extends z.ZodObject = z.ZodObject> {
  readonly description: string;
  /** Example invocations without the command name, e.g. `offer photography, layout design`. */
  readonly examples: readonly string[];
  readonly args: S;
  /** Only admins may run it (the core checks before `run`). */
  readonly admin?: boolean;
  run(args: z.output<S>, ctx: Context): Reply;
}

/** A top-level slash command: either flat (`/intro`) or with subcommands (`/meetup create`). */
export type CommandDef =
  | ({ readonly name: string; readonly description: string } & SubcommandDef)
  | {
      readonly name: string;
      readonly description: string;
      readonly subcommands: Readonly<Record<string, SubcommandDef>>;
      /** Subcommand used when the text is empty or starts with no known subcommand (Slack, shell). */
      readonly default?: string;
    };

/** Keeps the args type of a subcommand tied to its `run`. */
export function defineSubcommand<S extends z.ZodObject>(def: SubcommandDef<S>): SubcommandDef {
  return def as unknown as SubcommandDef;
}

export function defineCommand(def: CommandDef): CommandDef {
  return def;
}

/** A button or select. `value` parses the button's string value; a bad value is a UserError, never a crash. */
export interface ActionDef<T = unknown> {
  /** e.g. `meetup.rsvp`; ≤ 40 characters. */
  readonly id: string;
  readonly value: z.ZodType<T, string>;
  run(value: T, ctx: Context, event: { readonly messageId?: string }): Reply | undefined;
}

export function defineAction<T>(def: ActionDef<T>): ActionDef {
  return def as ActionDef;
}

/** The submit handler of a form (see `Form` in reply.ts) with the values by field id. */
export interface FormDef {
  readonly id: string;
  submit(values: Readonly<Record<string, string>>, meta: string | undefined, ctx: Context): Reply | undefined;
}

/** The names of jobs operators and `/hallway run` rely on. */
export const JOB_NAMES = [
  'match-round',
  'match-follow-up',
  'digest',
  'feedback-prompt',
  'meetup-reminders',
  'intro-reminders',
] as const;
export type JobName = (typeof JOB_NAMES)[number];

export interface JobContext {
  readonly community: Community;
  readonly now: Date;
  /** The period being run, e.g. `2026-11-16T09:00` for a weekly job. */
  readonly period: string;
  readonly repos: Repositories;
  readonly notify: Notifier;
  readonly log: Logger;
}

/**
 * A scheduled job. `period` names the period due at `now` (or undefined when none is due yet); `runJob` claims
 * (job, community, period) once, then calls `run` inside the same transaction, so a period never runs twice and a
 * failed run claims nothing. Heavy computation goes in `prepare`, which runs before the transaction and may await
 * (a worker thread); `run` gets its result.
 */
export interface JobDef<Plan = unknown> {
  readonly name: JobName;
  readonly description: string;
  period(now: Date, community: Community): string | undefined;
  prepare?(ctx: JobContext): Promise<Plan>;
  run(ctx: JobContext, plan: Plan): void;
}

export function defineJob<Plan>(def: JobDef<Plan>): JobDef {
  return def as JobDef;
}

/** What forget-me deleted, by what a member would call it (e.g. `{ "skills": 5, "RSVPs": 2 }`). */
export type Deleted = Record<string, number>;

/** A feature: its commands, buttons, forms, jobs, and hooks into the shared flows. */
export interface Feature {
  readonly name: string;
  readonly commands?: readonly CommandDef[];
  readonly actions?: readonly ActionDef[];
  readonly forms?: readonly FormDef[];
  readonly jobs?: readonly JobDef[];
  /** A member joined the workspace/server (welcome flow). */
  onMemberJoined?(ctx: Context): Reply | undefined;
  /** A member left: hide them. */
  onMemberLeft?(ctx: Context): void;
  /** Sections this feature adds to the member's home (Slack App Home). */
  home?(ctx: Context): Section[];
  /** Deletes every row of the member this feature owns (forget-me) and says what went. */
  forget?(ctx: Context, userId: string): Deleted;
  /** The community's data this feature owns, as tables of plain rows (admin export). */
  exportData?(ctx: Context): Record<string, readonly Record<string, unknown>[]>;
  /**
   * Frequent housekeeping, every scheduler tick (each minute) per community, in one transaction: work that must
   * happen on time but is not a named job (e.g. handing a feedback request on when a reviewer stays silent).
   * Must be idempotent at one instant.
   */
  sweep?(scope: Omit<JobContext, 'period'>): void;
  /** Prepares in-memory state at start-up, before events arrive (e.g. the matching index), per community. */
  warm?(repos: Repositories, community: Community): void;
  /** Figures for `/hallway stats` (counts only: never one member's private answers). */
  stats?(ctx: Context): { label: string; value: string }[];
  /** Autocomplete suggestions for an option source this feature owns. */
  autocomplete?(source: string, prefix: string, ctx: Context): { name: string; value: string }[] | undefined;
}

export function defineFeature(feature: Feature): Feature {
  return feature;
}

/** Subcommands of a command, with flat commands seen as one subcommand named ''. */
export function subcommandsOf(command: CommandDef): Readonly<Record<string, SubcommandDef>> {
  return 'subcommands' in command ? command.subcommands : { '': command };
}
