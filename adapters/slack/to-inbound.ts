/**
 * Slack payloads to the core's `InboundEvent`. Pure: the adapter looks the member up (`users.info`) and passes the
 * facts in. The payload shapes below are the few fields we read, so recorded fixtures and Bolt's types both fit.
 * Strings are not sanitized here: `dispatch` sanitizes every inbound string.
 */
import { communityId, type CommunityId } from '#core/ids.ts';
import type {
  ActionEvent,
  Actor,
  CommandEvent,
  FormSubmitEvent,
  HomeOpenedEvent,
  MemberJoinedEvent,
  MemberLeftEvent,
} from '#core/inbound.ts';
import { OVERFLOW_ACTION } from './render.ts';

/** What Slack says about a member, as the core needs it. */
export interface UserFacts {
  readonly displayName: string;
  readonly isPlatformAdmin: boolean;
  readonly timezone?: string;
  readonly isBot?: boolean;
}

/** The parts of a Slack user object (`users.info`, `team_join`, `user_change`) we read. */
export interface SlackUser {
  readonly id: string;
  readonly name?: string;
  readonly real_name?: string;
  readonly deleted?: boolean;
  readonly is_admin?: boolean;
  readonly is_owner?: boolean;
  readonly is_primary_owner?: boolean;
  readonly is_bot?: boolean;
  readonly tz?: string;
  readonly profile?: { readonly display_name?: string; readonly real_name?: string };
}

export interface SlashCommandBody {
  readonly command: string;
  readonly text: string;
  readonly user_id: string;
  readonly user_name?: string;
  readonly team_id: string;
  readonly channel_id?: string;
}

interface SelectedOption {
  readonly value?: string;
}

export interface BlockActionBody {
  readonly team: { readonly id: string } | null;
  readonly user: { readonly id: string; readonly name?: string; readonly username?: string; readonly team_id?: string };
  readonly actions: readonly {
    readonly type: string;
    readonly action_id: string;
    readonly value?: string;
    readonly selected_option?: SelectedOption | null;
  }[];
  readonly channel?: { readonly id: string };
  readonly message?: { readonly ts: string };
  readonly view?: { readonly team_id?: string };
}

export interface ViewSubmissionBody {
  readonly team: { readonly id: string } | null;
  readonly user: { readonly id: string; readonly name?: string; readonly team_id?: string };
  readonly view: {
    readonly callback_id: string;
    readonly private_metadata?: string;
    readonly team_id?: string;
    readonly state: {
      readonly values: Record<
        string,
        Record<
          string,
          {
            readonly value?: string | null;
            readonly selected_option?: SelectedOption | null;
            readonly selected_date_time?: number | null;
          }
        >
      >;
    };
  };
}

/** An Events API envelope (`event_callback`). */
export interface EventEnvelope<E = { readonly type: string }> {
  readonly team_id: string;
  readonly event_id?: string;
  readonly event: E;
}

/** The member's name as Slack shows it, and their admin rights (workspace admins and owners). */
export function factsFromUser(user: SlackUser): UserFacts {
  const displayName =
    user.profile?.display_name?.trim() || user.profile?.real_name?.trim() || user.real_name?.trim() || user.name;
  return {
    displayName: displayName || user.id,
    isPlatformAdmin: Boolean(user.is_admin || user.is_owner || user.is_primary_owner),
    ...(user.tz ? { timezone: user.tz } : {}),
    ...(user.is_bot ? { isBot: true } : {}),
  };
}

/** `slack:T…` for a Slack team id. */
export function slackCommunity(teamId: string): CommunityId {
  return communityId('slack', teamId);
}

function actor(teamId: string, userId: string, facts: UserFacts): Actor {
  return {
    community: slackCommunity(teamId),
    userId,
    displayName: facts.displayName,
    isPlatformAdmin: facts.isPlatformAdmin,
    ...(facts.timezone ? { timezone: facts.timezone } : {}),
  };
}

/**
 * Slack's escaped command text to plain text the core's grammar reads. Mentions keep only their id (`<@U1|ana>` →
 * `<@U1>`, `<#C1|general>` → `<#C1>`): the grammar resolves those. Links become their URL, user groups and
 * `<!channel>`-style specials become plain words, dates their fallback, and `&amp; &lt; &gt;` are decoded.
 */
export function commandText(text: string): string {
  return text
    .replace(/<([^<>]*)>|&(amp|lt|gt);/g, (_, inner: string | undefined, entity: string | undefined) =>
      inner === undefined ? ({ amp: '&', lt: '<', gt: '>' }[entity as 'amp'] ?? '') : convertMarkup(inner),
    )
    .trim();
}

function convertMarkup(inner: string): string {
  const [target = '', label] = inner.split('|', 2) as [string, string | undefined];
  if (/^@[UW][A-Z0-9]+$/.test(target)) return `<${target}>`;
  if (/^#[CGD][A-Z0-9]+$/.test(target)) return `<${target}>`;
  if (target.startsWith('!subteam^')) return label ?? `@${target.slice('!subteam^'.length)}`;
  if (target.startsWith('!date^')) return label ?? '';
  if (target.startsWith('!')) return `@${target.slice(1)}`; // <!channel>, <!here>, <!everyone>: words, not pings
  if (target.startsWith('mailto:')) return label ?? target.slice('mailto:'.length);
  return target;
}

/** A slash command: `/meetup create "Zine night" fri 19:00` → command `meetup`, the text for the grammar. */
export function commandEvent(body: SlashCommandBody, facts: UserFacts): CommandEvent {
  return {
    kind: 'command',
    command: body.command.replace(/^\//, ''),
    input: { kind: 'text', text: commandText(body.text ?? '') },
    actor: actor(body.team_id, body.user_id, facts),
    ...(body.channel_id ? { channelId: body.channel_id } : {}),
  };
}

/** The team a block action or view submission belongs to (org-wide installs put it elsewhere). */
export function interactionTeam(body: BlockActionBody | ViewSubmissionBody): string {
  return body.team?.id ?? body.view?.team_id ?? body.user.team_id ?? '';
}

/**
 * A button click (or a select / overflow choice). Button `action_id`s are `<action>:<index>` (see `render.ts`); an
 * overflow option carries `<action> <value>`. Returns undefined for an element we did not render.
 */
export function actionEvent(body: BlockActionBody, facts: UserFacts): ActionEvent | undefined {
  const element = body.actions[0];
  if (!element) return undefined;
  let action = element.action_id.replace(/:\d+$/, '');
  let value = element.value ?? element.selected_option?.value ?? '';
  if (element.type === 'overflow' || action === OVERFLOW_ACTION) {
    const option = element.selected_option?.value ?? '';
    const space = option.indexOf(' ');
    if (space <= 0) return undefined;
    action = option.slice(0, space);
    value = option.slice(space + 1);
  }
  return {
    kind: 'action',
    action,
    value,
    actor: actor(interactionTeam(body), body.user.id, facts),
    ...(body.channel?.id ? { channelId: body.channel.id } : {}),
    ...(body.message?.ts ? { messageId: body.message.ts } : {}),
  };
}

/** A submitted modal: `callback_id` → formId, `private_metadata` → meta, `state.values` → `{ fieldId: value }`. */
export function formSubmitEvent(body: ViewSubmissionBody, facts: UserFacts): FormSubmitEvent {
  const values: Record<string, string> = {};
  for (const block of Object.values(body.view.state.values)) {
    for (const [fieldId, input] of Object.entries(block)) {
      const picked = typeof input.selected_date_time === 'number' ? `at:${input.selected_date_time}` : undefined;
      values[fieldId] = input.value ?? input.selected_option?.value ?? picked ?? '';
    }
  }
  return {
    kind: 'form_submit',
    formId: body.view.callback_id,
    ...(body.view.private_metadata ? { meta: body.view.private_metadata } : {}),
    values,
    actor: actor(interactionTeam(body), body.user.id, facts),
  };
}

/** `team_join`: a new member of the workspace (bots are not members). */
export function teamJoinEvent(envelope: EventEnvelope<{ readonly user: SlackUser }>): MemberJoinedEvent | undefined {
  const user = envelope.event.user;
  if (user.is_bot || user.deleted) return undefined;
  return { kind: 'member_joined', actor: actor(envelope.team_id, user.id, factsFromUser(user)), ...eventId(envelope) };
}

/** `member_joined_channel`: someone joined a channel; the core decides whether that channel matters. */
export function channelJoinEvent(
  envelope: EventEnvelope<{ readonly user: string; readonly channel: string }>,
  facts: UserFacts,
): MemberJoinedEvent | undefined {
  if (facts.isBot) return undefined;
  return {
    kind: 'member_joined',
    actor: actor(envelope.team_id, envelope.event.user, facts),
    channelId: envelope.event.channel,
    ...eventId(envelope),
  };
}

/** `user_change` with `deleted: true`: the member was deactivated, which is Slack's way of leaving a workspace. */
export function userChangeEvent(envelope: EventEnvelope<{ readonly user: SlackUser }>): MemberLeftEvent | undefined {
  const user = envelope.event.user;
  if (!user.deleted || user.is_bot) return undefined;
  return { kind: 'member_left', actor: actor(envelope.team_id, user.id, factsFromUser(user)), ...eventId(envelope) };
}

/** `app_home_opened` on the Home tab (the Messages tab fires it too; that one needs no answer). */
export function homeOpenedEvent(
  envelope: EventEnvelope<{ readonly user: string; readonly tab?: string }>,
  facts: UserFacts,
): HomeOpenedEvent | undefined {
  if (envelope.event.tab !== undefined && envelope.event.tab !== 'home') return undefined;
  return { kind: 'home_opened', actor: actor(envelope.team_id, envelope.event.user, facts), ...eventId(envelope) };
}

function eventId(envelope: EventEnvelope<unknown>): { eventId?: string } {
  return envelope.event_id ? { eventId: envelope.event_id } : {};
}
