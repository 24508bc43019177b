import type { CommunityId } from '../ids.ts';

export interface CommunityRecord {
  readonly id: CommunityId;
  /** Settings as stored (JSON object); parse with `parseSettings` from `core/settings.ts`. */
  readonly settings: Readonly<Record<string, unknown>>;
  readonly createdAt: Date;
  /** When each setting last changed, by name (settings never changed are absent). */
  readonly settingsChanged: Readonly<Record<string, Date>>;
}

export interface CommunitiesStore {
  /** The community, created with empty settings on first sight. */
  ensure(id: CommunityId, now: Date): Promise<CommunityRecord>;
  get(id: CommunityId): Promise<CommunityRecord | undefined>;
  /** Replaces the stored settings object; `changed` names the settings that changed, recorded as changed at `now`. */
  saveSettings(
    id: CommunityId,
    settings: Readonly<Record<string, unknown>>,
    changed?: { readonly keys: readonly string[]; readonly now: Date },
  ): Promise<void>;
  /** Every community known to this process (the scheduler runs jobs for each). */
  list(): Promise<CommunityRecord[]>;
}
