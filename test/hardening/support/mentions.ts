/**
 * "No mass mention, no forged mention" as a check on any Reply: it is rendered with the real Slack and Discord
 * renderers and the output is searched for what would ping. A mention may only come from a token the core wrote
 * (`fmt.user`), never from member text.
 */
import { renderMessage as discordMessage } from '../../../adapters/discord/render.ts';
import { renderMessage as slackMessage } from '../../../adapters/slack/render.ts';
import { renderHome } from '../../../adapters/slack/render-view.ts';
import type { Reply } from '#core/reply.ts';
import { segments } from '#core/text.ts';

/** Every rich string of a reply (where tokens may be). */
function richStrings(reply: Reply): string[] {
  const out = [reply.text, reply.title ?? '', reply.context ?? ''];
  for (const s of reply.sections ?? []) out.push(s.text ?? '', ...(s.fields ?? []).flatMap((f) => [f.label, f.value]));
  for (const b of reply.buttons ?? []) out.push(b.label);
  return out;
}

/** The user and channel ids the core itself put in tokens. */
export function tokenIds(reply: Reply): { users: Set<string>; channels: Set<string> } {
  const users = new Set<string>();
  const channels = new Set<string>();
  for (const rich of richStrings(reply)) {
    for (const s of segments(rich)) {
      if (s.kind === 'user') users.add(s.userId);
      if (s.kind === 'channel') channels.add(s.channelId);
    }
  }
  return { users, channels };
}

function matchesOf(text: string, re: RegExp): string[] {
  return [...text.matchAll(re)].map((m) => m[1] ?? m[0]);
}

/**
 * The strings Slack parses for mentions: the message's fallback `text` and every `mrkdwn` text object. `plain_text`
 * objects (headers, button labels) are shown verbatim by Slack, so `<!channel>` there is only text.
 */
export function slackParsed(rendered: unknown): string[] {
  const out: string[] = [];
  const walk = (node: unknown, key?: string): void => {
    if (typeof node === 'string') {
      if (key === 'text') out.push(node);
      return;
    }
    if (Array.isArray(node)) {
      for (const n of node) walk(n);
      return;
    }
    if (!node || typeof node !== 'object') return;
    const record = node as Record<string, unknown>;
    if (record.type === 'plain_text') return;
    for (const [k, v] of Object.entries(record)) walk(v, k);
  };
  walk(rendered);
  return out;
}

/** Problems in Slack mrkdwn: special commands other than dates, and user/channel links the core did not write. */
export function slackTextProblems(text: string, users: ReadonlySet<string>, channels: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  // `<!date^…>` is the one special command the core writes; `<!channel>`, `<!here>`, `<!everyone>`, `<!subteam^…>`
  // must never appear.
  for (const cmd of matchesOf(text, /<!([^>]*)>?/g)) if (!cmd.startsWith('date^')) problems.push(`slack <!${cmd}>`);
  for (const id of matchesOf(text, /<@([^>|]*)/g)) if (!users.has(id)) problems.push(`slack forged <@${id}>`);
  for (const id of matchesOf(text, /<#([^>|]*)/g)) if (!channels.has(id)) problems.push(`slack forged <#${id}>`);
  return problems;
}

/** What in the Slack rendering (message and App Home) would ping or link someone the core did not name. */
export function slackProblems(reply: Reply): string[] {
  const { users, channels } = tokenIds(reply);
  return [slackMessage(reply), renderHome(reply)]
    .flatMap(slackParsed)
    .flatMap((text) => slackTextProblems(text, users, channels));
}

/** What in the Discord rendering would ping anyone not meant to be pinged. */
export function discordProblems(reply: Reply): string[] {
  const { users } = tokenIds(reply);
  const meant = new Set(reply.mentions ?? []);
  const problems: string[] = [];
  for (const ctx of [{}, { dmGuildId: '123456789012345678' }, { allowEphemeral: true }]) {
    const m = discordMessage(reply, ctx);
    if (!Array.isArray(m.allowedMentions.parse) || m.allowedMentions.parse.length !== 0) {
      problems.push(`discord allowed_mentions.parse is ${JSON.stringify(m.allowedMentions.parse)}`);
    }
    for (const u of m.allowedMentions.users) if (!meant.has(u)) problems.push(`discord pings unintended ${u}`);
    const { files: _files, ...rest } = m;
    problems.push(...discordTextProblems(JSON.stringify(rest), users, meant));
  }
  return problems;
}

/**
 * Problems in rendered Discord JSON: raw mass mentions, role mentions, user mentions the core did not write.
 * Backslash-escaped markup (`\<@&1>`) shows as text. `@everyone` inside a URL is part of the link, not a mention
 * (and `allowed_mentions.parse: []`, checked separately, would stop it pinging anyway).
 */
export function discordTextProblems(json: string, users: ReadonlySet<string>, meant: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  const text = json.replace(/https?:\/\/[^\s"\\)]+/g, '<url>');
  for (const word of matchesOf(text, /@(everyone|here)\b/gi)) problems.push(`discord raw @${word}`);
  if (/(?<!\\)<@&/.test(text)) problems.push('discord role mention');
  for (const id of matchesOf(text, /(?<!\\)<@!?(\d+)>/g)) {
    if (!users.has(id) && !meant.has(id)) problems.push(`discord forged <@${id}>`);
  }
  return problems;
}

/** Both platforms' problems for a reply (empty: safe). */
export function mentionProblems(reply: Reply): string[] {
  return [...slackProblems(reply), ...discordProblems(reply)];
}
