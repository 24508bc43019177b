import type { CommunityId } from './ids.ts';

/** Facts about the member behind an event, supplied by the adapter (the core decides what they allow). */
export interface Actor {
  readonly community: CommunityId;
  readonly userId: string;
  readonly displayName: string;
  /** Slack workspace admin/owner, Discord Manage Server, shell `/as` manager. The core adds HALLWAY_MANAGERS. */
  readonly isPlatformAdmin: boolean;
  /** IANA zone the platform knows for this member, if any (Slack `tz`). */
  readonly timezone?: string;
}

/**
 * A command's input as the platform delivered it: Slack and the shell give free text, parsed by the core's grammar;
 * Discord gives typed options already split by subcommand.
 */
export type CommandInput =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'options'; readonly subcommand?: string; readonly options: Readonly<Record<string, unknown>> };

interface Base {
  readonly actor: Actor;
  /** Channel the event came from, if any (platform channel id). */
  readonly channelId?: string;
  /** Platform event id, when the platform may deliver it twice (Slack event retries). */
  readonly eventId?: string;
}

export interface CommandEvent extends Base {
  readonly kind: 'command';
  /** Top-level command without the slash, e.g. `meetup`. */
  readonly command: string;
  readonly input: CommandInput;
}

export interface ActionEvent extends Base {
  readonly kind: 'action';
  /** Registered action id, e.g. `meetup.rsvp`. */
  readonly action: string;
  readonly value: string;
  /** The message the button was on, if the platform says (used to update cards in place). */
  readonly messageId?: string;
  /**
   * The platform can replace that message in its answer to the click itself (Discord's UPDATE_MESSAGE): a redraw
   * of it that the action queued is then handed back as `Reply.sourceUpdate` instead of a separate edit.
   */
  readonly updatesInPlace?: boolean;
}

export interface FormSubmitEvent extends Base {
  readonly kind: 'form_submit';
  readonly formId: string;
  readonly meta?: string;
  readonly values: Readonly<Record<string, string>>;
}

export interface MemberJoinedEvent extends Base {
  readonly kind: 'member_joined';
}

export interface MemberLeftEvent extends Base {
  readonly kind: 'member_left';
}

/** The member opened the bot's home (Slack App Home). The answer is a Reply to render there. */
export interface HomeOpenedEvent extends Base {
  readonly kind: 'home_opened';
}

export type InboundEvent =
  | CommandEvent
  | ActionEvent
  | FormSubmitEvent
  | MemberJoinedEvent
  | MemberLeftEvent
  | HomeOpenedEvent;

/** What a caller may want to know about an event besides its reply. */
export interface DispatchHooks {
  /**
   * The event's id was seen before (a redelivery, or another process got the same event first): nothing was done,
   * and the caller should answer nothing, since whoever handled it answers.
   */
  onDuplicate?(): void;
}

/** The core's single entry point. Never throws: errors become replies. */
export type Dispatch = (event: InboundEvent, hooks?: DispatchHooks) => Promise<import('./reply.ts').Reply | undefined>;
