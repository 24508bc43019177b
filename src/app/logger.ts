/** The process logger: pino, JSON lines to stderr, with secrets redacted wherever they might appear. */
import pino from 'pino';
import type { Logger } from '#core/ports/logger.ts';

/** Field paths that could ever carry a secret; pino replaces them with "[redacted]". */
const REDACT = [
  'token',
  'botToken',
  'appToken',
  'signingSecret',
  '*.token',
  '*.botToken',
  '*.appToken',
  '*.signingSecret',
  'headers.authorization',
  '*.headers.authorization',
];

const CENSOR = '[redacted]';

/**
 * Shapes of platform tokens, scrubbed from every line whatever field or message carries them (an SDK error with
 * the request's headers, a URL in a message): Slack `xoxb-`/`xoxp-`/`xapp-`… tokens and Discord bot tokens.
 */
const TOKEN_SHAPES = [
  /\bxox[abposr]-[A-Za-z0-9-]+/g,
  /\bxapp-[A-Za-z0-9-]+/g,
  /\b[\w-]{23,28}\.[\w-]{6,7}\.[\w-]{27,}/g,
];

/** Secrets shorter than this are not scrubbed by value (they would blank ordinary words). */
const MIN_SECRET_LENGTH = 8;

/** Removes known secret values (as written in JSON too) and token-shaped strings from one serialized line. */
export function scrubSecrets(line: string, secrets: readonly string[]): string {
  let out = line;
  for (const secret of secrets) {
    if (secret.length < MIN_SECRET_LENGTH) continue;
    for (const form of new Set([secret, JSON.stringify(secret).slice(1, -1)])) out = out.split(form).join(CENSOR);
  }
  for (const shape of TOKEN_SHAPES) out = out.replace(shape, CENSOR);
  return out;
}

/**
 * A pino logger. Field paths that name secrets are redacted; then every serialized line is scrubbed of `secrets`
 * (the configured token values: see `secretsOf` in config.ts) and of token-shaped strings, so a secret nested in an
 * error object or quoted in a message never reaches the output either.
 */
export function createLogger(
  level: string,
  destination: pino.DestinationStream = pino.destination(2),
  secrets: readonly string[] = [],
): Logger {
  return pino(
    {
      level,
      redact: { paths: REDACT, censor: CENSOR },
      base: { app: 'hallway' },
      hooks: { streamWrite: (line) => scrubSecrets(line, secrets) },
    },
    destination,
  );
}
