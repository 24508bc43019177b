/**
 * Shared resources end to end on Slack, through the real app: the card in the resources channel, a booking through
 * the modal's date-time picker (the outcome shown in place of the modal, with the .ics file), and a loan approved with
 * the owner's Lend it button in their DM (the DM replaced in place, both told the due date).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { blocksText, buttonsOf, SlackStack } from '../support/slack-stack.ts';

const ANA = 'U0ANA'; // workspace admin
const LUCAS = 'U0LUCAS';
const MIA = 'U0MIA';
const LIBRARY = 'C0LIBRARY';
/** Friday 20 November 2026, 14:00 in Paris. */
const FRIDAY_1400 = Date.parse('2026-11-20T13:00:00Z') / 1000;

let stack: SlackStack;

beforeAll(async () => {
  const users = [ANA, LUCAS, MIA].map((id) => ({ id, name: id.slice(2).toLowerCase(), is_admin: id === ANA }));
  stack = await SlackStack.start({ users, timezone: 'Europe/Paris' });
  // Only resources here: the other weekly jobs would DM and post when the clock moves.
  await stack.command(
    ANA,
    `/hallway config resources-channel:<#${LIBRARY}|library> matching:off digest:off prompts:off`,
  );
});

afterAll(async () => {
  await stack?.stop();
});

afterEach(async () => {
  expect(await stack.problems()).toEqual([]);
});

describe('resources on Slack', () => {
  it('books the risograph through the modal with a date-time picker', async () => {
    const added = await stack.command(
      ANA,
      '/resource add name:Risograph kind:equipment where:"Print room" bookable:yes',
    );
    expect(added.response?.body.text).toContain('Added *Risograph*');
    const [card] = stack.postsTo(LIBRARY);
    expect(blocksText(card!)).toContain('Risograph');
    expect(buttonsOf(card!).map((b) => b.label)).toEqual(['Book', 'Details']);

    const { modal } = await stack.click(MIA, card!, 'Book');
    const view = modal!.args.view as { callback_id: string; blocks: { block_id: string; element: { type: string } }[] };
    expect(view.callback_id).toBe('resource.book');
    expect(view.blocks.map((b) => `${b.block_id}:${b.element.type}`)).toEqual([
      'when:datetimepicker',
      'for:plain_text_input',
    ]);
    const ack = await stack.submit(MIA, modal!, { when: FRIDAY_1400, for: '2h' });
    expect(ack.response_action).toBe('update');
    const shown = JSON.stringify(ack.view.blocks);
    expect(shown).toContain('Booked *Risograph* (Print room) for');
    expect(shown).toContain(`<!date^${FRIDAY_1400}^`);
    expect(shown).toContain('booking-1.ics');
    // The calendar file is uploaded to the member's DM with the app, not inlined.
    const asked = await stack.fake.waitFor('files.getUploadURLExternal', (c) => c.args.filename === 'booking-1.ics');
    await stack.fake.waitFor('files.completeUploadExternal', () => true);
    const bytes = stack.fake.uploads.all.find((u) => u.fileId === (asked.answer.file_id as string));
    expect(bytes?.body).toContain('DTSTART;TZID=Europe/Paris:20261120T140000');
    const [booking] = await stack.repos.resources.listMemberBookings(stack.community, MIA, stack.clock.now());
    expect(booking?.startsAt.toISOString()).toBe('2026-11-20T13:00:00.000Z');
    expect(booking?.endsAt.toISOString()).toBe('2026-11-20T15:00:00.000Z');

    // The same slot by command is refused, with the nearest free slots as buttons.
    const clash = await stack.command(LUCAS, '/resource book Risograph when:"fri 15:00" for:1h');
    expect(clash.response?.body.text).toContain('*Risograph* is already booked then');
    expect(buttonsOf(clash.response!.body).map((b) => b.label)).toEqual([
      'Fri 20 Nov 16:00–17:00',
      'Fri 20 Nov 13:00–14:00',
      'Thu 19 Nov 15:00–16:00',
    ]);
  });

  it('lends the tripod when its owner presses Lend it in the DM', async () => {
    await stack.command(LUCAS, '/resource add name:Tripod kind:equipment');
    const asked = await stack.command(MIA, '/resource borrow Tripod until:"next monday"');
    expect(asked.response?.body.text).toContain(`I asked <@${LUCAS}> to lend you *Tripod*.`);
    const request = stack.dmsTo(LUCAS).at(-1)!;
    expect(blocksText(request)).toContain(`@${MIA} would like to borrow Tripod until`);
    expect(buttonsOf(request).map((b) => b.label)).toEqual(['Lend it', 'Not now']);

    const lent = await stack.click(LUCAS, request, 'Lend it');
    expect(lent.response?.body).toMatchObject({ replace_original: true });
    expect(lent.response?.body.text).toContain(`You lent *Tripod* to <@${MIA}> until`);
    const toMia = stack.dmsTo(MIA).at(-1)!;
    expect(blocksText(toMia)).toContain("You're borrowing Tripod");
    expect(blocksText(toMia)).toContain('Please bring it back by');
    const [loan] = await stack.repos.resources.listMemberLoans(stack.community, MIA);
    expect(loan?.status).toBe('lent');
    expect(loan?.dueAt?.toISOString()).toBe('2026-11-23T17:00:00.000Z');
  });
});
