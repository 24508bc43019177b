/**
 * Prints, for each everyday command of the commands benchmark, the SQL statements one call runs, in order, with the
 * time each took (compile to result). `npx tsx --conditions=hallway-source bench/tools/statements.ts [sqlite|postgres]
 * [--members=1000]`. A diagnostic for "fewer statements a command", not a benchmark.
 */
import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, RootOperationNode } from 'kysely';
import { skillLabel } from '../../commands/skills/index.ts';
import type { InboundEvent } from '#core/inbound.ts';
import type { MatchMember } from '../../commands/matching/store.ts';
import { numberOption } from '../lib/args.ts';
import { actorOf, buildDatabase, type Dialect, dropDatabase, openCore, tempDir } from '../lib/core-harness.ts';
import { stopPostgres } from '../lib/postgres.ts';
import { syntheticVocabulary } from '../synthetic-community.ts';

const dialect = (process.argv.find((a) => a === 'sqlite' || a === 'postgres') ?? 'sqlite') as Dialect;
const members = numberOption('members', 1_000);
const vocabulary = syntheticVocabulary(500);

const traced: { node: RootOperationNode; start: number; ms?: number }[] = [];
let tracing = false;
const byId = new Map<unknown, (typeof traced)[number]>();
const tracer: KyselyPlugin = {
  transformQuery(args: PluginTransformQueryArgs) {
    if (tracing) {
      const entry = { node: args.node, start: performance.now() };
      traced.push(entry);
      byId.set(args.queryId, entry);
    }
    return args.node;
  },
  async transformResult(args: PluginTransformResultArgs) {
    const entry = byId.get(args.queryId);
    if (entry) entry.ms = performance.now() - entry.start;
    return args.result;
  },
};

const command = (m: MatchMember, name: string, text: string): InboundEvent => ({
  kind: 'command',
  actor: actorOf(m),
  channelId: 'CGENERAL',
  command: name,
  input: { kind: 'text', text },
});
const COMMANDS: Record<string, (k: number, m: MatchMember, other: MatchMember) => InboundEvent> = {
  '/skills offer': (k, m) => command(m, 'skills', `offer ${skillLabel(vocabulary[(k * 37) % vocabulary.length]!)}`),
  '/profile (self)': (_k, m) => command(m, 'profile', ''),
  '/profile (other)': (_k, m, other) => command(m, 'profile', `<@${other.userId}>`),
  '/match': (_k, m) => command(m, 'match', ''),
  'RSVP click': (_k, m) => ({ kind: 'action', actor: actorOf(m), action: 'meetup.rsvp', value: `1:going` }),
  '/feedback request': (k, m) =>
    command(m, 'feedback', `request about:"Draft ${k}" skills:"${skillLabel(vocabulary[(k * 11) % 300]!)}"`),
};

const { dir, cleanup } = tempDir();
try {
  const template = await buildDatabase(dialect, dir, { members, popularity: 'skewed' });
  const harness = await openCore(template.target);
  const db = harness.db.withPlugin(tracer);
  const admin = actorOf(template.members[0]!, true);
  const when = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
  await harness.core.dispatch({
    kind: 'command',
    actor: admin,
    command: 'meetup',
    input: { kind: 'text', text: `create title:"Meetup" when:"${when} 19:00" capacity:40` },
  });
  // The tracer sees what the harness's storage runs: swap the storage's Kysely for the traced one.
  const { createStorage } = await import('../../data/storage.ts');
  const traceStorage = createStorage(db, dialect);
  Object.assign(harness.deps, { storage: traceStorage });
  const { createCore } = await import('#core/dispatch.ts');
  const core = createCore(harness.deps);
  let k = 0;
  for (const [name, make] of Object.entries(COMMANDS)) {
    for (let warm = 0; warm < 5; warm++, k++) {
      await core.dispatch(make(k, template.members[(k * 7919) % members]!, template.members[(k * 31 + 1) % members]!));
    }
    traced.length = 0;
    tracing = true;
    const start = performance.now();
    const reply = await core.dispatch(
      make(k, template.members[(k * 7919) % members]!, template.members[(k * 31 + 1) % members]!),
    );
    const total = performance.now() - start;
    tracing = false;
    k++;
    console.log(`\n## ${name}: ${traced.length} statements, ${total.toFixed(3)} ms — ${reply?.text.slice(0, 60)}`);
    for (const [i, t] of traced.entries()) {
      const compiled = db.getExecutor().compileQuery(t.node, { queryId: `trace${i}` } as never);
      console.log(`${String(i + 1).padStart(2)}. ${(t.ms ?? 0).toFixed(3)} ms  ${compiled.sql.slice(0, 400)}`);
    }
  }
  await harness.close();
  await dropDatabase(template.target);
} finally {
  cleanup();
  await stopPostgres();
}
