/** Forget-me in the outbox: `deleteForMember` deletes exactly the rows `outbox.erase.ts` says, on both databases. */
import { beforeEach, describe, expect, it } from 'vitest';
import type { Storage } from '#core/ports/storage.ts';
import { fmt } from '#core/text.ts';
import { erasable } from '../../data/stores/outbox.erase.ts';
import { openTestStorage } from '../support/databases.ts';
import { at, dm, item, LOFT, OTHER, post, runner, T0, update } from './outbox-support.ts';

let storage: Storage;
beforeEach(async () => {
  storage = await openTestStorage();
});
const run = runner(() => storage);

const button = (value: string) => ({ label: 'Go', action: 'meetup.rsvp', value });

describe('outbox deleteForMember', () => {
  it('deletes the DMs addressed to a member (group DMs included), not other items', async () => {
    await run(
      async ({ outbox }) =>
        await outbox.enqueue([
          item('solo', dm('U1')),
          item('group', dm('U2', 'U1')),
          item('notme', dm('U2')),
          item('post', post('U1')),
          item('elsewhere', dm('U1'), { community: OTHER }),
        ]),
    );
    expect(await run(async ({ outbox }) => await outbox.deleteForMember(LOFT, 'U1'))).toBe(2);
    expect((await run(async ({ outbox }) => await outbox.list(LOFT))).map((i) => i.key)).toEqual(['post', 'notme']);
    expect(await run(async ({ outbox }) => await outbox.list(OTHER))).toHaveLength(1);
  });

  it('deletes exactly the rows that name the member, keeping a queued card and what is in flight', async () => {
    await run(async ({ outbox }) => {
      await outbox.enqueue([
        item('inflight', dm('U1')), // claimed below: the drainer is sending it
        item('card-sent', post(), { ref: 'meetup-card:5', reply: { text: 'x', mentions: ['U1'] } }),
        item('card-failed', post(), { ref: 'meetup-card:6', reply: { text: 'x', mentions: ['U1'] } }),
      ]);
      const [inflight, sent, failed] = await outbox.claimDue('discord', T0, 3, at(300));
      await outbox.markSent(sent!.id, T0, { channelId: 'C1', messageId: 'M5' });
      await outbox.markFailed(failed!.id, 'missing_access', T0);
      expect(inflight?.key).toBe('inflight');
      await outbox.enqueue([
        item('solo', dm('U1')),
        item('group', dm('U2', 'U1')),
        item('welcome:U1', post()),
        item('feedback-ask:3:U1', post(), { ref: 'feedback-ask:3:U1' }),
        item('intro-card', post(), { ref: 'intro:U1' }),
        item('profile-update', update('profile:U1')),
        item('mention', post(), { reply: { text: 'x', mentions: ['U1'] } }),
        item('button', post(), { reply: { text: 'x', buttons: [button('accept:U1')] } }),
        item('button-whole', post(), { reply: { text: 'x', buttons: [button('U1')] } }),
        item('token', post(), { reply: { text: `say hi to ${fmt.user('U1')}`, sections: [{ text: 'y' }] } }),
        // Kept: the card still to post (the forget hook's update will redraw it without them) …
        item('card-pending', post(), { ref: 'meetup-card:4', reply: { text: `${fmt.user('U1')} is going` } }),
        item('card-redraw', update('meetup-card:4')),
        // … and rows that only look like they name U1.
        item('welcome:U11', dm('U11')),
        item('intro:U1:old', post(), { ref: 'intro:U1:v2' }),
        item('plain', post(), { reply: { text: 'ask U1 about it', buttons: [button('U12')] } }),
        item('other-token', post(), { reply: { text: fmt.user('U11') } }),
        item('channel', post('U1')),
        item('elsewhere', dm('U1'), { community: OTHER }),
      ]);
    });
    const before = await run(async ({ outbox }) => await outbox.list(LOFT, 1000));
    const expected = before.filter((i) => erasable(i, 'U1')).map((i) => i.key);
    expect(expected.sort()).toEqual(
      [
        'button',
        'button-whole',
        'card-failed',
        'card-sent',
        'feedback-ask:3:U1',
        'group',
        'intro-card',
        'mention',
        'profile-update',
        'solo',
        'token',
        'welcome:U1',
      ].sort(),
    );
    expect(await run(async ({ outbox }) => await outbox.deleteForMember(LOFT, 'U1'))).toBe(expected.length);
    const left = (await run(async ({ outbox }) => await outbox.list(LOFT, 1000))).map((i) => i.key).sort();
    expect(left).toEqual(
      before
        .map((i) => i.key)
        .filter((key) => !expected.includes(key))
        .sort(),
    );
    expect(await run(async ({ outbox }) => await outbox.list(OTHER))).toHaveLength(1);
    expect(await run(async ({ outbox }) => await outbox.deleteForMember(LOFT, 'U1'))).toBe(0);
  });

  it('finds the member whatever their id holds for LIKE (`_` and `%` are wildcards there)', async () => {
    await run(
      async ({ outbox }) => await outbox.enqueue([item('a', dm('u_1%')), item('b', dm('uX1y')), item('c', dm('U_1%'))]),
    );
    expect(await run(async ({ outbox }) => await outbox.deleteForMember(LOFT, 'u_1%'))).toBe(1);
    expect((await run(async ({ outbox }) => await outbox.list(LOFT))).map((i) => i.key)).toEqual(['c', 'b']);
  });
});
