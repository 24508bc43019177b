/** Turns what members type for a member or channel (`<@U123|lucas>`, `@lucas`, `<#C1|intros>`) into ids. */
import { UserError } from './errors.ts';
import type { CommunityId } from './ids.ts';
import type { MembersStore } from './stores/members.ts';

const USER_MENTION = /^<@!?([A-Z0-9]+)(?:\|[^>]*)?>$/i;
const CHANNEL_MENTION = /^<#([A-Z0-9]+)(?:\|[^>]*)?>$/i;
/** Slack user ids (U…/W…) and Discord snowflakes. */
const LOOKS_LIKE_ID = /^(?:[UW][A-Z0-9]{6,}|\d{15,21})$/;

export async function resolveUser(raw: string, community: CommunityId, members: MembersStore): Promise<string> {
  const text = raw.trim();
  const mention = USER_MENTION.exec(text);
  if (mention) return mention[1]!;
  const name = text.replace(/^@/, '');
  const found = (await members.findByName(community, name)).filter((m) => !m.leftAt);
  if (found.length === 1) return found[0]!.userId;
  if (found.length > 1) {
    throw new UserError('ambiguous', `More than one member is called @${name}: mention them instead.`);
  }
  if (await members.get(community, name)) return name;
  if (LOOKS_LIKE_ID.test(name)) return name;
  throw new UserError('not_found', `I don't know a member called @${name} here.`);
}

export function resolveChannel(raw: string): string {
  const text = raw.trim();
  const mention = CHANNEL_MENTION.exec(text);
  if (mention) return mention[1]!;
  return text.replace(/^#/, '');
}
