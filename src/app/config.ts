/**
 * Environment → validated configuration. A missing or malformed value stops start-up with one line naming the
 * variable and what is expected. Secrets are only ever read here and never logged (see `secretsOf`, which the
 * logger scrubs from every line).
 */
import { z } from 'zod';
import { isValidTimezone } from '#core/time.ts';

const optionalText = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();
const url = (what: string) =>
  optionalText.refine((v) => v === undefined || /^https?:\/\/\S+$/.test(v), {
    message: `must be an http(s) URL (${what})`,
  });
/** `postgres://` or `postgresql://` with a host: what node-postgres can connect to. */
function isPostgresUrl(value: string): boolean {
  try {
    const url = new URL(value);
    // A host, or a Unix socket folder given as `?host=/var/run/postgresql` (which node-postgres accepts too).
    const host = url.hostname !== '' || (url.searchParams.get('host') ?? '').startsWith('/');
    return (url.protocol === 'postgres:' || url.protocol === 'postgresql:') && host;
  } catch {
    return false;
  }
}

const rate = z.coerce.number().positive({ message: 'must be a positive number of messages per second' });

const envSchema = z.object({
  DATABASE_PATH: optionalText.default('data/hallway.db'),
  DATABASE_URL: optionalText.refine((v) => v === undefined || isPostgresUrl(v), {
    message: 'must be a PostgreSQL URL like postgres://user:password@host:5432/hallway',
  }),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200, { message: 'must be 1-200 connections' }).default(10),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  HALLWAY_TIMEZONE: optionalText
    .default('UTC')
    .refine((v) => v !== undefined && isValidTimezone(v), { message: 'must be an IANA time zone like Europe/Paris' }),
  HALLWAY_MANAGERS: optionalText,
  HALLWAY_SEND_RATE_SLACK: rate.default(2),
  HALLWAY_SEND_RATE_DISCORD: rate.default(5),
  // Slack announces no limit: the lane starts at HALLWAY_SEND_RATE_SLACK and learns upward from there, up to this.
  HALLWAY_SEND_RATE_MAX_SLACK: rate.default(50),
  SLACK_BOT_TOKEN: optionalText.refine((v) => v === undefined || v.startsWith('xoxb-'), {
    message: 'must start with xoxb-',
  }),
  SLACK_SIGNING_SECRET: optionalText,
  SLACK_APP_TOKEN: optionalText.refine((v) => v === undefined || v.startsWith('xapp-'), {
    message: 'must start with xapp-',
  }),
  SLACK_API_URL: url('the Slack Web API base, e.g. https://slack.com/api/'),
  PORT: z.coerce.number().int().min(1).max(65535, { message: 'must be a port number' }).default(3000),
  DISCORD_TOKEN: optionalText,
  DISCORD_APPLICATION_ID: optionalText.refine((v) => v === undefined || /^\d{15,21}$/.test(v), {
    message: 'must be the numeric application id',
  }),
  DISCORD_API_URL: url('the Discord REST API base, e.g. https://discord.com/api'),
  DISCORD_GUILD_ID: optionalText.refine((v) => v === undefined || /^\d{15,21}$/.test(v), {
    message: 'must be a numeric server (guild) id',
  }),
});

export interface Config {
  readonly databasePath: string;
  /** PostgreSQL instead of the SQLite file, when set. */
  readonly databaseUrl?: string;
  readonly databasePoolSize: number;
  readonly logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  readonly timezone: string;
  /** HALLWAY_MANAGERS as written: `slack:T…:U…`, `discord:<guild>:<user>`, or a bare user id. */
  readonly managers: readonly string[];
  /** Messages per second each lane starts at; `slackMax`: the most Slack's lane may learn its way up to. */
  readonly sendRates: { readonly slack: number; readonly discord: number; readonly slackMax: number };
  readonly slack?: {
    readonly botToken: string;
    readonly signingSecret: string;
    readonly appToken?: string;
    readonly apiUrl?: string;
    readonly port: number;
  };
  readonly discord?: {
    readonly token: string;
    readonly applicationId: string;
    readonly apiUrl?: string;
    readonly guildId?: string;
  };
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

function requireWith(env: Record<string, string | undefined>, present: string, needed: string, what: string): string {
  const value = env[needed];
  if (!value) throw new ConfigError(`${needed} is required when ${present} is set (${what}).`);
  return value;
}

/** Reads and validates the environment. Throws ConfigError with one clear line. */
export function loadConfig(source: Record<string, string | undefined>): Config {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigError(`${issue.path.join('.')} ${issue.message}.`);
  }
  const env = parsed.data as Record<string, string | undefined> & z.infer<typeof envSchema>;
  const slackSet = env.SLACK_BOT_TOKEN ?? env.SLACK_SIGNING_SECRET ?? env.SLACK_APP_TOKEN;
  const discordSet = env.DISCORD_TOKEN ?? env.DISCORD_APPLICATION_ID;
  return {
    databasePath: env.DATABASE_PATH ?? 'data/hallway.db',
    databaseUrl: env.DATABASE_URL,
    databasePoolSize: env.DATABASE_POOL_SIZE,
    logLevel: env.LOG_LEVEL,
    timezone: env.HALLWAY_TIMEZONE ?? 'UTC',
    managers: (env.HALLWAY_MANAGERS ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    sendRates: {
      slack: env.HALLWAY_SEND_RATE_SLACK,
      discord: env.HALLWAY_SEND_RATE_DISCORD,
      slackMax: env.HALLWAY_SEND_RATE_MAX_SLACK,
    },
    slack: slackSet
      ? {
          botToken: requireWith(env, 'a SLACK_* variable', 'SLACK_BOT_TOKEN', 'the Bot User OAuth Token, xoxb-…'),
          // Socket Mode receives no HTTP requests, so it needs no signing secret.
          signingSecret: env.SLACK_APP_TOKEN
            ? (env.SLACK_SIGNING_SECRET ?? '')
            : requireWith(env, 'SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET', 'Basic Information → Signing Secret'),
          appToken: env.SLACK_APP_TOKEN,
          apiUrl: env.SLACK_API_URL,
          port: env.PORT,
        }
      : undefined,
    discord: discordSet
      ? {
          token: requireWith(env, 'DISCORD_APPLICATION_ID', 'DISCORD_TOKEN', 'the bot token from the Developer Portal'),
          applicationId: requireWith(env, 'DISCORD_TOKEN', 'DISCORD_APPLICATION_ID', 'the numeric application id'),
          apiUrl: env.DISCORD_API_URL,
          guildId: env.DISCORD_GUILD_ID,
        }
      : undefined,
  };
}

/** Which platforms start: every one whose credentials are present; the shell when there are none. */
export function platformsToStart(config: Config): ('slack' | 'discord' | 'shell')[] {
  const list: ('slack' | 'discord')[] = [];
  if (config.slack) list.push('slack');
  if (config.discord) list.push('discord');
  return list.length ? list : ['shell'];
}

/** Every secret value in the configuration, for the logger to scrub from its output (see `createLogger`). */
export function secretsOf(config: Config): string[] {
  const values = [
    config.slack?.botToken,
    config.slack?.signingSecret,
    config.slack?.appToken,
    config.discord?.token,
    ...databasePassword(config.databaseUrl),
  ];
  return [...new Set(values.filter((v): v is string => Boolean(v)))];
}

/** The password as written in the URL (percent-encoded: how the URL shows in a log) and decoded. */
function databasePassword(url: string | undefined): string[] {
  if (!url) return [];
  try {
    const written = new URL(url).password;
    return written ? [written, decodeURIComponent(written)] : [];
  } catch {
    return [];
  }
}
