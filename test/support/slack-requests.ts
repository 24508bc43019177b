/**
 * Requests as Slack sends them to an app's Request URL, signed with HMAC v0
 * (`v0=` + hex HMAC-SHA256(signing secret, `v0:<timestamp>:<raw body>`)): slash commands (form-encoded), events
 * (JSON) and interactions (form-encoded `payload=<json>`). Options let a test tamper with the signature or clock.
 */
import { createHmac, randomUUID } from 'node:crypto';

export interface SlackTarget {
  /** `http://127.0.0.1:<port>/slack/events` */
  readonly url: string;
  readonly signingSecret: string;
}

export interface SendOptions {
  /** Unix seconds; default now. */
  readonly timestamp?: number;
  /** Sign with this secret instead of the right one. */
  readonly signWith?: string;
  readonly headers?: Record<string, string>;
}

/** Slack's request signature for a body at a time. */
export function sign(secret: string, timestamp: number, body: string): string {
  return 'v0=' + createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex');
}

/** POSTs a signed body; resolves with the HTTP response (status and body text read). */
export async function sendSigned(
  target: SlackTarget,
  body: string,
  contentType: string,
  options: SendOptions = {},
): Promise<{ status: number; text: string }> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const response = await fetch(target.url, {
    method: 'POST',
    headers: {
      'content-type': contentType,
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': sign(options.signWith ?? target.signingSecret, timestamp, body),
      ...options.headers,
    },
    body,
  });
  return { status: response.status, text: await response.text() };
}

export interface CommandFields {
  readonly command: string;
  readonly text?: string;
  readonly user_id: string;
  readonly user_name?: string;
  readonly team_id: string;
  readonly channel_id?: string;
  readonly response_url: string;
  readonly trigger_id?: string;
}

/** The form fields of a slash command, as Slack posts them. */
export function commandBody(fields: CommandFields): string {
  return new URLSearchParams({
    token: 'legacy-verification-token',
    team_domain: 'hallway-test',
    channel_name: 'general',
    api_app_id: 'AHALLWAY',
    user_name: fields.user_id.toLowerCase(),
    channel_id: 'C0GENERAL',
    text: '',
    trigger_id: `trigger-${randomUUID()}`,
    ...fields,
  }).toString();
}

export async function sendCommand(target: SlackTarget, fields: CommandFields, options?: SendOptions) {
  return await sendSigned(target, commandBody(fields), 'application/x-www-form-urlencoded', options);
}

/** An Events API callback around `event`. */
export function eventEnvelope(teamId: string, event: Record<string, unknown>, eventId = `Ev${randomUUID()}`) {
  return {
    token: 'legacy-verification-token',
    team_id: teamId,
    api_app_id: 'AHALLWAY',
    type: 'event_callback',
    event_id: eventId,
    event_time: Math.floor(Date.now() / 1000),
    event,
  };
}

/** Sends an event; `retryNum` adds the headers Slack puts on a redelivery. */
export async function sendEvent(target: SlackTarget, envelope: object, retryNum?: number, options: SendOptions = {}) {
  const retry: Record<string, string> = retryNum
    ? { 'x-slack-retry-num': String(retryNum), 'x-slack-retry-reason': 'http_timeout' }
    : {};
  const headers = { ...retry, ...options.headers };
  return await sendSigned(target, JSON.stringify(envelope), 'application/json', { ...options, headers });
}

/** Sends an interaction (`block_actions`, `view_submission`). */
export async function sendInteraction(target: SlackTarget, payload: object, options?: SendOptions) {
  const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
  return await sendSigned(target, body, 'application/x-www-form-urlencoded', options);
}

/** A `block_actions` payload for one button click; only a click on a message carries a `response_url`. */
export function buttonClick(options: {
  teamId: string;
  userId: string;
  actionId: string;
  value: string;
  responseUrl?: string;
  messageTs?: string;
  channelId?: string;
  /** Where the button is: a message (default), the Home tab, or an open modal. */
  surface?: 'message' | 'home' | 'modal';
}) {
  const { teamId, userId, surface = 'message' } = options;
  const view = {
    id: `V${surface.toUpperCase()}`,
    team_id: teamId,
    type: surface,
    callback_id: '',
    state: { values: {} },
  };
  const where =
    surface !== 'message'
      ? { container: { type: 'view', view_id: view.id }, view }
      : {
          container: { type: 'message', message_ts: options.messageTs, channel_id: options.channelId },
          channel: { id: options.channelId, name: 'general' },
          message: { type: 'message', ts: options.messageTs, text: 'a message' },
          response_url: options.responseUrl,
        };
  return {
    type: 'block_actions',
    team: { id: teamId, domain: 'hallway-test' },
    user: { id: userId, username: userId.toLowerCase(), name: userId.toLowerCase(), team_id: teamId },
    api_app_id: 'AHALLWAY',
    trigger_id: `trigger-${randomUUID()}`,
    ...where,
    actions: [{ type: 'button', action_id: options.actionId, block_id: 'b1', value: options.value, action_ts: '1' }],
  };
}

/**
 * A `view_submission` payload (`block_id` = `action_id` = field id): a string is a plain text input's value, a number
 * a date-time picker's choice (`selected_date_time`, unix seconds), as Slack sends them.
 */
export function viewSubmission(options: {
  teamId: string;
  userId: string;
  callbackId: string;
  privateMetadata?: string;
  values: Record<string, string | number | null>;
}) {
  const input = (value: string | number | null) =>
    typeof value === 'number'
      ? { type: 'datetimepicker', selected_date_time: value }
      : { type: 'plain_text_input', value };
  const values = Object.fromEntries(Object.entries(options.values).map(([id, value]) => [id, { [id]: input(value) }]));
  return {
    type: 'view_submission',
    team: { id: options.teamId, domain: 'hallway-test' },
    user: { id: options.userId, name: options.userId.toLowerCase(), team_id: options.teamId },
    api_app_id: 'AHALLWAY',
    trigger_id: `trigger-${randomUUID()}`,
    view: {
      id: 'V1',
      team_id: options.teamId,
      type: 'modal',
      callback_id: options.callbackId,
      private_metadata: options.privateMetadata ?? '',
      title: { type: 'plain_text', text: 'Introduce yourself' },
      state: { values },
    },
  };
}
