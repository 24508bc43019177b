/**
 * Bolt, the Web API client and Socket Mode log through this bridge into our structured logger, so their lines get
 * the same format and destination as ours. Bolt's own debug output can include request bodies, so debug lines are
 * dropped unless the level is raised on purpose.
 */
import { type Logger as BoltLogger, LogLevel } from '@slack/bolt';
import type { Logger } from '#core/ports/logger.ts';

const ORDER: Record<LogLevel, number> = {
  [LogLevel.DEBUG]: 0,
  [LogLevel.INFO]: 1,
  [LogLevel.WARN]: 2,
  [LogLevel.ERROR]: 3,
};

function part(p: unknown): string {
  if (p instanceof Error) return p.message;
  if (typeof p === 'string') return p;
  try {
    return JSON.stringify(p) ?? String(p);
  } catch {
    return String(p); // circular objects
  }
}

function text(parts: unknown[]): string {
  return parts.map(part).join(' ').slice(0, 2000);
}

/** A Bolt `Logger` writing to `log` with `lib: <name>` on each line. */
export function boltLogger(log: Logger, level: LogLevel = LogLevel.INFO): BoltLogger {
  let current = level;
  let fields: object = { lib: 'slack' };
  const at =
    (lvl: LogLevel, write: (f: object, m?: string) => void) =>
    (...parts: unknown[]) => {
      if (ORDER[lvl] >= ORDER[current]) write(fields, text(parts));
    };
  return {
    debug: at(LogLevel.DEBUG, (f, m) => log.debug(f, m)),
    info: at(LogLevel.INFO, (f, m) => log.info(f, m)),
    warn: at(LogLevel.WARN, (f, m) => log.warn(f, m)),
    error: at(LogLevel.ERROR, (f, m) => log.error(f, m)),
    setLevel: (next: LogLevel) => {
      current = next;
    },
    getLevel: () => current,
    setName: (name: string) => {
      fields = { lib: name };
    },
  };
}
