/** A missing or malformed setting: start-up stops with its one-line message. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}
