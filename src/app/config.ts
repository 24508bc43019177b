/**
 * Environment → validated configuration. A missing or malformed value stops start-up with one line naming the
 * variable and what is expected. Secrets are only ever read here and never logged (see `secretsOf`, which the
 * logger scrubs from every line).
 */
import { z } from 'zod';
import { isValidTimezone } from '#core/time.ts';
import { ConfigError } from './config-error.ts';
import { optionalKey, requireKey } from './encryption-key.ts';

export { ConfigError } from './config-error.ts';
export { parseEncryptionKey } from './encryption-key.ts';

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

/** An http(s) address without query or fragment (a path is kept: a reverse proxy's prefix). */
function isPublicUrl(value: string): boolean {
  try {
    const url = new URL(value);
    // An origin only: the dashboard's pages, forms and `__Host-` cookie all live at the root of the site.
    const root = url.pathname === '/';
    return (url.protocol === 'http:' || url.protocol === 'https:') && root && !url.search && !url.hash && !url.username;
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
  SLACK_CLIENT_ID: optionalText,
  SLACK_CLIENT_SECRET: optionalText,
  SLACK_STATE_SECRET: optionalText,
  HALLWAY_ENCRYPTION_KEY: optionalText,
  HALLWAY_RETENTION_DAYS: z.coerce.number().int().min(0).max(3650, { message: 'must be 0-3650 days' }).default(30),
  PORT: z.coerce.number().int().min(1).max(65535, { message: 'must be a port number' }).default(3000),
  // Empty is unset (as in .env.example); 0 asks the system for any free port (tests).
  HALLWAY_WEB_PORT: optionalText
    .refine((v) => v === undefined || (/^\d{1,5}$/.test(v) && Number(v) <= 65535), {
      message: 'must be a port number (0: any free port)',
    })
    .transform((v) => (v === undefined ? undefined : Number(v))),
  HALLWAY_PUBLIC_URL: optionalText.refine((v) => v === undefined || isPublicUrl(v), {
    message: 'must be the http(s) address members reach Hallway at, with no path, e.g. https://hallway.example.org',
  }),
  DISCORD_TOKEN: optionalText,
  DISCORD_APPLICATION_ID: optionalText.refine((v) => v === undefined || /^\d{15,21}$/.test(v), {
    message: 'must be the numeric application id',
  }),
  DISCORD_API_URL: url('the Discord REST API base, e.g. https://discord.com/api'),
  DISCORD_GUILD_ID: optionalText.refine((v) => v === undefined || /^\d{15,21}$/.test(v), {
    message: 'must be a numeric server (guild) id',
  }),
  DISCORD_SHARDS: optionalText
    .refine((v) => v === undefined || v === 'auto' || (/^\d{1,5}$/.test(v) && Number(v) >= 1), {
      message: 'must be auto or a shard count (1 or more)',
    })
    .transform((v) => (v === undefined || v === 'auto' ? v : Number(v))),
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
  /** Days a community's data is kept after the app was removed from it (uninstalled, kicked), then deleted. */
  readonly retentionDays: number;
  /** HALLWAY_ENCRYPTION_KEY decoded: the AES-256 key that seals stored bot tokens (required in Slack OAuth mode). */
  readonly encryptionKey?: Buffer;
  readonly slack?: {
    /** Single-workspace mode: the one Bot User OAuth Token. Absent in OAuth mode, where each install brings one. */
    readonly botToken?: string;
    /** OAuth mode (many workspaces): the app's credentials for Bolt's install flow. */
    readonly oauth?: { readonly clientId: string; readonly clientSecret: string; readonly stateSecret: string };
    readonly signingSecret: string;
    readonly appToken?: string;
    readonly apiUrl?: string;
    readonly port: number;
    /** The address Slack's HTTP receiver listens on (default: every interface; tests: the loopback). */
    readonly host?: string;
  };
  /** The web server: the dashboard, calendar feeds, and Slack's requests when it shares Slack's port. */
  readonly web: {
    /** The port it listens on (0: any free one). */
    readonly port: number;
    /** The address it listens on (default: every interface). */
    readonly host?: string;
    /** Slack runs over HTTP on this same port: the web server answers `/slack/*` with Bolt's receiver. */
    readonly sharesSlackPort: boolean;
    /** HALLWAY_PUBLIC_URL without a trailing slash (default `http://localhost:<port>`). */
    readonly publicUrl: string;
  };
  readonly discord?: {
    readonly token: string;
    readonly applicationId: string;
    readonly apiUrl?: string;
    readonly guildId?: string;
    /** DISCORD_SHARDS: `auto` or a shard count; unset, one gateway connection as before sharding. */
    readonly shards?: 'auto' | number;
  };
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
  const slackSet = env.SLACK_BOT_TOKEN ?? env.SLACK_SIGNING_SECRET ?? env.SLACK_APP_TOKEN ?? env.SLACK_CLIENT_ID;
  const oauth = slackOAuth(env);
  const discordSet = env.DISCORD_TOKEN ?? env.DISCORD_APPLICATION_ID;
  const slackHttp = Boolean(slackSet) && !env.SLACK_APP_TOKEN;
  const webPort = env.HALLWAY_WEB_PORT ?? env.PORT;
  return {
    web: {
      port: webPort,
      sharesSlackPort: slackHttp && webPort === env.PORT,
      publicUrl: (env.HALLWAY_PUBLIC_URL ?? `http://localhost:${webPort}`).replace(/\/+$/, ''),
    },
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
    retentionDays: env.HALLWAY_RETENTION_DAYS,
    encryptionKey: oauth ? requireKey(env.HALLWAY_ENCRYPTION_KEY) : optionalKey(env.HALLWAY_ENCRYPTION_KEY),
    slack: slackSet
      ? {
          ...(oauth
            ? { oauth }
            : {
                botToken: requireWith(
                  env,
                  'a SLACK_* variable',
                  'SLACK_BOT_TOKEN',
                  'the Bot User OAuth Token, xoxb-…, or SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET',
                ),
              }),
          // Socket Mode receives no HTTP requests, so it needs no signing secret.
          signingSecret: env.SLACK_APP_TOKEN
            ? (env.SLACK_SIGNING_SECRET ?? '')
            : requireWith(
                env,
                oauth ? 'SLACK_CLIENT_ID' : 'SLACK_BOT_TOKEN',
                'SLACK_SIGNING_SECRET',
                'Basic Information → Signing Secret',
              ),
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
          shards: env.DISCORD_SHARDS,
        }
      : undefined,
  };
}

/**
 * OAuth mode's three values, all or none; OAuth and a bot token are two different apps, so both is a mistake. Socket
 * Mode is refused too: Bolt's install routes need the HTTP server.
 */
function slackOAuth(env: Record<string, string | undefined>) {
  const { SLACK_CLIENT_ID: clientId, SLACK_CLIENT_SECRET: clientSecret, SLACK_STATE_SECRET: stateSecret } = env;
  if (!clientId && !clientSecret && !stateSecret) return undefined;
  const what = 'Basic Information → App Credentials; the state secret is any long random string';
  const present = clientId ? 'SLACK_CLIENT_ID' : clientSecret ? 'SLACK_CLIENT_SECRET' : 'SLACK_STATE_SECRET';
  for (const name of ['SLACK_CLIENT_ID', 'SLACK_CLIENT_SECRET', 'SLACK_STATE_SECRET'])
    requireWith(env, present, name, what);
  if (env.SLACK_BOT_TOKEN) {
    throw new ConfigError(
      'SLACK_BOT_TOKEN and SLACK_CLIENT_ID are both set: choose one workspace (token) or many (OAuth).',
    );
  }
  if (env.SLACK_APP_TOKEN) throw new ConfigError('SLACK_APP_TOKEN (Socket Mode) cannot be used with Slack OAuth mode.');
  return { clientId: clientId!, clientSecret: clientSecret!, stateSecret: stateSecret! };
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
    config.slack?.oauth?.clientSecret,
    config.slack?.oauth?.stateSecret,
    config.encryptionKey?.toString('base64'),
    config.encryptionKey?.toString('base64url'),
    config.encryptionKey?.toString('hex'),
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
