/**
 * Gateway and REST payloads shaped like Discord's, with every field discord.js 14 reads (a missing one crashes
 * inside discord.js with an unhandled rejection and the handler never runs).
 */

let counter = 0n;

/** A fresh snowflake (17-19 digits, as @discordjs/rest's route parser expects). */
export function snowflake(): string {
  counter = (counter + 1n) % 4096n;
  return (((BigInt(Date.now()) - 1420070400000n) << 22n) | counter).toString();
}

/** The shard that owns a guild, as Discord computes it: `(guild_id >> 22) % shard count`. */
export function shardOfGuild(guildId: string, shardCount: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(shardCount));
}

/** A fresh snowflake that belongs to `shard` of `shardCount` (its timestamp part chosen to land there). */
export function snowflakeOnShard(shard: number, shardCount: number): string {
  counter = (counter + 1n) % 4096n;
  let at = BigInt(Date.now()) - 1420070400000n;
  at += (BigInt(shard) - (at % BigInt(shardCount)) + BigInt(shardCount)) % BigInt(shardCount);
  return ((at << 22n) | counter).toString();
}

export interface FakeUser {
  readonly id: string;
  readonly username: string;
  readonly globalName?: string;
  readonly bot?: boolean;
}

export function userJSON(u: FakeUser) {
  return {
    id: u.id,
    username: u.username,
    discriminator: '0',
    global_name: u.globalName ?? null,
    avatar: null,
    bot: u.bot ?? false,
    public_flags: 0,
  };
}

export function memberJSON(u: FakeUser, extra: { permissions?: string; nick?: string } = {}) {
  return {
    user: userJSON(u),
    nick: extra.nick ?? null,
    avatar: null,
    roles: [],
    joined_at: new Date().toISOString(),
    premium_since: null,
    deaf: false,
    mute: false,
    flags: 0,
    pending: false,
    communication_disabled_until: null,
    ...(extra.permissions !== undefined && { permissions: extra.permissions }),
  };
}

export interface FakeGuild {
  readonly id: string;
  readonly name: string;
  readonly ownerId: string;
  /** Text channels (type 0), and threads opened under their messages. */
  readonly channels: { id: string; name: string }[];
}

/** View Channels + Send Messages + Read Message History: what @everyone has on a fresh server. */
export const EVERYONE_PERMISSIONS = String((1n << 10n) | (1n << 11n) | (1n << 16n));

export function guildCreateJSON(g: FakeGuild, bot: FakeUser) {
  return {
    id: g.id,
    name: g.name,
    icon: null,
    splash: null,
    discovery_splash: null,
    owner_id: g.ownerId,
    afk_channel_id: null,
    afk_timeout: 300,
    verification_level: 0,
    default_message_notifications: 0,
    explicit_content_filter: 0,
    // The @everyone role has the guild's id; without it `member.permissions` throws.
    roles: [
      {
        id: g.id,
        name: '@everyone',
        color: 0,
        hoist: false,
        icon: null,
        unicode_emoji: null,
        position: 0,
        permissions: EVERYONE_PERMISSIONS,
        managed: false,
        mentionable: false,
        flags: 0,
      },
    ],
    emojis: [],
    stickers: [],
    features: [],
    mfa_level: 0,
    application_id: null,
    system_channel_id: g.channels[0]?.id ?? null,
    system_channel_flags: 0,
    rules_channel_id: null,
    vanity_url_code: null,
    description: null,
    banner: null,
    premium_tier: 0,
    premium_subscription_count: 0,
    preferred_locale: 'en-US',
    public_updates_channel_id: null,
    nsfw_level: 0,
    premium_progress_bar_enabled: false,
    safety_alerts_channel_id: null,
    joined_at: new Date().toISOString(),
    large: false,
    unavailable: false,
    member_count: 2,
    voice_states: [],
    members: [memberJSON(bot)],
    channels: g.channels.map((c, i) => guildChannelJSON(c, undefined, i)),
    threads: [],
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
  };
}

export function guildChannelJSON(c: { id: string; name: string }, guildId?: string, position = 0) {
  return {
    id: c.id,
    type: 0,
    name: c.name,
    position,
    permission_overwrites: [],
    parent_id: null,
    topic: null,
    nsfw: false,
    last_message_id: null,
    rate_limit_per_user: 0,
    flags: 0,
    ...(guildId && { guild_id: guildId }),
  };
}

export function dmChannelJSON(id: string, recipient: FakeUser) {
  return { id, type: 1, recipients: [userJSON(recipient)], last_message_id: null, flags: 0 };
}

/** A message as Discord returns it from a create or edit. */
export function messageJSON(
  id: string,
  channelId: string,
  author: FakeUser,
  body: Record<string, unknown>,
  guildId?: string,
) {
  return {
    id,
    type: 0,
    channel_id: channelId,
    ...(guildId && { guild_id: guildId }),
    author: userJSON(author),
    content: typeof body['content'] === 'string' ? body['content'] : '',
    embeds: Array.isArray(body['embeds']) ? body['embeds'] : [],
    components: Array.isArray(body['components']) ? body['components'] : [],
    attachments: [],
    mentions: [],
    mention_roles: [],
    mention_everyone: false,
    pinned: false,
    tts: false,
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    flags: typeof body['flags'] === 'number' ? body['flags'] : 0,
  };
}
