import type { CommunityId } from '../ids.ts';

/**
 * What a workspace hands over when it installs the app (Slack OAuth: the bot token and its identity), kept sealed
 * (encrypted) at rest by the implementation in `data/`. Callers see only opened values and never log them.
 */
export interface InstallationVault {
  /** Stores (or replaces, on a reinstall) the installation under `key` (the workspace id), for `community`. */
  save(key: string, community: CommunityId, installation: Readonly<Record<string, unknown>>, now: Date): Promise<void>;
  /** The installation stored under `key`, opened; undefined when there is none (never installed, or removed). */
  open(key: string): Promise<Record<string, unknown> | undefined>;
  /** Deletes every installation of `community`, tokens included, at once; returns how many there were. */
  remove(community: CommunityId): Promise<number>;
}
