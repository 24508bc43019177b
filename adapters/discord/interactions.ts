/**
 * One interaction, start to finish: facts → `InboundEvent` → dispatch → the answer Discord expects within 3
 * seconds. If dispatch is still busy after `deferAfterMs`, the interaction is deferred first (a "thinking…" answer
 * for commands, a silent acknowledgement for buttons) and the reply edits or follows it.
 */
import {
  type AutocompleteInteraction,
  type ButtonInteraction,
  type GuildMember,
  type Interaction,
  MessageFlags,
  type RepliableInteraction,
} from 'discord.js';
import type { CommandCatalog } from '#core/catalog.ts';
import type { CommandEvent, Dispatch, InboundEvent } from '#core/inbound.ts';
import type { Logger } from '#core/ports/logger.ts';
import { sanitize } from '#core/text.ts';
import { parseButtonId } from './custom-id.ts';
import { foldedSuggestions, unfold } from './folded-options.ts';
import { type FormDrafts, REFILL_ACTION } from './form-drafts.ts';
import { plain } from './markdown.ts';
import { renderModal } from './render.ts';
import { respond } from './respond.ts';
import {
  actionEvent,
  commandEvent,
  focusedOption,
  formSubmitEvent,
  guildFromCustomId,
  type InteractionFacts,
  type OptionData,
} from './to-inbound.ts';

/**
 * Suggestions for an option with an autocomplete source (`skills`, `meetups`, `members`), given the command being
 * typed (actor, community, channel) — the shape of the core's `Core.autocomplete`. Keep it quick: Discord waits 3 s.
 */
export type AutocompleteHook = (
  event: CommandEvent,
  source: string,
  prefix: string,
) => Promise<readonly { name: string; value: string }[]> | readonly { name: string; value: string }[];

export interface InteractionDeps {
  readonly dispatch: Dispatch;
  readonly log: Logger;
  readonly deferAfterMs: number;
  readonly catalog: () => CommandCatalog;
  readonly autocomplete?: AutocompleteHook;
  /** The guild to use when the interaction names none and its custom id carries none (DMs). */
  readonly defaultGuild: () => string | undefined;
  /** A member of a guild, or undefined when they are not one (used for DM interactions). */
  readonly memberOf: (guildId: string, userId: string) => Promise<GuildMember | undefined>;
  /** Only this guild is served, when set. */
  readonly onlyGuild?: string;
  /** Forms opened here, so a refused one can be reopened filled in. */
  readonly drafts?: FormDrafts;
}

/** Handles one interaction; never throws (failures are logged). */
export async function handleInteraction(i: Interaction, deps: InteractionDeps): Promise<void> {
  try {
    const facts = await factsOf(i, deps);
    if (i.isAutocomplete()) return await answerAutocomplete(i, facts, deps);
    if (!i.isRepliable()) return;
    if (!facts) {
      await i.reply({ content: 'Please use this in the server.', flags: MessageFlags.Ephemeral });
      return;
    }
    if (i.isButton() && (await reopenedForm(i, deps))) return;
    const event = toEvent(i, facts, deps.catalog());
    if (!event) return deps.log.debug({ interactionId: i.id, type: i.type }, 'discord: interaction not for Hallway');
    await answer(i, event, facts.guildId, deps);
  } catch (error) {
    deps.log.warn({ err: error, interactionId: i.id }, 'discord: could not answer an interaction');
  }
}

/** The "Fix it" button under a refused form: the same form again, filled in (see form-drafts.ts). */
async function reopenedForm(i: ButtonInteraction, deps: InteractionDeps): Promise<boolean> {
  const parsed = parseButtonId(i.customId);
  if (parsed?.action !== REFILL_ACTION) return false;
  const form = deps.drafts?.take(parsed.value, i.user.id);
  const modal = form && renderModal(form, i.guildId ? undefined : parsed.guildId);
  if (!form || !modal) {
    await i.reply({
      content: 'That form has expired. Run the command again.',
      flags: MessageFlags.Ephemeral,
      allowedMentions: { parse: [] },
    });
    return true;
  }
  deps.drafts?.remember(i.user.id, modal.custom_id, form);
  await i.showModal(modal);
  return true;
}

function customIdOf(i: Interaction): string | undefined {
  return i.isMessageComponent() || i.isModalSubmit() ? i.customId : undefined;
}

async function factsOf(i: Interaction, deps: InteractionDeps): Promise<InteractionFacts | undefined> {
  const customId = customIdOf(i);
  const guildId = i.guildId ?? (customId && guildFromCustomId(customId)) ?? deps.defaultGuild();
  if (!guildId || (deps.onlyGuild && guildId !== deps.onlyGuild)) return undefined;
  const common = { guildId, userId: i.user.id, interactionId: i.id, channelId: i.channelId ?? undefined };
  if (i.guildId) {
    const m = i.member;
    const displayName = m && 'displayName' in m ? m.displayName : (m?.nick ?? i.user.globalName ?? i.user.username);
    return { ...common, displayName, permissions: i.memberPermissions?.bitfield ?? null };
  }
  // A DM: the member's rights come from the guild, and not being a member there ends it.
  const member = await deps.memberOf(guildId, i.user.id);
  if (!member) return undefined;
  return { ...common, displayName: member.displayName, permissions: member.permissions.bitfield };
}

function toEvent(i: RepliableInteraction, facts: InteractionFacts, catalog: CommandCatalog): InboundEvent | undefined {
  if (i.isChatInputCommand()) {
    return unfold(catalog, commandEvent(i.commandName, i.options.data as readonly OptionData[], facts));
  }
  if (i.isButton()) return actionEvent(i.customId, facts, i.message.id);
  if (i.isModalSubmit()) {
    const values: Record<string, string> = {};
    for (const [id, field] of i.fields.fields) if ('value' in field) values[id] = String(field.value ?? '');
    return formSubmitEvent(i.customId, values, facts);
  }
  return undefined;
}

async function answer(i: RepliableInteraction, event: InboundEvent, guildId: string, deps: InteractionDeps) {
  const componentLike = i.isMessageComponent() || (i.isModalSubmit() && i.isFromMessage());
  let duplicate = false;
  const pending = deps.dispatch(event, { onDuplicate: () => (duplicate = true) }).catch((error: unknown) => {
    deps.log.error({ err: error }, 'discord: dispatch threw (it must not)');
    return undefined;
  });
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), deps.deferAfterMs);
  });
  const first = await Promise.race([pending.then((reply) => ({ reply })), late]);
  clearTimeout(timer);
  let deferred = false;
  if (first === 'late') {
    deferred = true;
    await (componentLike ? i.deferUpdate() : i.deferReply({ flags: MessageFlags.Ephemeral }));
  }
  const reply = first === 'late' ? await pending : first.reply;
  // Another process (or an earlier delivery) handled this interaction and answers it: a second answer here would
  // race the real one ("Done." shown, the real answer refused). After a deferral there is nothing left to undo.
  if (duplicate) return;
  const dmGuildId = i.guildId ? undefined : guildId;
  await respond(i, reply, { deferred, componentLike, dmGuildId, log: deps.log, drafts: deps.drafts });
}

async function answerAutocomplete(
  i: AutocompleteInteraction,
  facts: InteractionFacts | undefined,
  deps: InteractionDeps,
): Promise<void> {
  const focused = focusedOption(i.options.data as readonly OptionData[]);
  const source = focused && sourceOf(deps.catalog(), i.commandName, focused.subcommand ?? '', focused.option);
  let choices: readonly { name: string; value: string }[] = [];
  const folded =
    facts &&
    focused &&
    foldedSuggestions(
      deps.catalog(),
      commandEvent(i.commandName, i.options.data as readonly OptionData[], facts),
      focused.option,
      sanitize(focused.prefix),
    );
  if (folded) choices = folded;
  else if (facts && focused && source && deps.autocomplete) {
    const event = commandEvent(i.commandName, i.options.data as readonly OptionData[], facts);
    try {
      choices = await deps.autocomplete(event, source, sanitize(focused.prefix));
    } catch (error) {
      deps.log.warn({ err: error, source }, 'discord: autocomplete failed');
    }
  }
  await i.respond(
    choices
      .filter((c) => c.value.length > 0 && c.value.length <= 100)
      .slice(0, 25)
      .map((c) => ({ name: plain(c.name, 100) || c.value, value: c.value })),
  );
}

function sourceOf(catalog: CommandCatalog, command: string, sub: string, option: string): string | undefined {
  const spec = catalog.find((c) => c.name === command)?.subcommands.find((s) => s.name === sub);
  return spec?.options.find((o) => o.name === option)?.autocomplete;
}
