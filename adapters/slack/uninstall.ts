/**
 * OAuth mode: Slack tells the app it was removed from a workspace with `app_uninstalled`, or `tokens_revoked` when
 * the bot's token was revoked (user tokens alone do not matter: Hallway uses none). Both are ordinary signed events
 * that Bolt delivers without authorizing them (the token may already be gone).
 */
import type { App } from '@slack/bolt';
import type { Logger } from '#core/ports/logger.ts';

export function registerUninstall(
  app: App,
  removed: (teamId: string, reason: string) => Promise<void>,
  log: Logger,
): void {
  app.event('app_uninstalled', async ({ body }) => {
    log.info({ team: body.team_id }, 'Slack: the app was uninstalled from a workspace');
    await removed(body.team_id, 'app_uninstalled');
  });
  app.event('tokens_revoked', async ({ body, event }) => {
    if ((event.tokens.bot ?? []).length === 0) return;
    log.info({ team: body.team_id }, 'Slack: the bot token of a workspace was revoked');
    await removed(body.team_id, 'tokens_revoked');
  });
}
