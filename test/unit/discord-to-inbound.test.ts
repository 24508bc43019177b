import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buttonCustomId, formCustomId, parseButtonId, parseFormId } from '../../adapters/discord/custom-id.ts';
import {
  actionEvent,
  commandEvent,
  focusedOption,
  formSubmitEvent,
  guildFromCustomId,
  type InteractionFacts,
  isManager,
  memberEvent,
} from '../../adapters/discord/to-inbound.ts';

const GUILD = '80351110224678912';
const facts: InteractionFacts = {
  guildId: GUILD,
  userId: '111111111111111111',
  displayName: 'Lucas',
  permissions: 0n,
  channelId: '222222222222222222',
  interactionId: '333333333333333333',
};
const actor = { community: `discord:${GUILD}`, userId: facts.userId, displayName: 'Lucas', isPlatformAdmin: false };

describe('commandEvent', () => {
  it('maps a flat command with typed options', () => {
    const event = commandEvent(
      'intro',
      [
        { name: 'bio', type: 3, value: 'I print zines' },
        { name: 'years', type: 4, value: 3 },
        { name: 'open', type: 5, value: true },
      ],
      facts,
    );
    expect(event).toEqual({
      kind: 'command',
      command: 'intro',
      input: { kind: 'options', options: { bio: 'I print zines', years: 3, open: true } },
      actor,
      channelId: facts.channelId,
      eventId: `discord:${facts.interactionId}`,
    });
  });

  it('splits a subcommand and gives user and channel options as ids', () => {
    const event = commandEvent(
      'meetup',
      [
        {
          name: 'invite',
          type: 1,
          options: [
            { name: 'member', type: 6, value: '444444444444444444' },
            { name: 'where', type: 7, value: '555555555555555555' },
          ],
        },
      ],
      facts,
    );
    expect(event.input).toEqual({
      kind: 'options',
      subcommand: 'invite',
      options: { member: '444444444444444444', where: '555555555555555555' },
    });
  });

  it('takes a subcommand with no options', () => {
    expect(commandEvent('match', [{ name: 'pause', type: 1 }], facts).input).toEqual({
      kind: 'options',
      subcommand: 'pause',
      options: {},
    });
  });
});

describe('actor facts', () => {
  it('makes Manage Server and Administrator platform admins', () => {
    expect(isManager(0x20n)).toBe(true);
    expect(isManager(0x8n)).toBe(true);
    expect(isManager(0x20n | 0x400n)).toBe(true);
    expect(isManager(0x400n | 0x800n)).toBe(false);
    expect(isManager(null)).toBe(false);
    expect(commandEvent('x', [], { ...facts, permissions: 0x20n }).actor.isPlatformAdmin).toBe(true);
  });
});

describe('focusedOption', () => {
  it('finds the option being typed, inside a subcommand', () => {
    const options = [{ name: 'offer', type: 1, options: [{ name: 'skill', type: 3, value: 'phot', focused: true }] }];
    expect(focusedOption(options)).toEqual({ subcommand: 'offer', option: 'skill', prefix: 'phot' });
    expect(focusedOption([{ name: 'skill', type: 3, value: 'x' }])).toBeUndefined();
  });
});

describe('buttons and modals', () => {
  it('maps a click to an action with its message', () => {
    expect(actionEvent('meetup.rsvp|42|yes', facts, '666666666666666666')).toMatchObject({
      kind: 'action',
      action: 'meetup.rsvp',
      value: '42|yes',
      messageId: '666666666666666666',
      actor,
    });
    expect(actionEvent('no-bar-here', facts)).toBeUndefined();
  });

  it('maps a modal submit to form_submit with meta and values', () => {
    expect(formSubmitEvent('form|intro|7', { bio: 'hi' }, facts)).toMatchObject({
      kind: 'form_submit',
      formId: 'intro',
      meta: '7',
      values: { bio: 'hi' },
    });
    const noMeta = formSubmitEvent('form|intro|', {}, facts);
    expect(noMeta && 'meta' in noMeta).toBe(false);
    expect(formSubmitEvent('other|x', {}, facts)).toBeUndefined();
  });

  it('reads the guild a DM component carries', () => {
    expect(guildFromCustomId(`${GUILD}/feedback.rate|5`)).toBe(GUILD);
    expect(guildFromCustomId(`${GUILD}/form|rate|9`)).toBe(GUILD);
    expect(guildFromCustomId('feedback.rate|5')).toBeUndefined();
  });

  it('round-trips custom ids within 100 characters (property)', () => {
    const action = fc.stringMatching(/^[a-z][a-z.]{0,39}$/);
    const value = fc.string({ maxLength: 80 });
    const guild = fc.option(fc.stringMatching(/^[1-9]\d{16,18}$/), { nil: undefined });
    fc.assert(
      fc.property(action, value, guild, (a, v, g) => {
        const id = buttonCustomId(a, v, g);
        if (id === undefined) {
          expect(`${a}|${v}`.length).toBeGreaterThan(100);
          return;
        }
        expect(id.length).toBeLessThanOrEqual(100);
        expect(parseButtonId(id)).toMatchObject({ action: a, value: v });
        const form = formCustomId(a.replace(/\./g, ''), v, g);
        if (form) expect(parseFormId(form)).toMatchObject({ formId: a.replace(/\./g, ''), meta: v || undefined });
      }),
    );
  });
});

describe('memberEvent', () => {
  const member = { guildId: GUILD, userId: facts.userId, displayName: 'Lucas', isBot: false, permissions: 0n };

  it('maps joins and leaves, and ignores bots', () => {
    expect(memberEvent('member_joined', member)).toEqual({ kind: 'member_joined', actor });
    expect(memberEvent('member_left', member)).toEqual({ kind: 'member_left', actor });
    expect(memberEvent('member_joined', { ...member, isBot: true })).toBeUndefined();
  });
});
