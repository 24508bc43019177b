/**
 * The installation vault on Kysely: one row per installed workspace, its installation sealed with AES-256-GCM
 * (see data/crypto/seal.ts) under the deployment's key, with the row's key as additional data. Each call is its own
 * short transaction: Bolt asks for an installation on every request, outside any unit of work.
 */
import type { InstallationVault } from '#core/ports/installations.ts';
import type { Storage } from '#core/ports/storage.ts';
import { seal, unseal } from '../crypto/seal.ts';
import { changed, dbOf } from '../db/executor.ts';
import { toMs } from '../db/rows.ts';

export function installationVault(storage: Storage, key: Buffer): InstallationVault {
  return {
    async save(installKey, community, installation, now) {
      const sealed = seal(key, JSON.stringify(installation), installKey);
      await storage.transaction((tx) =>
        dbOf(tx)
          .insertInto('slack_installations')
          .values({ install_key: installKey, community, sealed, installed_at: toMs(now) })
          .onConflict((oc) => oc.column('install_key').doUpdateSet({ community, sealed, installed_at: toMs(now) }))
          .execute(),
      );
    },
    async open(installKey) {
      const row = await storage.transaction((tx) =>
        dbOf(tx)
          .selectFrom('slack_installations')
          .select('sealed')
          .where('install_key', '=', installKey)
          .executeTakeFirst(),
      );
      if (!row) return undefined;
      return JSON.parse(unseal(key, row.sealed, installKey)) as Record<string, unknown>;
    },
    async remove(community) {
      const result = await storage.transaction((tx) =>
        dbOf(tx).deleteFrom('slack_installations').where('community', '=', community).executeTakeFirst(),
      );
      return changed(result);
    },
  };
}
