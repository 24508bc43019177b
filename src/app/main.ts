/** `npm start`: reads the environment, starts every configured platform (the shell when none), runs until stopped. */
import { config as loadDotenv } from 'dotenv';
import { createApp } from './create-app.ts';
import { ConfigError, loadConfig, secretsOf } from './config.ts';
import { createLogger, scrubSecrets } from './logger.ts';
import { ShellPlatform } from '../../adapters/shell/shell.adapter.ts';

loadDotenv({ quiet: true });

async function main(): Promise<number> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`Hallway cannot start: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
  const shellOnly = !config.slack && !config.discord;
  // In the shell, logs would garble the conversation: only warnings and worse, unless asked.
  const level = shellOnly && !process.env.LOG_LEVEL ? 'warn' : config.logLevel;
  const log = createLogger(level, undefined, secretsOf(config));
  // Every line this process prints about a failure goes through the same scrubber as the logs.
  const scrub = (text: string) => scrubSecrets(text, secretsOf(config));
  let app: Awaited<ReturnType<typeof createApp>>;
  try {
    app = await createApp(config, log, {
      input: process.stdin,
      output: process.stdout,
      color: Boolean(process.stdout.isTTY),
    });
  } catch (error) {
    // The database could not be opened, reached or migrated: one line, the password already redacted.
    process.stderr.write(`Hallway cannot start: ${scrub(error instanceof Error ? error.message : String(error))}\n`);
    return 1;
  }
  const shutdown = async (signal: string) => {
    log.info({ signal }, 'shutting down');
    await app.stop();
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
  try {
    await app.start();
  } catch (error) {
    log.error({ err: error }, 'start-up failed');
    process.stderr.write(`Hallway cannot start: ${scrub(error instanceof Error ? error.message : String(error))}\n`);
    await app.stop().catch(() => {});
    return 1;
  }
  log.info({ platforms: [...app.platforms.keys()] }, 'Hallway is running');
  const shell = [...app.platforms.values()].find((p) => p instanceof ShellPlatform);
  if (shell instanceof ShellPlatform) {
    await shell.finished;
    await app.stop();
    return 0;
  }
  return new Promise<number>(() => {});
}

main().then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(
      `Hallway crashed: ${scrubSecrets(error instanceof Error ? String(error.stack) : String(error), [])}\n`,
    );
    process.exit(1);
  },
);
