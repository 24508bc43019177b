import type { CommunityId } from '../../ids.ts';

export interface MemberRecord {
  readonly community: CommunityId;
  readonly userId: string;
  readonly displayName: string;
  /** When the platform told us they joined (undefined for members we first saw through a command). */
  readonly joinedAt?: Date;
  /** Set when they left the workspace/server: hidden from directory and matching. */
  readonly leftAt?: Date;
  readonly firstSeenAt: Date;
  readonly lastActiveAt: Date;
  /** The platform refused DMs to them (Discord 50007). */
  readonly dmUnreachable: boolean;
  /** They have been told, once, that DMs are closed. */
  readonly dmNoticeShown: boolean;
  /** Personal IANA zone, overriding the community's. */
  readonly timezone?: string;
}

export interface MembersRepo {
  /** Records activity: creates the member on first sight, updates display name and last activity. */
  touch(community: CommunityId, userId: string, displayName: string, now: Date): MemberRecord;
  get(community: CommunityId, userId: string): MemberRecord | undefined;
  /** Members whose display name matches (case-insensitive), for resolving `@name` in command text. */
  findByName(community: CommunityId, name: string): MemberRecord[];
  markJoined(community: CommunityId, userId: string, displayName: string, now: Date): MemberRecord;
  markLeft(community: CommunityId, userId: string, now: Date): void;
  setDmUnreachable(community: CommunityId, userId: string, unreachable: boolean): void;
  markDmNoticeShown(community: CommunityId, userId: string): void;
  setTimezone(community: CommunityId, userId: string, timezone: string | undefined): void;
  /** Members who have not left, most recently active first. */
  listActive(community: CommunityId, limit?: number, offset?: number): MemberRecord[];
  /** Deletes the member row (data rights). Returns rows deleted. */
  delete(community: CommunityId, userId: string): number;
}
