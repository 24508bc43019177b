/**
 * The resource card: posted once, in `resources-channel` or else the channel where the resource was added, under
 * the ref `resource-card:<id>`, with Book / Borrow / Details buttons. It shows what does not change by the minute
 * (availability lives behind Details), so it is redrawn only when the resource goes.
 */
import { resourceSettings } from './settings.ts';
import type { ResourceRecord } from './store.ts';
import type { Button, Field, Reply, Section } from '#core/reply.ts';
import { fmt } from '#core/text.ts';
import { label, ownerText, type ResourceEnv, usesText } from './format.ts';

export const cardRef = (resourceId: number) => `resource-card:${resourceId}`;

/** Book (bookable), Borrow (lendable) and Details: the value is the resource's id. */
export function resourceButtons(resource: ResourceRecord): Button[] {
  const id = String(resource.id);
  const buttons: Button[] = [];
  if (resource.bookable) buttons.push({ label: 'Book', action: 'resource.open-booking', value: id, style: 'primary' });
  if (resource.lendable) buttons.push({ label: 'Borrow', action: 'resource.borrow', value: id });
  buttons.push({ label: 'Details', action: 'resource.details', value: id });
  return buttons;
}

/** Kind, place, owner, how it is used, training: the fields of the card and of Details. */
export function resourceFields(resource: ResourceRecord): Field[] {
  const fields: Field[] = [{ label: 'Kind', value: resource.kind }];
  if (resource.location) fields.push({ label: 'Where', value: resource.location });
  fields.push({ label: 'Owner', value: ownerText(resource) });
  fields.push({ label: 'Use', value: usesText(resource) });
  if (resource.trainingRequired) fields.push({ label: 'Training', value: 'needed first' });
  return fields;
}

/** The card. Mentions stay empty: the owner is named, never pinged. */
export function buildCard(resource: ResourceRecord): Reply {
  const sections: Section[] = [{ fields: resourceFields(resource) }];
  if (resource.description) sections.unshift({ text: resource.description });
  return {
    title: resource.name,
    text: `${label(resource)} is in the library: ${usesText(resource)}.`,
    sections,
    context: `${fmt.code(`/resource show ${resource.name}`)} shows who has it and when it is free`,
    buttons: resourceButtons(resource),
    mentions: [],
  };
}

/** Where a new card goes: the configured channel, else the channel the command came from. */
export function cardChannel(env: ResourceEnv, fallback?: string): string | undefined {
  return resourceSettings(env.community)['resources-channel'] || fallback || undefined;
}

/** Posts the card of a new resource; returns the channel, or undefined when there is nowhere to post. */
export async function postCard(env: ResourceEnv, resource: ResourceRecord, channelId?: string) {
  if (!channelId) return undefined;
  await env.store.setCardChannel(env.community.id, resource.id, channelId);
  const ref = cardRef(resource.id);
  env.notify.post(env.community.id, channelId, buildCard(resource), { key: ref, ref });
  return channelId;
}

/** Replaces the card of a resource that is going away (a no-op for one that never had a card). */
export async function retireCard(env: ResourceEnv, resource: ResourceRecord): Promise<void> {
  if (!resource.cardChannelId) return;
  const version = await env.store.bumpCardVersion(env.community.id, resource.id);
  const ref = cardRef(resource.id);
  const reply = { title: resource.name, text: `${label(resource)} was removed from the library.`, mentions: [] };
  env.notify.update(env.community.id, ref, reply, { key: `${ref}:v${version}` });
}
