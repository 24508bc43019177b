/**
 * Benchmark 5: through the real libraries at 10k members (SQLite). Signed Slack slash commands into Hallway's Bolt app and
 * slash-command interactions into Hallway's discord.js client, against the local fakes, each next to a bare app of
 * the same library answering the same request in the same run (requests alternate between the two).
 */
import { FakeDiscord } from '../test/support/fake-discord.ts';
import type { FakeUser } from '../test/support/fake-discord-payloads.ts';
import { FakeSlack } from '../test/support/fake-slack.ts';
import { numberOption, quick } from './lib/args.ts';
import { buildDatabase, openCore, tempDir } from './lib/core-harness.ts';
import { discordProfile, startDiscord } from './lib/discord-side.ts';
import { slackProfile, startSlack } from './lib/slack-side.ts';
import { ms, quantile, ratio, table, verdict } from './lib/stats.ts';

const MEMBERS = 10_000;
const REQUESTS = numberOption('requests', quick ? 200 : 400);
const WARMUP = 30;

const rows: string[][] = [];
const { dir, cleanup } = tempDir();
const row = (what: string, ours: number[], bare: number[], budget?: number) => {
  const p99 = quantile(ours, 0.99);
  rows.push([
    what,
    String(ours.length),
    ms(quantile(ours, 0.5)),
    ms(p99),
    ms(quantile(bare, 0.5)),
    ms(quantile(bare, 0.99)),
    ratio(p99 / quantile(bare, 0.99)),
    budget ? `${verdict(p99, budget)} / ${verdict(p99 / quantile(bare, 0.99), 1.5)}` : '',
  ]);
};

// Slack: the community is the fake workspace; members are its users (users.info answers for them).
{
  const fake = await FakeSlack.start();
  const { target, members } = await buildDatabase('sqlite', dir, {
    members: MEMBERS,
    community: `slack:${fake.teamId}`,
  });
  for (const m of members.slice(0, 2_000)) fake.addUser({ id: m.userId, name: m.displayName });
  const harness = await openCore(target, { checkpoints: 'timer' });
  const side = await startSlack(harness.core, fake);
  const acks: [number[], number[]] = [[], []];
  const replies: [number[], number[]] = [[], []];
  for (let k = 0; k < REQUESTS + WARMUP; k++) {
    const user = members[(k * 7919) % 2_000]!.userId;
    for (const which of k % 2 ? [0, 1] : [1, 0]) {
      const [ack, reply] = await slackProfile(side, which === 0 ? side.hallway : side.bare, user);
      if (k < WARMUP) continue;
      acks[which]!.push(ack);
      replies[which]!.push(reply);
    }
  }
  row('Slack /profile: request → HTTP ack', acks[0], acks[1], 50);
  row('Slack /profile: request → answer on response_url', replies[0], replies[1]);
  await side.close();
  await fake.close();
  await harness.close();
}

// Discord: the community is the fake guild.
{
  const fake = await FakeDiscord.start();
  const { target, members } = await buildDatabase('sqlite', dir, {
    members: MEMBERS,
    community: `discord:${fake.guild.id}`,
  });
  const harness = await openCore(target, { checkpoints: 'timer' });
  const side = await startDiscord(harness.core, fake);
  const users: [FakeUser[], FakeUser[]] = [[], []];
  for (let i = 0; i < 200; i++) {
    users[0].push(side.hallway.addMember(`member${i}`));
    users[1].push(side.bare.addMember(`member${i}`));
  }
  const acks: [number[], number[]] = [[], []];
  for (let k = 0; k < REQUESTS + WARMUP; k++) {
    const other = members[(k * 7919) % members.length]!.userId;
    for (const which of k % 2 ? [0, 1] : [1, 0]) {
      const fakeOf = which === 0 ? side.hallway : side.bare;
      const took = await discordProfile(fakeOf, users[which]![k % 200]!, other);
      if (k >= WARMUP) acks[which]!.push(took);
    }
  }
  row('Discord /profile member: interaction → reply callback', acks[0], acks[1], 50);
  await side.close();
  await fake.close();
  await harness.close();
}
cleanup();
console.log(
  table(
    `5. Through the real libraries at 10k members (ms; ${REQUESTS} requests each, alternating with a bare app)`,
    [
      'path',
      'requests',
      'Hallway p50',
      'Hallway p99',
      'bare p50',
      'bare p99',
      'p99 ratio',
      'budget p99 ≤ 50 ms / ratio ≤ 1.5×',
    ],
    rows,
  ),
);
process.exit(0);
