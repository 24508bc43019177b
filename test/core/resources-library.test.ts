import { beforeEach, describe, expect, it } from 'vitest';
import type { TestBot } from '../support/test-bot.ts';
import { LIBRARY, resourceBot, resourceId, stockLibrary } from './resources-support.ts';

let bot: TestBot;
beforeEach(async () => {
  bot = await resourceBot();
  await stockLibrary(bot);
});

const names = async () => (await bot.repos.resources.listResources(bot.community, {}, 100)).map((r) => r.name);

describe('resources: adding to the library', () => {
  it('posts a card with Book, Borrow and Details; a duplicate name is refused with a pointer', async () => {
    const cards = bot.postsIn(LIBRARY);
    expect(cards.map((c) => c.title)).toEqual(['Risograph', 'Photo studio', 'Tripod']);
    expect(cards.map((c) => c.buttons?.map((b) => b.label))).toEqual([
      ['Book', 'Details'],
      ['Book', 'Details'],
      ['Borrow', 'Details'],
    ]);
    expect(bot.text(cards[2])).toContain('Owner: @lucas');
    expect(cards[2]!.mentions).toEqual([]);
    const details = await bot.click(cards[2]!.buttons![1]!, { as: 'mia' });
    expect(bot.text(details)).toContain('Right now: on the shelf');
    const dup = await bot.run('/resource add name:"photo STUDIO"', { as: 'host' });
    expect(bot.text(dup)).toContain('There is already a resource called "Photo studio" here');
    expect(await names()).toEqual(['Photo studio', 'Risograph', 'Tripod']);
  });

  it('lets members add their own things to lend, never bookable or community things', async () => {
    const refuse = async (line: string, pattern: RegExp) => {
      expect(bot.text(await bot.run(line, { as: 'mia' })), line).toMatch(pattern);
    };
    await refuse('/resource add name:"Meeting room" kind:space bookable:yes', /Only community managers add bookable/);
    await refuse('/resource add name:Lens owner:@lucas', /only community managers add things for others/);
    await refuse('/resource add name:Lens lendable:no', /Things members add are lent/);
    expect(bot.text(await bot.run('/resource add name:"Sewing machine" kind:tool', { as: 'mia' }))).toContain(
      'Added Sewing machine (tool, owner: @mia): members can borrow.',
    );
    expect(bot.text(await bot.run('/resource add name:Projector bookable:yes lendable:yes', { as: 'host' }))).toContain(
      'members can book a slot or borrow',
    );
    expect(bot.text(await bot.run('/resource add name:Zines bookable:no lendable:no', { as: 'host' }))).toContain(
      'bookable, lendable or both',
    );
    expect(bot.text(await bot.run('/resource add name:Camera owner:@nobody', { as: 'host' }))).toMatch(/don't know/);
  });

  it('refuses hostile names (mentions, markup, huge strings) and adds nothing', async () => {
    for (const name of ['<!channel>', '@everyone', '<@U0FORGED>', '*bold*', '`code`', '42', 'x'.repeat(81), '   ']) {
      const reply = await bot.run(`/resource add name:"${name}"`, { as: 'host' });
      expect(bot.text(reply), name).toMatch(/resource name|at most|cannot be empty/);
    }
    expect(await names()).toEqual(['Photo studio', 'Risograph', 'Tripod']);
  });

  it('posts the card where the resource was added when no resources channel is set', async () => {
    await bot.run('/hallway config resources-channel:none');
    await bot.run('/resource add name:Lens', { as: 'mia', channel: 'photo-club' });
    expect(bot.postsIn('photo-club').map((c) => c.title)).toEqual(['Lens']);
  });
});

describe('resources: training gates', () => {
  it('lets only trained members book or borrow, tells others who can train them', async () => {
    await bot.run('/resource add name:"Laser cutter" kind:equipment bookable:yes training:yes', { as: 'host' });
    await bot.run('/resource add name:Overlocker kind:tool training:yes', { as: 'lucas' });
    const tryBook = () => bot.run('/resource book "Laser cutter" when:"fri 14:00" for:1h', { as: 'emma' });
    expect(bot.text(await tryBook())).toContain(
      'You need a short training before you book Laser cutter. Ask a community manager to train you',
    );
    const card = bot.postsIn(LIBRARY).find((c) => c.title === 'Laser cutter')!;
    expect(bot.text(await bot.click(card.buttons![0]!, { as: 'emma' }))).toContain('You need a short training');
    expect(bot.text(await bot.run('/resource borrow Overlocker', { as: 'mia' }))).toContain(
      'Ask @lucas or a community manager to train you',
    );
    // Who may train: managers, or the owner of their own thing.
    expect(bot.text(await bot.run('/resource train @emma "Laser cutter"', { as: 'lucas' }))).toContain(
      'Only a community manager can train members on Laser cutter.',
    );
    expect(bot.text(await bot.run('/resource train @emma "Laser cutter"'))).toContain(
      '@emma may now use Laser cutter.',
    );
    expect(bot.text(bot.dmsTo('emma').at(-1))).toContain('trained you on Laser cutter');
    expect(bot.text(await bot.run('/resource train @emma "Laser cutter"'))).toContain('was already trained');
    expect(bot.text(await tryBook())).toContain('Booked Laser cutter');
    expect(bot.text(await bot.run('/resource train @mia Overlocker', { as: 'lucas' }))).toContain('@mia may now use');
    expect(bot.text(await bot.run('/resource borrow Overlocker', { as: 'mia' }))).toContain('I asked @lucas');
    expect(bot.text(await bot.run('/resource train @mia "Photo studio"'))).toContain('needs no training');
    expect(bot.text(await bot.run('/resource train @lucas Overlocker'))).toContain('owners need no training');
  });
});

describe('resources: removing, leaving and forgetting', () => {
  it('removes (managers, or the owner): future bookers and the queue are told, the card says so', async () => {
    await bot.run('/resource book Risograph when:"fri 14:00" for:2h', { as: 'emma' });
    expect(bot.text(await bot.run('/resource remove Risograph', { as: 'lucas' }))).toContain(
      'Only a community manager can remove Risograph.',
    );
    bot.clearSent();
    expect(bot.text(await bot.run('/resource remove Risograph'))).toContain('I told the 1 member with');
    expect(bot.text(bot.dmsTo('emma')[0])).toContain('is cancelled: it was removed from the library');
    const update = bot.sent.find((d) => d.kind === 'update');
    expect(bot.text(update?.reply)).toContain('Risograph was removed from the library.');

    await bot.run('/resource borrow Tripod', { as: 'mia' });
    await bot.click({ action: 'resource.lend', value: '1' }, { as: 'lucas' });
    await bot.run('/resource borrow Tripod', { as: 'raj' });
    expect(bot.text(await bot.run('/resource remove Tripod', { as: 'mia' }))).toContain('Only its owner');
    expect(bot.text(await bot.run('/resource remove Tripod', { as: 'lucas' }))).toContain('Removed Tripod');
    expect(bot.text(bot.dmsTo('mia').at(-1))).toContain('You still have it: please give it back as agreed');
    expect(bot.text(bot.dmsTo('raj').at(-1))).toContain('your request to borrow it is closed');
    expect(await names()).toEqual(['Photo studio']);
  });

  it('frees the slots and places in line of a member who leaves', async () => {
    await bot.run('/resource book Risograph when:"fri 14:00" for:2h', { as: 'emma' });
    await bot.run('/resource borrow Tripod', { as: 'emma' });
    await bot.run('/resource borrow Tripod', { as: 'mia' });
    await bot.leave('emma');
    expect(await bot.repos.resources.listMemberBookings(bot.community, 'emma', bot.clock.now())).toEqual([]);
    const queue = await bot.repos.resources.listQueue(bot.community, await resourceId(bot, 'Tripod'));
    expect(queue.map((l) => `${l.borrower}:${l.status}`)).toEqual(['mia:requested']);
    expect(bot.text(bot.dmsTo('lucas').at(-1))).toContain('@mia would like to borrow Tripod');
  });

  it('forget-me removes their things (the borrower is told without naming them) and every row naming them', async () => {
    await bot.run('/resource borrow Tripod', { as: 'mia' });
    await bot.click({ action: 'resource.lend', value: '1' }, { as: 'lucas' });
    await bot.run('/resource book Risograph when:"fri 14:00" for:2h', { as: 'lucas' });
    await bot.run('/resource ask what:"a theremin"', { as: 'lucas' });
    bot.clearSent();
    const confirm = await bot.run('/hallway forget-me', { as: 'lucas' });
    const done = await bot.click(confirm.buttons![0]!, { as: 'lucas' });
    expect(bot.text(done)).toContain('resources of yours (removed): 1');
    const told = bot.dmsTo('mia').at(-1)!;
    expect(bot.text(told)).toContain('Tripod was removed from the library. You still have it');
    expect(JSON.stringify(told)).not.toContain('lucas');
    const rows = await bot.repos.resources.exportRows(bot.community);
    expect(JSON.stringify(rows)).not.toContain('lucas');
    expect(rows.resources?.map((r) => r.name)).toEqual(['Risograph', 'Photo studio']);
  });
});

describe('resources: home, stats, export and the digest', () => {
  it('shows a member their corner, managers the figures and the export, and the digest the library news', async () => {
    await bot.run('/hallway config meetup-channel:events');
    await bot.run('/resource book Risograph when:"fri 14:00" for:2h', { as: 'emma' });
    await bot.run('/resource book Risograph when:"sat 14:00" for:2h', { as: 'mia' });
    await bot.run('/resource book "Photo studio" when:"sat 14:00" for:2h', { as: 'mia' });
    await bot.run('/resource borrow Tripod', { as: 'emma' });
    await bot.click({ action: 'resource.lend', value: '1' }, { as: 'lucas' });
    const home = await bot.dispatch({ kind: 'home_opened', actor: bot.actor({ as: 'emma' }) });
    expect(bot.text(home)).toContain('Your bookings');
    expect(bot.text(home)).toMatch(/Borrowing\n• Tripod — yours until/);
    expect(bot.text(await bot.dispatch({ kind: 'home_opened', actor: bot.actor({ as: 'lucas' }) }))).toMatch(
      /Your things\n• Tripod — out with @emma/,
    );
    const stats = bot.text(await bot.run('/hallway stats'));
    expect(stats).toContain('Resources (bookable / lendable): 3 (2 / 1)');
    expect(stats).toContain('Bookings upcoming / past: 3 / 0');
    expect(stats).toContain('Loans out (overdue): 1 (0)');
    const exported = JSON.parse((await bot.run('/hallway export')).files![0]!.content) as Record<string, unknown[]>;
    expect(exported.resources).toHaveLength(3);
    expect(exported.resource_bookings).toHaveLength(3);
    expect(exported.resource_loans).toHaveLength(1);

    bot.clock.set('2026-11-23T08:00:00Z');
    expect(await bot.runJob('digest')).toBe('ran');
    const digest = bot.text(bot.postsIn('events').at(-1));
    expect(digest).toContain(
      'New in the library\n• Tripod (equipment)\n• Photo studio (space)\n• Risograph (equipment)',
    );
    expect(digest).toContain('Most booked this week\n• Risograph: 2 bookings\n• Photo studio: 1 booking');
  });
});
