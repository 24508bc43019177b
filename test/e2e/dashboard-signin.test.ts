/**
 * `/hallway dashboard` end to end on Slack and on Discord: the command through the real Bolt and discord.js apps,
 * the sign-in link DMed through the outbox to the fake platform, and that link followed over HTTP to the app's own
 * web server (on Slack, the port Bolt's receiver shares) until the dashboard opens. A member who is not a manager
 * is refused and gets no DM.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DiscordStack, visibleText } from '../support/discord-stack.ts';
import type { FakeUser } from '../support/fake-discord-payloads.ts';
import { signInOverHttp } from '../support/signin-http.ts';
import { SlackStack } from '../support/slack-stack.ts';

/** The one sign-in link in a DM as the platform received it. */
function linkIn(payload: unknown): { origin: string; token: string } {
  const links = [...JSON.stringify(payload).matchAll(/(https?:\/\/[^\s"|<>()\\]+)\/signin\/([\w-]{43})/g)];
  expect(new Set(links.map((m) => m[2]))).toHaveProperty('size', 1);
  return { origin: links[0]![1]!, token: links[0]![2]! };
}

describe('/hallway dashboard on Slack', () => {
  const ANA = 'U0ANA'; // workspace admin: a manager
  const LUCAS = 'U0LUCAS';
  let stack: SlackStack;

  beforeAll(async () => {
    stack = await SlackStack.start({
      users: [
        { id: ANA, name: 'ana', is_admin: true, profile: { display_name: 'Ana' } },
        { id: LUCAS, name: 'lucas', profile: { display_name: 'Lucas' } },
      ],
    });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('DMs a manager a link that opens the dashboard on the port Slack’s requests use', async () => {
    const { reply } = await stack.command(ANA, '/hallway dashboard');
    expect(reply?.text).toMatch(/sent you a sign-in link by DM/);
    const [dm, ...more] = stack.dmsTo(ANA);
    expect(more).toEqual([]);
    // HALLWAY_PUBLIC_URL is unset here: links name http://localhost:<PORT>, the port Slack's receiver shares.
    const { origin, token } = linkIn(dm!.args);
    expect(origin).toBe('http://localhost:3000');
    // One server for both: Slack's signed requests went to this port, and so does the browser.
    const base = `http://127.0.0.1:${stack.app.web.port}`;
    expect(stack.target.url.startsWith(base)).toBe(true);
    const html = await signInOverHttp(base, token);
    expect(html).toContain('<h1>Pulse</h1>');
    expect(html).toContain(stack.community);
    expect(await stack.problems()).toEqual([]);
  });

  it('refuses a member who is not a manager, and DMs them nothing', async () => {
    const { reply } = await stack.command(LUCAS, '/hallway dashboard');
    expect(reply?.text).toBe('Only community managers can use `/hallway dashboard`.');
    expect(stack.dmsTo(LUCAS)).toEqual([]);
  });
});

describe('/hallway dashboard on Discord', () => {
  let stack: DiscordStack;
  let host: FakeUser;
  let ana: FakeUser;

  beforeAll(async () => {
    stack = await DiscordStack.start();
    host = stack.fake.addMember('host', String(0x20), 'Host'); // Manage Server: a manager
    ana = stack.fake.addMember('ana', '0', 'Ana');
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('DMs a manager a link that opens the dashboard of this server', async () => {
    const answer = await stack.command(host, 'hallway', 'dashboard');
    expect(answer.data.content).toMatch(/sent you a sign-in link by DM/);
    expect(answer.data.flags & 64).toBe(64); // ephemeral
    const [dm, ...more] = stack.dmsTo(host);
    expect(more).toEqual([]);
    const { token } = linkIn(dm!.body);
    const html = await signInOverHttp(`http://127.0.0.1:${stack.app.web.port}`, token);
    expect(html).toContain('<h1>Pulse</h1>');
    expect(html).toContain(stack.community);
  });

  it('refuses a member who is not a manager, and DMs them nothing', async () => {
    const answer = await stack.command(ana, 'hallway', 'dashboard');
    // The core's refusal, shown as plain text (Discord escapes its backticks).
    expect(visibleText(answer.data)).toMatch(/^Only community managers can use \\?`\/hallway dashboard\\?`\.$/);
    expect(stack.dmsTo(ana)).toEqual([]);
  });
});
