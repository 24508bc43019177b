import type { CommunityId } from '../ids.ts';

export interface CommunityRecord {
  readonly id: CommunityId;
  /** Settings as stored (JSON object); parse with `parseSettings` from `core/settings.ts`. */
  readonly settings: Readonly<Record<string, unknown>>;
  readonly createdAt: Date;
}

export interface CommunitiesStore {
  /** The community, created with empty settings on first sight. */
  ensure(id: CommunityId, now: Date): Promise<CommunityRecord>;
  get(id: CommunityId): Promise<CommunityRecord | undefined>;
  /** Replaces the stored settings object. */
  saveSettings(id: CommunityId, settings: Readonly<Record<string, unknown>>): Promise<void>;
  /** Every community known to this process (the scheduler runs jobs for each). */
  list(): Promise<CommunityRecord[]>;
}
