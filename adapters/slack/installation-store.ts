/**
 * Bolt's `InstallationStore` over Hallway's installation vault (sealed rows in Hallway's own database, on SQLite or
 * PostgreSQL). Bolt calls `storeInstallation` at the end of the OAuth flow and `fetchInstallation` to authorize
 * every request. Each workspace is its own community (`slack:T…`); org-wide (Enterprise Grid) installs are refused,
 * since one token would then speak for many communities.
 */
import type { Installation, InstallationQuery, InstallationStore } from '@slack/bolt';
import type { CommunityLifecycle } from '#core/lifecycle.ts';
import type { InstallationVault } from '#core/ports/installations.ts';
import { slackCommunity } from './to-inbound.ts';

export interface InstallationStoreDeps {
  readonly vault: InstallationVault;
  readonly lifecycle: CommunityLifecycle;
  readonly now: () => Date;
  /** Called after a (re)install is stored, so cached clients built from an older token are dropped. */
  readonly onInstalled: (teamId: string) => void;
}

export function installationStore(deps: InstallationStoreDeps): InstallationStore {
  return {
    async storeInstallation(installation) {
      const teamId = installation.team?.id;
      if (installation.isEnterpriseInstall || !teamId) {
        throw new Error('Hallway is installed per workspace; org-wide installs are not supported');
      }
      const community = slackCommunity(teamId);
      await deps.vault.save(teamId, community, installation as unknown as Record<string, unknown>, deps.now());
      await deps.lifecycle.joined(community);
      deps.onInstalled(teamId);
    },
    async fetchInstallation(query: InstallationQuery<boolean>) {
      const found = query.teamId ? await deps.vault.open(query.teamId) : undefined;
      // Bolt turns the throw into a refused request: a workspace without an installation gets nothing done.
      if (!found) throw new Error('this workspace has not installed Hallway');
      return found as unknown as Installation;
    },
    async deleteInstallation(query: InstallationQuery<boolean>) {
      if (query.teamId) await deps.vault.remove(slackCommunity(query.teamId));
    },
  };
}

/** The bot token inside a stored installation. */
export function botTokenOf(installation: Record<string, unknown> | undefined): string | undefined {
  const bot = installation?.bot as { token?: unknown } | undefined;
  return typeof bot?.token === 'string' ? bot.token : undefined;
}
