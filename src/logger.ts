/** The process logger: pino, JSON lines to stderr, with secrets redacted wherever they might appear. */
import pino from 'pino';
import type { Logger } from './core/ports/logger.ts';

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

export function createLogger(level: string, destination: pino.DestinationStream = pino.destination(2)): Logger {
  return pino({ level, redact: { paths: REDACT, censor: '[redacted]' }, base: { app: 'hallway' } }, destination);
}
