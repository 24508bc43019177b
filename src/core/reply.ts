/**
 * What the core says, platform-neutral. Adapters render it: Block Kit on Slack, embeds and components on Discord,
 * plain lines on the shell. Every string here is rich text (see `text.ts`): literal text plus unforgeable tokens.
 */

/** Where a command's direct answer goes. */
export type Visibility = 'ephemeral' | 'channel';

export interface Field {
  readonly label: string;
  readonly value: string;
}

export interface Section {
  readonly text?: string;
  /** Short label/value pairs shown side by side (≤ 10 on Slack, ≤ 25 on Discord; adapters cut the rest). */
  readonly fields?: readonly Field[];
}

export interface Button {
  readonly label: string;
  /** Which registered action runs on click, e.g. `meetup.rsvp`. */
  readonly action: string;
  /** The action's argument, validated by the action's schema on click (≤ 80 chars: Discord custom_id room). */
  readonly value: string;
  readonly style?: 'primary' | 'danger';
}

export interface FormField {
  readonly id: string;
  readonly label: string;
  /**
   * `short`: one line; `long`: a paragraph; `datetime`: a date-and-time picker where the platform has one (Slack),
   * one line of words elsewhere ("fri 19:00"). A picker submits `at:<unix seconds>` (see `pickedInstant`).
   */
  readonly kind: 'short' | 'long' | 'datetime';
  readonly required: boolean;
  readonly maxLength?: number;
  readonly placeholder?: string;
  readonly initial?: string;
  /** `datetime` fields: the instant a picker starts at (epoch seconds); `initial` stays the words for text inputs. */
  readonly initialAt?: number;
}

/** The instant a date-time picker submitted (`at:<unix seconds>`), or undefined for words typed by a member. */
export function pickedInstant(value: string): Date | undefined {
  const match = /^at:(\d{1,12})$/.exec(value.trim());
  return match ? new Date(Number(match[1]) * 1000) : undefined;
}

/**
 * A form (Slack modal, Discord modal, shell prompts). Discord shows the first 5 fields only: a field past them must
 * be optional, its absence meaning a default the member can change another way (e.g. a command option).
 * On submit the adapter sends a `form_submit` event with `formId`, `meta` and the values by field id.
 */
export interface Form {
  readonly formId: string;
  /** ≤ 24 characters (Slack's modal title limit). */
  readonly title: string;
  readonly submitLabel: string;
  readonly fields: readonly FormField[];
  /** Opaque state carried through the platform, e.g. the meetup id being edited (≤ 100 chars). */
  readonly meta?: string;
}

/** A text file a reply hands over. `name` is a plain file name (no folders). */
export interface ReplyFile {
  readonly name: string;
  readonly content: string;
  readonly mimeType: string;
}

export interface Reply {
  /** The main text (always set: it is also the notification fallback). */
  readonly text: string;
  readonly title?: string;
  readonly sections?: readonly Section[];
  /** Small print under the message. */
  readonly context?: string;
  readonly buttons?: readonly Button[];
  /** Opens a form instead of (or, where the platform cannot, before) showing the text. */
  readonly form?: Form;
  /**
   * A submitted form was refused (nothing was saved): the error, at its field when the feature knows it (see
   * `inField`). Adapters keep what the member typed: Slack shows the error under the field with the modal still
   * open, Discord offers a button that reopens the form filled in, the shell asks that field again.
   */
  readonly formError?: { readonly field?: string; readonly message: string };
  /** Ephemeral (default) or visible in the channel. DMs and posts go through the Notifier instead. */
  readonly visibility?: Visibility;
  /** Users this message is meant to ping. Every other mention renders without a ping (Discord allowedMentions). */
  readonly mentions?: readonly string[];
  /**
   * Files to hand over, e.g. an .ics calendar or one CSV per exported table: Slack uploads each to the member's DM
   * with the app, Discord attaches them, the shell saves them in a folder it names.
   */
  readonly files?: readonly ReplyFile[];
  /**
   * Channel posts only: open a thread under the post for the answers (Discord: a public thread called `name`, with
   * `opener` as its first message; Slack: `opener` as the first reply in the post's thread).
   */
  readonly thread?: { readonly name: string; readonly opener: string };
  /** When answering a button click: replace the clicked message instead of answering separately. */
  readonly replaceOriginal?: boolean;
  /**
   * Set by the core, never by features: the clicked message's new content (a card the action redrew, such as a
   * meetup card after an RSVP). The adapter answers the click by replacing that message with it — one call instead
   * of an answer plus an edit — and the member sees the card change instead of `text`.
   */
  readonly sourceUpdate?: Reply;
}

/** A short ephemeral reply. */
export function say(text: string, extra: Omit<Reply, 'text'> = {}): Reply {
  return { text, ...extra };
}

/** A reply the whole channel sees. */
export function announce(text: string, extra: Omit<Reply, 'text' | 'visibility'> = {}): Reply {
  return { text, ...extra, visibility: 'channel' };
}
