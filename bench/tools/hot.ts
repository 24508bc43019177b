/**
 * Runs one everyday command many times on a seeded community and prints p50/p99 (for `node --cpu-prof`):
 * `npx tsx --conditions=hallway-source bench/tools/hot.ts [sqlite|postgres] [command] [--members=10000] [--calls=2000]`.
 */
import { skillLabel } from '../../commands/skills/index.ts';
import type { InboundEvent } from '#core/inbound.ts';
import type { MatchMember } from '../../commands/matching/store.ts';
import { numberOption, yieldToLoop } from '../lib/args.ts';
import { actorOf, buildDatabase, type Dialect, dropDatabase, openCore, tempDir } from '../lib/core-harness.ts';
import { stopPostgres } from '../lib/postgres.ts';
import { ms, quantile } from '../lib/stats.ts';
import { syntheticVocabulary } from '../synthetic-community.ts';

const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const dialect = (args.find((a) => a === 'sqlite' || a === 'postgres') ?? 'sqlite') as Dialect;
const which = args.find((a) => a !== dialect);
const members = numberOption('members', 10_000);
const calls = numberOption('calls', 2_000);
const vocabulary = syntheticVocabulary(500);
const command = (m: MatchMember, name: string, text: string): InboundEvent => ({
  kind: 'command',
  actor: actorOf(m),
  channelId: 'CGENERAL',
  command: name,
  input: { kind: 'text', text },
});
const COMMANDS: Record<string, (k: number, m: MatchMember, other: MatchMember) => InboundEvent> = {
  skills: (k, m) => command(m, 'skills', `offer ${skillLabel(vocabulary[(k * 37) % vocabulary.length]!)}`),
  profile: (k, m, other) => command(m, 'profile', k % 2 ? `<@${other.userId}>` : ''),
  match: (_k, m) => command(m, 'match', ''),
  rsvp: (k, m) => ({
    kind: 'action',
    actor: actorOf(m),
    action: 'meetup.rsvp',
    value: `${1 + (k % 20)}:${['going', 'maybe', 'no'][k % 3]}`,
  }),
  feedback: (k, m) =>
    command(m, 'feedback', `request about:"Draft ${k}" skills:"${skillLabel(vocabulary[(k * 11) % 300]!)}"`),
};

const { dir, cleanup } = tempDir();
try {
  const template = await buildDatabase(dialect, dir, { members, popularity: 'skewed' });
  const harness = await openCore(template.target);
  const admin = actorOf(template.members[0]!, true);
  for (let i = 0; i < 20; i++) {
    const when = new Date(Date.now() + (7 + i) * 86_400_000).toISOString().slice(0, 10);
    await harness.core.dispatch({
      kind: 'command',
      actor: admin,
      command: 'meetup',
      input: { kind: 'text', text: `create title:"Meetup ${i}" when:"${when} 19:00" capacity:40` },
    });
  }
  for (const [name, make] of Object.entries(COMMANDS)) {
    if (which && which !== name) continue;
    const times: number[] = [];
    for (let k = 0; k < calls; k++) {
      const m = template.members[(k * 7919) % members]!;
      const o = template.members[(k * 104_729 + 1) % members]!;
      await yieldToLoop();
      const start = performance.now();
      await harness.core.dispatch(make(k, m, o));
      times.push(performance.now() - start);
    }
    const warm = times.slice(calls / 5);
    console.log(
      `${dialect} ${name}: p50 ${ms(quantile(warm, 0.5))} p90 ${ms(quantile(warm, 0.9))} p99 ${ms(quantile(warm, 0.99))} max ${ms(Math.max(...warm))}`,
    );
  }
  await harness.close();
  await dropDatabase(template.target);
} finally {
  cleanup();
  await stopPostgres();
}
