/**
 * HALLWAY_MANAGERS: who manages which community besides its platform admins. An entry names the community and the
 * member (`slack:T024BE7LD:U123`, `discord:80351110224678912:1234…`, `shell:loft:emma`), so that a manager of one
 * server is never a manager of another the bot is also in. A bare user id is accepted only while this process
 * serves one community (the shell, one Slack workspace with no Discord, or Discord pinned to DISCORD_GUILD_ID with
 * no Slack); otherwise it grants nothing, and start-up says so.
 */
import type { ManagerCheck } from '#core/context.ts';
import { type CommunityId, isCommunityId } from '#core/ids.ts';
import type { Config } from './config.ts';

export interface Managers {
  readonly isManager: ManagerCheck;
  /** A line for the operator when bare ids were given but cannot apply (undefined: nothing to say). */
  readonly warning?: string;
}

/** The one community this process serves, if it serves exactly one known in advance. */
function singleCommunity(config: Config): CommunityId | 'slack-workspace' | undefined {
  if (!config.slack && !config.discord) return 'shell:loft';
  if (config.slack && !config.discord) return 'slack-workspace';
  if (config.discord && !config.slack && config.discord.guildId) return `discord:${config.discord.guildId}`;
  return undefined;
}

export function managersFrom(config: Config): Managers {
  const scoped = new Set<string>();
  const bare = new Set<string>();
  for (const entry of config.managers) {
    const at = entry.lastIndexOf(':');
    const community = entry.slice(0, at);
    if (at > 0 && isCommunityId(community)) scoped.add(entry);
    else bare.add(entry);
  }
  const single = singleCommunity(config);
  const bareApplies = (community: CommunityId) =>
    single === 'slack-workspace' ? community.startsWith('slack:') : single === community;
  return {
    isManager: (community, userId) =>
      scoped.has(`${community}:${userId}`) || (bare.has(userId) && bareApplies(community)),
    warning:
      bare.size > 0 && single === undefined
        ? `HALLWAY_MANAGERS: ${bare.size} bare user id(s) grant nothing, because this process serves several ` +
          'communities. Write each as slack:<team>:<user> or discord:<server>:<user>.'
        : undefined,
  };
}
