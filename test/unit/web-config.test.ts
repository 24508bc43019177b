/**
 * Where the web server (dashboard, calendar feeds) listens and the address members' links use: `HALLWAY_WEB_PORT`
 * (default: share `PORT` with Slack's receiver when Slack runs over HTTP, else `PORT`, itself 3000 by default) and
 * `HALLWAY_PUBLIC_URL` (default `http://localhost:<port>`).
 */
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/app/config.ts';

const SLACK_HTTP = { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's' };
const SOCKET_MODE = { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' };

describe('the web server’s port and public address', () => {
  it('listens on 3000 on its own by default (the shell, Discord, Slack in Socket Mode)', () => {
    for (const env of [{}, SOCKET_MODE, { DISCORD_TOKEN: 't', DISCORD_APPLICATION_ID: '123456789012345678' }]) {
      expect(loadConfig(env).web).toEqual({ port: 3000, sharesSlackPort: false, publicUrl: 'http://localhost:3000' });
    }
  });

  it('shares PORT with Slack’s receiver when Slack runs over HTTP', () => {
    expect(loadConfig({ ...SLACK_HTTP, PORT: '8080' }).web).toEqual({
      port: 8080,
      sharesSlackPort: true,
      publicUrl: 'http://localhost:8080',
    });
    // Naming the same port is sharing it too: one server, not two fighting for the port.
    expect(loadConfig({ ...SLACK_HTTP, PORT: '8080', HALLWAY_WEB_PORT: '8080' }).web.sharesSlackPort).toBe(true);
  });

  it('takes a port of its own from HALLWAY_WEB_PORT (0: any free port), empty meaning unset', () => {
    expect(loadConfig({ ...SLACK_HTTP, HALLWAY_WEB_PORT: '4000' }).web).toMatchObject({
      port: 4000,
      sharesSlackPort: false,
    });
    expect(loadConfig({ HALLWAY_WEB_PORT: '0' }).web.port).toBe(0);
    expect(loadConfig({ HALLWAY_WEB_PORT: '' }).web.port).toBe(3000);
  });

  it('uses HALLWAY_PUBLIC_URL for links, without a trailing slash', () => {
    expect(loadConfig({ HALLWAY_PUBLIC_URL: 'https://hallway.example.org/' }).web.publicUrl).toBe(
      'https://hallway.example.org',
    );
  });

  it.each([
    [{ HALLWAY_WEB_PORT: 'eighty' }, /^HALLWAY_WEB_PORT must be a port number/],
    [{ HALLWAY_WEB_PORT: '70000' }, /^HALLWAY_WEB_PORT must be a port number/],
    [{ HALLWAY_PUBLIC_URL: 'hallway.example.org' }, /^HALLWAY_PUBLIC_URL must be the http\(s\) address/],
    // The pages, forms and the `__Host-` cookie live at the site's root: a path would break sign-in behind a proxy.
    [{ HALLWAY_PUBLIC_URL: 'https://example.org/hallway' }, /^HALLWAY_PUBLIC_URL .* with no path/],
  ])('refuses %o with one clear line', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });
});
