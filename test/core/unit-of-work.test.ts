/**
 * One handler, one transaction, on SQLite and on PostgreSQL: what a handler writes through its feature's store,
 * through the core's stores and through `notify` (the outbox) commits together when it returns, and rolls back
 * together when it refuses (UserError) or crashes. A probe feature is bound with `bindStore` to a store of its own
 * written over the core's members table and the real profiles store, both opened on the handler's transaction.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { profilesStore } from '../../data/stores/profiles.store.ts';
import { bindStore, type Context, featureKit } from '#core/command.ts';
import { createCore } from '#core/dispatch.ts';
import { UserError } from '#core/errors.ts';
import type { CommunityId } from '#core/ids.ts';
import type { Actor, InboundEvent } from '#core/inbound.ts';
import { silentLogger } from '#core/ports/logger.ts';
import type { Storage, Tx } from '#core/ports/storage.ts';
import type { Reply } from '#core/reply.ts';
import { coreSettings } from '#core/settings.ts';
import { openTestStorage } from '../support/databases.ts';
import { FakeClock } from '../support/fake-clock.ts';
import { testRepos } from '../support/test-bot.ts';

const LOFT: CommunityId = 'shell:loft';
const SKILL = { skill: 'risograph', term: 'risograph' };

/** The probe's store: inviting a guest makes them a member and records what they offer. */
interface GuestsStore {
  invite(community: CommunityId, userId: string, now: Date): Promise<void>;
}

function guestsStore(storage: Storage) {
  return (tx: Tx): GuestsStore => {
    const { members } = storage.core(tx);
    const profiles = profilesStore(tx);
    return {
      async invite(community, userId, now) {
        await members.markJoined(community, userId, 'Guest', now);
        await profiles.addSkills(community, userId, 'offer', [SKILL], now);
      },
    };
  };
}

type Ending = 'commit' | 'refuse' | 'crash';

/** Writes through every channel a handler has, then ends as told. */
async function inviteThen(ending: Ending, ctx: Context<GuestsStore>): Promise<Reply> {
  await ctx.store.invite(ctx.community.id, 'guest', ctx.now);
  await ctx.core.communities.saveSettings(ctx.community.id, { timezone: 'Europe/Paris' });
  ctx.notify.dm(ctx.community.id, 'guest', { text: 'Welcome, guest' });
  ctx.notify.post(ctx.community.id, 'general', { text: 'A guest arrived' });
  if (ending === 'refuse') throw new UserError('conflict', 'The guest list is closed.');
  if (ending === 'crash') throw new Error('disk on fire');
  // One transaction: the core's stores already see what the feature's store wrote.
  const seen = await ctx.core.members.get(ctx.community.id, 'guest');
  return { text: `Invited ${seen?.displayName ?? 'nobody'}.` };
}

const { defineAction, defineCommand, defineFeature, defineSubcommand } = featureKit<GuestsStore>();
const endings = ['commit', 'refuse', 'crash'] as const;

const probe = defineFeature({
  name: 'probe',
  commands: [
    defineCommand({
      name: 'probe',
      description: 'Writes, queues, then ends as told',
      subcommands: Object.fromEntries(
        endings.map((ending) => [
          ending,
          defineSubcommand({
            description: ending,
            examples: [ending],
            args: z.object({}),
            run: (_args, ctx) => inviteThen(ending, ctx),
          }),
        ]),
      ),
    }),
  ],
  actions: [
    defineAction({ id: 'probe.invite', value: z.enum(endings), run: (ending, ctx) => inviteThen(ending, ctx) }),
  ],
});

async function probeCore() {
  const storage = await openTestStorage();
  const clock = new FakeClock('2026-11-16T08:00:00Z');
  const core = createCore({
    storage,
    clock,
    log: silentLogger,
    features: [bindStore(probe, guestsStore(storage))],
    settings: coreSettings,
    isManager: () => false,
    defaultTimezone: 'UTC',
    publicUrl: 'https://hallway.test',
  });
  const repos = testRepos(storage);
  const actor: Actor = { community: LOFT, userId: 'host', displayName: 'Host', isPlatformAdmin: true };
  const events = {
    command: (ending: Ending): InboundEvent => ({
      kind: 'command',
      actor,
      command: 'probe',
      input: { kind: 'text', text: ending },
    }),
    button: (ending: Ending): InboundEvent => ({ kind: 'action', actor, action: 'probe.invite', value: ending }),
  };
  /** Everything the handler could have written. */
  const written = async () => ({
    guest: await repos.members.get(LOFT, 'guest'),
    skills: await repos.profiles.skills(LOFT, 'guest', 'offer'),
    settings: (await repos.communities.get(LOFT))?.settings,
    outbox: await repos.outbox.list(LOFT),
  });
  return { core, repos, events, written };
}

describe.each(['command', 'button'] as const)('one %s handler is one transaction', (entry) => {
  it('commits its rows and its messages together when it succeeds', async () => {
    const { core, events, written } = await probeCore();
    const reply = await core.dispatch(events[entry]('commit'));
    expect(reply?.text).toBe('Invited Guest.');
    const after = await written();
    expect(after.guest).toMatchObject({ userId: 'guest', displayName: 'Guest' });
    expect(after.skills.map((s) => s.skill)).toEqual([SKILL.skill]);
    expect(after.settings).toEqual({ timezone: 'Europe/Paris' });
    expect(after.outbox.map((item) => [item.target, item.reply.text, item.status]).reverse()).toEqual([
      [{ kind: 'dm', userIds: ['guest'] }, 'Welcome, guest', 'pending'],
      [{ kind: 'post', channelId: 'general' }, 'A guest arrived', 'pending'],
    ]);
  });

  it('leaves no row and no outbox item when it refuses with a UserError', async () => {
    const { core, repos, events, written } = await probeCore();
    const reply = await core.dispatch(events[entry]('refuse'));
    expect(reply?.text).toBe('The guest list is closed.');
    expect(await written()).toEqual({ guest: undefined, skills: [], settings: {}, outbox: [] });
    expect(await repos.outbox.counts(LOFT)).toEqual({ pending: 0, sending: 0, sent: 0, failed: 0 });
    // Only the handler's unit rolled back: the dispatcher's own bookkeeping (who acted) committed before it.
    expect(await repos.members.get(LOFT, 'host')).toBeDefined();
  });

  it('leaves no row and no outbox item when it crashes', async () => {
    const { core, repos, events, written } = await probeCore();
    const reply = await core.dispatch(events[entry]('crash'));
    expect(reply?.text).toMatch(/^Sorry, something went wrong on my side and nothing was changed/);
    expect(reply?.text).not.toContain('disk on fire');
    expect(await written()).toEqual({ guest: undefined, skills: [], settings: {}, outbox: [] });
    expect(await repos.outbox.counts(LOFT)).toEqual({ pending: 0, sending: 0, sent: 0, failed: 0 });
    expect(await repos.members.get(LOFT, 'host')).toBeDefined();
  });

  it('keeps what an earlier handler committed when a later one fails', async () => {
    const { core, events, written } = await probeCore();
    await core.dispatch(events[entry]('commit'));
    const before = await written();
    await core.dispatch(events[entry]('crash'));
    await core.dispatch(events[entry]('refuse'));
    expect(await written()).toEqual(before);
  });
});
