import type { CommunityId } from '../ids.ts';

export interface CommunityRecord {
  readonly id: CommunityId;
  /** Settings as stored (JSON object); parse with `parseSettings` from `core/settings.ts`. */
  readonly settings: Readonly<Record<string, unknown>>;
  readonly createdAt: Date;
  /** When each setting last changed, by name (settings never changed are absent). */
  readonly settingsChanged: Readonly<Record<string, Date>>;
  /** When the app was removed from the community (uninstalled, kicked); absent while it is there. */
  readonly leftAt?: Date;
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
  /** Every community the app is in (the scheduler runs jobs for each); communities it left are not listed. */
  list(): Promise<CommunityRecord[]>;
  /** Records that the app left the community at `now`; false when it had already left (or never existed). */
  markLeft(id: CommunityId, now: Date): Promise<boolean>;
  /** The app is (again) in the community: it is listed, and its data no longer counts down to deletion. */
  markPresent(id: CommunityId): Promise<void>;
  /** Communities the app left before `cutoff`, oldest first: their retention ran out. */
  leftBefore(cutoff: Date): Promise<CommunityId[]>;
  /** Deletes the community and every row of every table that belongs to it (its installation excepted). */
  forget(id: CommunityId): Promise<number>;
}
