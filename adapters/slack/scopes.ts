/**
 * The bot scopes Hallway asks for when a workspace installs it (OAuth mode). They must equal the manifest's
 * `oauth_config.scopes.bot` (test/unit/slack-manifest.test.ts checks it), or Slack would grant what the install
 * flow did not ask for, or refuse what a command needs.
 */
export const BOT_SCOPES = [
  'commands',
  'chat:write',
  'im:write',
  'mpim:write',
  'users:read',
  'channels:read',
  'groups:read',
  // Calendar files and exports are uploaded to the member's DM with the app.
  'files:write',
] as const;
