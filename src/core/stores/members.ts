import type { CommunityId } from '../ids.ts';
import type { CommunityRecord } from './communities.ts';

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

export interface MembersStore {
  /** Records activity: creates the member on first sight, updates display name and last activity. */
  touch(community: CommunityId, userId: string, displayName: string, now: Date): Promise<MemberRecord>;
  get(community: CommunityId, userId: string): Promise<MemberRecord | undefined>;
  /** Members whose display name matches (case-insensitive), for resolving `@name` in command text. */
  findByName(community: CommunityId, name: string): Promise<MemberRecord[]>;
  markJoined(community: CommunityId, userId: string, displayName: string, now: Date): Promise<MemberRecord>;
  /**
   * What every event starts with, in one statement: `touch` (or `markJoined` when `joined`) and the member's
   * community as stored (settings, creation, settings' change times), read in the same round trip. `community` is
   * undefined when the community has no row yet (its very first event: the caller ensures it).
   */
  arrive(
    community: CommunityId,
    userId: string,
    displayName: string,
    now: Date,
    joined: boolean,
  ): Promise<{ member: MemberRecord; community?: CommunityRecord }>;
  markLeft(community: CommunityId, userId: string, now: Date): Promise<void>;
  setDmUnreachable(community: CommunityId, userId: string, unreachable: boolean): Promise<void>;
  markDmNoticeShown(community: CommunityId, userId: string): Promise<void>;
  setTimezone(community: CommunityId, userId: string, timezone: string | undefined): Promise<void>;
  /** Members who have not left, most recently active first. */
  listActive(community: CommunityId, limit?: number, offset?: number): Promise<MemberRecord[]>;
  /** Deletes the member row (data rights). Returns rows deleted. */
  delete(community: CommunityId, userId: string): Promise<number>;
}
