/**
 * Qualified identifiers. Every id the core sees names its platform, so one process can serve several
 * communities without their data ever meeting: a community is `slack:T024BE7LD`, `discord:80351110224678912`
 * or `shell:loft`; a member is a (community, platform user id) pair.
 */
export type Platform = 'slack' | 'discord' | 'shell';

/** `"<platform>:<workspace or guild id>"`. */
export type CommunityId = `${Platform}:${string}`;

/** A member of one community. `userId` is the platform's own user id (Slack `U…`, a Discord snowflake). */
export interface MemberRef {
  readonly community: CommunityId;
  readonly userId: string;
}

const PLATFORMS: readonly Platform[] = ['slack', 'discord', 'shell'];

export function communityId(platform: Platform, externalId: string): CommunityId {
  return `${platform}:${externalId}`;
}

export function platformOf(community: CommunityId): Platform {
  const platform = community.slice(0, community.indexOf(':')) as Platform;
  if (!PLATFORMS.includes(platform)) throw new Error(`not a community id: ${community}`);
  return platform;
}

/** The workspace / guild id without the platform prefix. */
export function externalIdOf(community: CommunityId): string {
  return community.slice(community.indexOf(':') + 1);
}

export function isCommunityId(value: string): value is CommunityId {
  const colon = value.indexOf(':');
  return colon > 0 && colon < value.length - 1 && PLATFORMS.includes(value.slice(0, colon) as Platform);
}
