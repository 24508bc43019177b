/**
 * HTTP mode's receiver: Bolt's own, on one port for `/slack/events` and, in OAuth mode, Bolt's install flow
 * (`GET /slack/install`, the "Add to Slack" page, and `GET /slack/oauth_redirect`, where Slack sends the browser
 * back with a code that `oauth.v2.access` exchanges for the workspace's bot token). Each signed request's replay key
 * goes into the listeners' context (see replay.ts) and requests stamped in the future are refused before Bolt's
 * signature check.
 */
import { HTTPReceiver, type InstallationStore, type LogLevel, type webApi } from '@slack/bolt';
import type { Logger } from '#core/ports/logger.ts';
import { boltLogger } from './bolt-logger.ts';
import { refusingFutureRequests, requestKey } from './replay.ts';
import { BOT_SCOPES } from './scopes.ts';

export interface ReceiverOptions {
  readonly signingSecret: string;
  readonly log: Logger;
  readonly logLevel?: LogLevel;
  /** OAuth mode: the app's credentials, where installs are stored, and the Web API settings for the exchange. */
  readonly oauth?: {
    readonly clientId: string;
    readonly clientSecret: string;
    readonly stateSecret: string;
    readonly installationStore: InstallationStore;
    readonly clientOptions: webApi.WebClientOptions;
  };
}

export function hallwayReceiver(options: ReceiverOptions): HTTPReceiver {
  const { oauth } = options;
  const receiver = new HTTPReceiver({
    signingSecret: options.signingSecret,
    endpoints: ['/slack/events'],
    processBeforeResponse: false,
    logger: boltLogger(options.log, options.logLevel),
    logLevel: options.logLevel,
    customPropertiesExtractor: (req) => ({ hallwayRequestKey: requestKey(req) }),
    ...(oauth && {
      clientId: oauth.clientId,
      clientSecret: oauth.clientSecret,
      stateSecret: oauth.stateSecret,
      scopes: [...BOT_SCOPES],
      installationStore: oauth.installationStore,
      installerOptions: {
        // The "Add to Slack" page (not a bare redirect), so a manager sees what they are about to install.
        directInstall: false,
        renderHtmlForInstallPath: installPage,
        // The state travels in a signed cookie as well as the URL: a redirect without the browser's cookie fails.
        stateVerification: true,
        // SLACK_API_URL reaches the code exchange and the auth.test that follows it.
        clientOptions: oauth.clientOptions,
      },
    }),
  });
  receiver.requestListener = refusingFutureRequests(receiver.requestListener);
  return receiver;
}

/** The "Add to Slack" page: Bolt's default loads its button image from Slack's CDN; this one loads nothing. */
export function installPage(addToSlackUrl: string): string {
  const href = addToSlackUrl.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  return [
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Add Hallway to Slack</title>',
    '<link rel="icon" href="data:,"></head>',
    '<body style="font-family: system-ui, sans-serif; max-width: 32rem; margin: 3rem auto; line-height: 1.5">',
    '<h1>Hallway</h1><p>Introductions, skill matching, meetups and feedback for your creative community.</p>',
    `<p><a href="${href}" style="display:inline-block;padding:.6rem 1rem;background:#3b2f4a;color:#fff;`,
    'border-radius:6px;text-decoration:none">Add to Slack</a></p></body></html>',
  ].join('\n');
}
