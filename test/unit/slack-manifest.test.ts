/**
 * The Slack app manifest must match what the adapter serves: every command in the catalog (Slack only sends
 * commands the manifest declares), the events the listeners handle, and the scopes those need.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hallwayFeatures } from '../../src/app/features.ts';
import { buildCatalog } from '#core/catalog.ts';
import { BOT_SCOPES } from '../../adapters/slack/scopes.ts';

interface Manifest {
  features: {
    app_home: { home_tab_enabled: boolean; messages_tab_enabled: boolean };
    slash_commands: {
      command: string;
      url: string;
      description: string;
      usage_hint?: string;
      should_escape: boolean;
    }[];
  };
  oauth_config: { redirect_urls: string[]; scopes: { bot: string[] } };
  settings: {
    event_subscriptions: { request_url: string; bot_events: string[] };
    interactivity: { is_enabled: boolean; request_url: string };
    socket_mode_enabled: boolean;
  };
}

const manifest = JSON.parse(
  readFileSync(new URL('../../adapters/slack/manifest.json', import.meta.url), 'utf8'),
) as Manifest;
const commands = manifest.features.slash_commands;

describe('Slack app manifest', () => {
  it('declares the ten Hallway commands, escaped so Slack resolves @names and #channels to ids', () => {
    expect(commands.map((c) => c.command).sort()).toEqual(
      [
        '/feedback',
        '/hallway',
        '/here',
        '/intro',
        '/match',
        '/meetup',
        '/mentor',
        '/profile',
        '/resource',
        '/skills',
      ].sort(),
    );
    for (const c of commands) {
      expect(c.should_escape).toBe(true);
      expect(c.url).toMatch(/\/slack\/events$/);
      expect(c.description.length).toBeGreaterThan(0);
    }
  });

  it("asks in OAuth mode for exactly the scopes it declares, and redirects to Bolt's callback route", () => {
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual([...BOT_SCOPES].sort());
    expect(manifest.oauth_config.redirect_urls).toEqual([
      expect.stringMatching(/^https:\/\/.+\/slack\/oauth_redirect$/),
    ]);
  });

  it('declares every command the features define', () => {
    const declared = new Set(commands.map((c) => c.command));
    for (const spec of buildCatalog(hallwayFeatures())) expect(declared).toContain(`/${spec.name}`);
  });

  it('subscribes to the events the adapter handles, with the scopes they need', () => {
    expect(manifest.settings.event_subscriptions.bot_events.sort()).toEqual(
      [
        'app_home_opened',
        'app_uninstalled',
        'member_joined_channel',
        'team_join',
        'tokens_revoked',
        'user_change',
      ].sort(),
    );
    expect(manifest.oauth_config.scopes.bot).toEqual(
      expect.arrayContaining([
        'commands',
        'chat:write',
        'im:write',
        'mpim:write',
        'users:read',
        'channels:read',
        'files:write',
      ]),
    );
    expect(manifest.settings.interactivity).toMatchObject({ is_enabled: true });
    expect(manifest.settings.interactivity.request_url).toMatch(/\/slack\/events$/);
    expect(manifest.features.app_home.home_tab_enabled).toBe(true);
    expect(manifest.settings.socket_mode_enabled).toBe(false);
  });
});
