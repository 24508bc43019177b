/**
 * Discord interaction and member data to the core's `InboundEvent`s. Pure: the adapter reads the facts off the
 * discord.js objects (or raw gateway payloads, which have the same option shape) and calls these.
 */
import { ApplicationCommandOptionType, PermissionFlagsBits } from 'discord.js';
import { communityId } from '#core/ids.ts';
import type {
  Actor,
  ActionEvent,
  CommandEvent,
  FormSubmitEvent,
  MemberJoinedEvent,
  MemberLeftEvent,
} from '#core/inbound.ts';
import { parseButtonId, parseFormId } from './custom-id.ts';

/** One option as Discord sends it (`interaction.options.data` in discord.js has the same fields). */
export interface OptionData {
  readonly name: string;
  readonly type: number;
  /** User, channel, role options carry the id here; discord.js adds resolved objects we do not need. */
  readonly value?: string | number | boolean;
  readonly options?: readonly OptionData[];
  readonly focused?: boolean;
}

/** Who acted, where. `permissions` is the member's permission bitfield in that channel (null in a DM). */
export interface InteractionFacts {
  readonly guildId: string;
  readonly userId: string;
  readonly displayName: string;
  readonly permissions: bigint | null;
  readonly channelId?: string;
  /** The interaction id: a replayed gateway event must not run twice. */
  readonly interactionId?: string;
}

/** Manage Server (or Administrator, which implies every permission) makes a platform admin. */
export function isManager(permissions: bigint | null): boolean {
  if (permissions === null) return false;
  const admin = PermissionFlagsBits.Administrator;
  const manage = PermissionFlagsBits.ManageGuild;
  return (permissions & admin) === admin || (permissions & manage) === manage;
}

export function actorOf(facts: InteractionFacts): Actor {
  return {
    community: communityId('discord', facts.guildId),
    userId: facts.userId,
    displayName: facts.displayName,
    isPlatformAdmin: isManager(facts.permissions),
  };
}

function base(facts: InteractionFacts) {
  return {
    actor: actorOf(facts),
    ...(facts.channelId && { channelId: facts.channelId }),
    ...(facts.interactionId && { eventId: `discord:${facts.interactionId}` }),
  };
}

const SUBCOMMAND = ApplicationCommandOptionType.Subcommand;
const GROUP = ApplicationCommandOptionType.SubcommandGroup;

/** Splits a command's options into the subcommand (if any) and its leaf options. */
function leaves(options: readonly OptionData[]): { subcommand?: string; leaves: readonly OptionData[] } {
  const first = options[0];
  if (first?.type === GROUP) {
    // Hallway registers no groups; should one appear, `group sub` keeps it distinct rather than misrouted.
    const inner = leaves(first.options ?? []);
    return { subcommand: [first.name, inner.subcommand].filter(Boolean).join(' '), leaves: inner.leaves };
  }
  if (first?.type === SUBCOMMAND) return { subcommand: first.name, leaves: first.options ?? [] };
  return { leaves: options };
}

/** A chat-input command with typed options: user and channel options arrive as their ids. */
export function commandEvent(name: string, options: readonly OptionData[], facts: InteractionFacts): CommandEvent {
  const { subcommand, leaves: opts } = leaves(options);
  const values: Record<string, unknown> = {};
  for (const o of opts) if (o.value !== undefined) values[o.name] = o.value;
  return {
    kind: 'command',
    command: name,
    input: { kind: 'options', ...(subcommand && { subcommand }), options: values },
    ...base(facts),
  };
}

/** The option being typed in an autocomplete interaction, with its subcommand. */
export function focusedOption(
  options: readonly OptionData[],
): { subcommand?: string; option: string; prefix: string } | undefined {
  const { subcommand, leaves: opts } = leaves(options);
  const focused = opts.find((o) => o.focused);
  if (!focused) return undefined;
  return { ...(subcommand && { subcommand }), option: focused.name, prefix: String(focused.value ?? '') };
}

/** A button click; undefined when the custom id is not one of ours. */
export function actionEvent(customId: string, facts: InteractionFacts, messageId?: string): ActionEvent | undefined {
  const parsed = parseButtonId(customId);
  if (!parsed) return undefined;
  return {
    kind: 'action',
    action: parsed.action,
    value: parsed.value,
    // The answer to a click may replace the message it was on (UPDATE_MESSAGE): see respond.ts.
    ...(messageId && { messageId, updatesInPlace: true }),
    ...base(facts),
  };
}

/** A modal submit with its text inputs by id; undefined when the custom id is not one of ours. */
export function formSubmitEvent(
  customId: string,
  values: Readonly<Record<string, string>>,
  facts: InteractionFacts,
): FormSubmitEvent | undefined {
  const parsed = parseFormId(customId);
  if (!parsed) return undefined;
  return {
    kind: 'form_submit',
    formId: parsed.formId,
    ...(parsed.meta !== undefined && { meta: parsed.meta }),
    values,
    ...base(facts),
  };
}

/** Which guild a DM interaction belongs to, from the custom id prefix (see custom-id.ts). */
export function guildFromCustomId(customId: string): string | undefined {
  return parseButtonId(customId)?.guildId ?? parseFormId(customId)?.guildId;
}

export interface MemberFacts {
  readonly guildId: string;
  readonly userId: string;
  readonly displayName: string;
  readonly isBot: boolean;
  readonly permissions: bigint | null;
}

/** A member joined or left; bots are not members of a creative community, so they produce nothing. */
export function memberEvent(
  kind: 'member_joined' | 'member_left',
  member: MemberFacts,
): MemberJoinedEvent | MemberLeftEvent | undefined {
  if (member.isBot) return undefined;
  return { kind, actor: actorOf({ ...member }) };
}
