/**
 * Acts on other members need their consent or a manager. Every option with which a member names another member is
 * listed here with what it does to them; a new one fails this test until it is listed, with the test of its consent.
 */
import { describe, expect, it } from 'vitest';
import { TestBot } from '../support/test-bot.ts';

const NAMES_ANOTHER_MEMBER: Record<string, string> = {
  'profile member': 'reads their public profile; nothing is done to them',
  'match avoid member': 'private to the actor: they are never told nor shown it (matching.test.ts, export-privacy)',
  'match unavoid member': 'undoes the above, as privately',
  'meetup create host': 'asks them by DM first (Accept / Decline) unless a manager names them (meetups-host.test.ts)',
  'mentor request member': 'asks that mentor by DM; they answer Yes or Not now (mentorship tests)',
  'mentor end member': 'ends the actor’s own mentorship with them; they are told (mentorship tests)',
  'resource add owner': 'a manager names the owner of a community thing; members may add only their own (SECURITY.md)',
  'resource train member': 'the owner or a manager lets them book a thing that needs training (SECURITY.md)',
};

describe('options that name another member', () => {
  it('are all listed with what they do to that member (managers-only subcommands aside)', async () => {
    const bot = await TestBot.create();
    const found = bot.core.catalog.flatMap((command) =>
      command.subcommands
        .filter((sub) => !sub.admin)
        .flatMap((sub) =>
          sub.options
            .filter((o) => o.type === 'user')
            .map((o) => [command.name, sub.name, o.name].filter(Boolean).join(' ')),
        ),
    );
    expect(found.sort()).toEqual(Object.keys(NAMES_ANOTHER_MEMBER).sort());
  });
});
