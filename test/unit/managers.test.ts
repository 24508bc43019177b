import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/app/config.ts';
import { managersFrom } from '../../src/app/managers.ts';

const SLACK = { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's' };
const DISCORD = { DISCORD_TOKEN: 't', DISCORD_APPLICATION_ID: '123456789012345678' };
const GUILD = '80351110224678912';
const OTHER_GUILD = '80351110224678999';

const managers = (env: Record<string, string>) => managersFrom(loadConfig(env));

describe('HALLWAY_MANAGERS', () => {
  it('makes a scoped entry a manager of that community only', () => {
    const { isManager, warning } = managers({
      ...SLACK,
      ...DISCORD,
      HALLWAY_MANAGERS: `slack:T024BE7LD:U123, discord:${GUILD}:1234567890`,
    });
    expect(isManager('slack:T024BE7LD', 'U123')).toBe(true);
    expect(isManager('slack:T999', 'U123')).toBe(false);
    expect(isManager(`discord:${GUILD}`, 'U123')).toBe(false);
    expect(isManager(`discord:${GUILD}`, '1234567890')).toBe(true);
    expect(isManager(`discord:${OTHER_GUILD}`, '1234567890')).toBe(false);
    expect(isManager('slack:T024BE7LD', '1234567890')).toBe(false);
    expect(isManager('slack:T024BE7LD', 'U999')).toBe(false);
    expect(warning).toBeUndefined();
  });

  it('takes scoped entries in the shell', () => {
    const { isManager } = managers({ HALLWAY_MANAGERS: 'shell:loft:emma' });
    expect(isManager('shell:loft', 'emma')).toBe(true);
    expect(isManager('shell:studio', 'emma')).toBe(false);
    expect(isManager('shell:loft', 'theo')).toBe(false);
  });

  it('applies a bare id while the process serves one community', () => {
    // The shell.
    const shell = managers({ HALLWAY_MANAGERS: 'emma' });
    expect(shell.isManager('shell:loft', 'emma')).toBe(true);
    expect(shell.isManager('shell:loft', 'theo')).toBe(false);
    expect(shell.warning).toBeUndefined();
    // One Slack workspace, no Discord.
    const slack = managers({ ...SLACK, HALLWAY_MANAGERS: 'U123' });
    expect(slack.isManager('slack:T024BE7LD', 'U123')).toBe(true);
    expect(slack.isManager('discord:80351110224678912', 'U123')).toBe(false);
    expect(slack.warning).toBeUndefined();
    // Discord pinned to one server, no Slack.
    const pinned = managers({ ...DISCORD, DISCORD_GUILD_ID: GUILD, HALLWAY_MANAGERS: '1234567890' });
    expect(pinned.isManager(`discord:${GUILD}`, '1234567890')).toBe(true);
    expect(pinned.isManager(`discord:${OTHER_GUILD}`, '1234567890')).toBe(false);
    expect(pinned.warning).toBeUndefined();
  });

  it('grants nothing for a bare id when the process serves several communities, and says so', () => {
    const both = managers({ ...SLACK, ...DISCORD, HALLWAY_MANAGERS: `U123, 1234567890, discord:${GUILD}:42` });
    expect(both.isManager('slack:T024BE7LD', 'U123')).toBe(false);
    expect(both.isManager(`discord:${GUILD}`, '1234567890')).toBe(false);
    expect(both.isManager(`discord:${GUILD}`, '42')).toBe(true);
    expect(both.warning).toMatch(/^HALLWAY_MANAGERS: 2 bare user id\(s\) grant nothing/);
    expect(both.warning).toContain('slack:<team>:<user>');
    expect(both.warning).toContain('discord:<server>:<user>');
    expect(both.warning).not.toContain('\n');
    // Discord in every server it is invited to.
    const unpinned = managers({ ...DISCORD, HALLWAY_MANAGERS: '1234567890' });
    expect(unpinned.isManager(`discord:${GUILD}`, '1234567890')).toBe(false);
    expect(unpinned.warning).toMatch(/1 bare user id\(s\) grant nothing/);
    // Nothing to say when every entry is scoped, or there are none.
    expect(managers({ ...SLACK, ...DISCORD, HALLWAY_MANAGERS: 'slack:T1:U1' }).warning).toBeUndefined();
    expect(managers({ ...SLACK, ...DISCORD }).warning).toBeUndefined();
  });

  it('never makes anyone a manager without an entry', () => {
    const { isManager } = managers({});
    expect(isManager('shell:loft', 'host')).toBe(false);
    expect(isManager('shell:loft', '')).toBe(false);
  });
});
