import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  actionEvent,
  type BlockActionBody,
  channelJoinEvent,
  commandEvent,
  commandText,
  type EventEnvelope,
  factsFromUser,
  formSubmitEvent,
  homeOpenedEvent,
  type SlackUser,
  type SlashCommandBody,
  teamJoinEvent,
  type UserFacts,
  userChangeEvent,
  type ViewSubmissionBody,
} from '../../adapters/slack/to-inbound.ts';

function fixture<T>(name: string): T {
  return JSON.parse(readFileSync(new URL(`../fixtures/slack/${name}.json`, import.meta.url), 'utf8')) as T;
}

const lucas: UserFacts = { displayName: 'Lucas', isPlatformAdmin: false, timezone: 'Europe/Paris' };

describe('commandText', () => {
  it.each([
    ['plain words', 'offer photography', 'offer photography'],
    ['user mention with name', 'with <@U024BE7LH|ana>', 'with <@U024BE7LH>'],
    ['user mention without name', 'with <@U024BE7LH>', 'with <@U024BE7LH>'],
    ['enterprise user id', '<@W0123ABC|bo>', '<@W0123ABC>'],
    ['channel mention', 'in <#C024BE91L|zines>', 'in <#C024BE91L>'],
    ['escaped entities', 'a &lt;b&gt; &amp; c', 'a <b> & c'],
    ['link with label', '<https://example.com/a?b=1|site>', 'https://example.com/a?b=1'],
    ['bare link', '<https://example.com>', 'https://example.com'],
    ['mailto', '<mailto:ana@example.com|ana@example.com>', 'ana@example.com'],
    ['@here becomes a word', 'hi <!here>', 'hi @here'],
    ['@channel becomes a word', '<!channel> look', '@channel look'],
    ['user group', '<!subteam^SAZ94GDB8|@designers>', '@designers'],
    ['date keeps its fallback', '<!date^1700000000^{date}|Nov 14>', 'Nov 14'],
    ['trims', '  spaced  ', 'spaced'],
    ['quotes survive', 'create "Zine night" fri 19:00', 'create "Zine night" fri 19:00'],
  ])('%s', (_name, input, expected) => {
    expect(commandText(input)).toBe(expected);
  });

  it('decodes literal "<!channel>" typed by a member to plain text, not to a mention', () => {
    // Slack sends `&lt;!channel&gt;` for the typed characters; the core treats the result as data and every
    // renderer escapes it again (see slack-render.test.ts).
    expect(commandText('&lt;!channel&gt;')).toBe('<!channel>');
  });
});

describe('slash commands', () => {
  it('maps the recorded /match payload', () => {
    const event = commandEvent(fixture<SlashCommandBody>('slash-command'), lucas);
    expect(event).toEqual({
      kind: 'command',
      command: 'match',
      input: {
        kind: 'text',
        text: 'with <@U024BE7LH> in <#C024BE91L> about <photo & print> https://example.com/portfolio @here @designers',
      },
      actor: {
        community: 'slack:T0001',
        userId: 'U2147483697',
        displayName: 'Lucas',
        isPlatformAdmin: false,
        timezone: 'Europe/Paris',
      },
      channelId: 'C2147483705',
    });
  });
});

describe('block actions', () => {
  it('strips the button index from action_id and keeps value, channel and message', () => {
    const event = actionEvent(fixture<BlockActionBody>('block-actions-button'), lucas);
    expect(event).toMatchObject({
      kind: 'action',
      action: 'meetup.rsvp',
      value: 'm_42:yes',
      channelId: 'C2147483705',
      messageId: '1700000000.000100',
      actor: { community: 'slack:T0001', userId: 'U2147483697' },
    });
  });

  it('reads an overflow option as "<action> <value>"', () => {
    const event = actionEvent(fixture<BlockActionBody>('block-actions-overflow'), lucas);
    expect(event).toMatchObject({ action: 'match.skip', value: 'U024BE7LH with spaces', channelId: 'D0LUCAS' });
  });

  it('reads a Home tab click without value, channel or message', () => {
    const event = actionEvent(fixture<BlockActionBody>('block-actions-home'), lucas);
    expect(event).toEqual({
      kind: 'action',
      action: 'profile.edit',
      value: '',
      actor: expect.objectContaining({ community: 'slack:T0001', userId: 'U2147483697' }),
    });
  });

  it('ignores an overflow option it did not render', () => {
    const body = fixture<BlockActionBody>('block-actions-overflow');
    const odd = { ...body, actions: [{ type: 'overflow', action_id: 'x', selected_option: { value: 'nospace' } }] };
    expect(actionEvent(odd, lucas)).toBeUndefined();
  });
});

describe('view submissions', () => {
  it('maps callback_id, private_metadata and state values by field id', () => {
    const event = formSubmitEvent(fixture<ViewSubmissionBody>('view-submission'), lucas);
    expect(event).toMatchObject({
      kind: 'form_submit',
      formId: 'intro.edit',
      meta: 'profile:U2147483697',
      values: {
        bio: 'Printmaker. <!channel> come see my zines & prints <@U0OTHER>',
        site: '',
        pronouns: 'she',
      },
      actor: { community: 'slack:T0001', userId: 'U2147483697' },
    });
  });
});

describe('events', () => {
  it('team_join → member_joined with facts from the user object and the event id', () => {
    const event = teamJoinEvent(fixture<EventEnvelope<{ user: SlackUser }>>('event-team-join'));
    expect(event).toEqual({
      kind: 'member_joined',
      eventId: 'Ev0TEAMJOIN1',
      actor: {
        community: 'slack:T0001',
        userId: 'U0NEWBIE',
        displayName: 'mira.draws',
        isPlatformAdmin: false,
        timezone: 'Europe/Berlin',
      },
    });
  });

  it('team_join of a bot is not a member', () => {
    const envelope = fixture<EventEnvelope<{ user: SlackUser }>>('event-team-join');
    expect(teamJoinEvent({ ...envelope, event: { user: { ...envelope.event.user, is_bot: true } } })).toBeUndefined();
  });

  it('member_joined_channel → member_joined in that channel', () => {
    const envelope = fixture<EventEnvelope<{ user: string; channel: string }>>('event-member-joined-channel');
    expect(channelJoinEvent(envelope, lucas)).toMatchObject({
      kind: 'member_joined',
      channelId: 'C0INTROS',
      eventId: 'Ev0CHANJOIN1',
      actor: { userId: 'U0NEWBIE' },
    });
    expect(channelJoinEvent(envelope, { ...lucas, isBot: true })).toBeUndefined();
  });

  it('user_change with deleted → member_left; other changes are not events', () => {
    const envelope = fixture<EventEnvelope<{ user: SlackUser }>>('event-user-change-deleted');
    expect(userChangeEvent(envelope)).toMatchObject({
      kind: 'member_left',
      eventId: 'Ev0USERGONE1',
      actor: { userId: 'U0LEAVER', displayName: 'Old Member', isPlatformAdmin: true },
    });
    const renamed = { ...envelope, event: { user: { ...envelope.event.user, deleted: false } } };
    expect(userChangeEvent(renamed)).toBeUndefined();
  });

  it('app_home_opened on the Home tab only', () => {
    const envelope = fixture<EventEnvelope<{ user: string; tab?: string }>>('event-app-home-opened');
    expect(homeOpenedEvent(envelope, lucas)).toMatchObject({ kind: 'home_opened', eventId: 'Ev0HOMEOPEN1' });
    expect(homeOpenedEvent({ ...envelope, event: { ...envelope.event, tab: 'messages' } }, lucas)).toBeUndefined();
  });
});

describe('factsFromUser', () => {
  it.each<[string, SlackUser, UserFacts]>([
    [
      'display name first',
      { id: 'U1', name: 'a', profile: { display_name: 'Ana', real_name: 'Ana B' } },
      { displayName: 'Ana', isPlatformAdmin: false },
    ],
    [
      'real name when no display name',
      { id: 'U1', name: 'a', profile: { display_name: ' ', real_name: 'Ana B' } },
      { displayName: 'Ana B', isPlatformAdmin: false },
    ],
    ['handle as last resort', { id: 'U1', name: 'ana' }, { displayName: 'ana', isPlatformAdmin: false }],
    ['id when nothing else', { id: 'U1' }, { displayName: 'U1', isPlatformAdmin: false }],
    ['admin', { id: 'U1', name: 'a', is_admin: true }, { displayName: 'a', isPlatformAdmin: true }],
    [
      'owner',
      { id: 'U1', name: 'a', is_owner: true, tz: 'Asia/Tokyo' },
      { displayName: 'a', isPlatformAdmin: true, timezone: 'Asia/Tokyo' },
    ],
    ['bot', { id: 'B1', name: 'bot', is_bot: true }, { displayName: 'bot', isPlatformAdmin: false, isBot: true }],
  ])('%s', (_name, user, facts) => {
    expect(factsFromUser(user)).toEqual(facts);
  });
});
