/**
 * The mention lock, checked on everything Hallway sent to the fake Discord: every message body (posts, DMs, edits,
 * interaction answers, follow-ups) carries `allowed_mentions.parse = []`, pings only users it names as `<@id>` in
 * its content, and shows `@everyone` / `@here` / role mentions from member text as inert text.
 */
import { expect } from 'vitest';
import type { RecordedCall } from './fake-discord.ts';

/** The message a call carries, if it carries one. */
// biome-ignore lint/suspicious/noExplicitAny: the wire format.
export function messageOf(call: RecordedCall): any | undefined {
  if (/^(POST \/channels\/:id\/messages|PATCH \/channels\/:id\/messages\/:id)$/.test(call.route)) return call.body;
  if (/^(POST|PATCH) \/webhooks\//.test(call.route)) return call.body;
  if (call.route === 'POST /interactions/:id/:token/callback' && [4, 7].includes(call.body?.type)) {
    return call.body.data;
  }
  return undefined;
}

// biome-ignore lint/suspicious/noExplicitAny: the wire format.
function allText(body: any): string {
  // biome-ignore lint/suspicious/noExplicitAny: the wire format.
  const embeds = (body.embeds ?? []).flatMap((e: any) => [
    e.title,
    e.description,
    // biome-ignore lint/suspicious/noExplicitAny: the wire format.
    ...(e.fields ?? []).flatMap((f: any) => [f.name, f.value]),
  ]);
  return [body.content, ...embeds].filter(Boolean).join('\n');
}

/** Asserts the lock on every message among `calls`; returns how many messages were checked. */
export function expectNoStrayPings(calls: readonly RecordedCall[]): number {
  let checked = 0;
  for (const call of calls) {
    const body = messageOf(call);
    if (!body) continue;
    checked += 1;
    const where = `${call.route} ${call.path}`;
    expect(body.allowed_mentions?.parse, where).toEqual([]);
    expect(body.allowed_mentions?.roles ?? [], where).toEqual([]);
    const named = [...String(body.content ?? '').matchAll(/<@!?(\d+)>/g)].map((m) => m[1]);
    for (const user of body.allowed_mentions?.users ?? []) expect(named, `${where} pings ${user}`).toContain(user);
    const text = allText(body);
    expect(text, where).not.toMatch(/@(everyone|here)/i);
    expect(text, where).not.toMatch(/(?<!\\)<@&\d+>/);
  }
  expect(checked).toBeGreaterThan(0);
  return checked;
}

/**
 * Embed titles, field names and button labels are plain text on Discord: a member mention there shows as a raw id
 * (`@1573…`). Asserts none does, in any message among `calls`.
 */
export function expectNoRawUserIds(calls: readonly RecordedCall[]): void {
  for (const call of calls) {
    const body = messageOf(call);
    if (!body) continue;
    const plainParts = [
      // biome-ignore lint/suspicious/noExplicitAny: the wire format.
      ...(body.embeds ?? []).flatMap((e: any) => [e.title, ...(e.fields ?? []).map((f: any) => f.name)]),
      // biome-ignore lint/suspicious/noExplicitAny: the wire format.
      ...(body.components ?? []).flatMap((row: any) => row.components.map((b: any) => b.label)),
    ];
    for (const text of plainParts.filter(Boolean)) {
      expect(text, `${call.route} ${call.path}`).not.toMatch(/@\d{15,21}/);
    }
  }
}
