/**
 * Shared resources end to end on Discord, through the real app: `/resource add` posts the card in the resources
 * channel, `/resource book` with typed options books the slot (echoing the date, the .ics attached), autocomplete
 * suggests resource names, and a loan is approved with the owner's Lend it button in their DM.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customIds, DiscordStack, visibleText } from '../support/discord-stack.ts';
import { expectNoRawUserIds, expectNoStrayPings } from '../support/discord-mentions.ts';
import type { FakeUser } from '../support/fake-discord-payloads.ts';

let stack: DiscordStack;
let host: FakeUser;
let lucas: FakeUser;
let mia: FakeUser;
/** Friday 20 November 2026, 14:00 UTC (the deployment's zone here). */
const friday = Date.parse('2026-11-20T14:00:00Z') / 1000;

beforeAll(async () => {
  stack = await DiscordStack.start({ channels: ['library'] });
  host = stack.fake.addMember('host', String(0x20), 'Host');
  lucas = stack.fake.addMember('lucas', '0', 'Lucas');
  mia = stack.fake.addMember('mia', '0', 'Mia');
  await stack.command(host, 'hallway', 'config', { option: 'resources-channel', value: stack.channel('library') });
});

afterAll(async () => {
  await stack?.stop();
});

describe('resources on Discord', () => {
  it('adds the risograph with a card, and books it with typed options', async () => {
    const added = await stack.command(host, 'resource', 'add', {
      name: 'Risograph',
      kind: 'equipment',
      where: 'Print room',
      bookable: true,
    });
    expect(visibleText(added.data)).toContain('Added **Risograph**');
    const [card] = stack.postsIn(stack.channel('library'));
    expect(card?.body.embeds[0].title).toBe('Risograph');
    const id = (await stack.repos.resources.findResourceByName(stack.community, 'risograph'))!.id;
    expect(customIds(card?.body)).toEqual([`resource.open-booking|${id}`, `resource.details|${id}`]);
    expect(card?.body.allowed_mentions).toEqual({ parse: [], users: [] });

    const booked = await stack.command(mia, 'resource', 'book', {
      resource: 'Risograph',
      when: '2026-11-20 14:00',
      for: '2h',
    });
    expect(booked.data.flags).toBe(64);
    const said = visibleText(booked.data);
    expect(said).toContain(`Booked **Risograph** (Print room) for <t:${friday}:F>–<t:${friday + 7200}:t>.`);
    expect(said).toContain('I read "2026-11-20 14:00" as **Fri 20 Nov 2026, 14:00 (UTC)**.');
    const [ics] = booked.call.files ?? [];
    expect(ics?.name).toMatch(/^booking-\d+\.ics$/);
    expect(ics?.content).toContain('DTSTART;TZID=UTC:20261120T140000');
    const [booking] = await stack.repos.resources.listMemberBookings(stack.community, mia.id, stack.clock.now());
    expect(booking?.startsAt.getTime()).toBe(friday * 1000);

    // The same slot again is refused with the nearest free slots as buttons.
    const clash = await stack.command(lucas, 'resource', 'book', { resource: 'Risograph', when: '2026-11-20 15:00' });
    expect(visibleText(clash.data)).toContain('**Risograph** is already booked then');
    expect(customIds(clash.data)).toHaveLength(3);
    expect(customIds(clash.data)[0]).toBe(`resource.slot|${id}:${(friday + 7200) / 60}:60`);
  });

  it('suggests resource names as the member types', async () => {
    await stack.command(lucas, 'resource', 'add', { name: 'Tripod', kind: 'equipment' });
    const i = stack.fake.autocomplete(mia, 'resource', [
      { name: 'borrow', type: 1, options: [{ name: 'resource', type: 3, value: 'tri', focused: true }] },
    ]);
    const answer = await stack.fake.waitFor('POST /interactions/:id/:token/callback', (c) =>
      c.path.startsWith(`/interactions/${i.id}/`),
    );
    expect(answer.body.type).toBe(8);
    expect(answer.body.data.choices).toEqual([{ name: 'Tripod · equipment', value: 'Tripod' }]);
  });

  it('lends the tripod when its owner presses Lend it in the DM, and tells both the due date', async () => {
    const asked = await stack.command(mia, 'resource', 'borrow', { resource: 'Tripod', until: '2026-11-23' });
    expect(visibleText(asked.data)).toContain(`I asked <@${lucas.id}> to lend you **Tripod**.`);
    const [request] = stack.dmsTo(lucas);
    expect(visibleText(request?.body)).toContain(`<@${mia.id}> would like to borrow **Tripod** until`);
    const [lend, notNow] = customIds(request?.body);
    expect(notNow).toMatch(/resource\.not-now\|\d+$/);
    const lent = await stack.click(lucas, lend!, { inDm: true });
    expect(lent.type).toBe(7);
    expect(visibleText(lent.data)).toContain(`You lent **Tripod** to <@${mia.id}> until`);
    expect(customIds(lent.data)).toEqual([expect.stringMatching(/resource\.got-back\|\d+$/)]);
    const toMia = stack.dmsTo(mia).at(-1);
    expect(visibleText(toMia?.body)).toContain(`You're borrowing **Tripod** from <@${lucas.id}>.`);
    expect(visibleText(toMia?.body)).toContain('Please bring it back by <t:');
    const [loan] = await stack.repos.resources.listMemberLoans(stack.community, mia.id);
    expect(loan?.status).toBe('lent');
    expect(loan?.dueAt?.toISOString()).toBe('2026-11-23T18:00:00.000Z');
  });

  it('every message of this file pinged only the users it names and shows no raw ids in titles or labels', () => {
    expectNoStrayPings(stack.fake.calls);
    expectNoRawUserIds(stack.fake.calls);
  });
});
