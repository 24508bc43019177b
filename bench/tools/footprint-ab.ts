/**
 * The footprint child of two checkouts side by side on one seeded database: `npx tsx --conditions=hallway-source
 * bench/tools/footprint-ab.ts --before=<checkout> [--runs=3] [--members=100000] [--keep=<dir>]`. Each run starts a
 * fresh process per checkout and per way of running it — through the tsx loader (as `npm run dev` and the benchmarks)
 * and as JavaScript compiled by `npx tsc -p bench/tsconfig.footprint.json` in each checkout (as `npm start`) —
 * interleaved, so a change in the machine's load touches both sides alike; prints the medians (RSS in MB, ms).
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { numberOption, option } from '../lib/args.ts';
import { tempDir } from '../lib/core-harness.ts';
import { median } from '../lib/stats.ts';

const before = option('before');
const keep = option('keep') ?? '/tmp/hallway-footprint';
const members = numberOption('members', 100_000);
const runs = numberOption('runs', 3);
if (!before) throw new Error('usage: footprint-ab.ts --before=<checkout> (seed first: round-memory.ts --keep=<dir>)');
const seeded = join(keep, `community_${members}.db`);
if (!existsSync(seeded)) throw new Error(`no ${seeded}: run bench/tools/round-memory.ts --keep=${keep} first`);
const userId = readFileSync(`${seeded}.user`, 'utf8');
const after = fileURLToPath(new URL('../..', import.meta.url));
const sides = [
  ['before', before],
  ['after', after],
] as const;
const ways = {
  tsx: (root: string) => ['--conditions=hallway-source', '--import', 'tsx', join(root, 'bench/lib/footprint-child.ts')],
  compiled: (root: string) => [join(root, 'dist/bench/lib/footprint-child.js')],
};
const results = new Map<string, Record<string, number>[]>();
const { dir, cleanup } = tempDir();
try {
  for (let r = 0; r < runs; r++) {
    for (const way of ['tsx', 'compiled'] as const) {
      for (const [side, root] of sides) {
        const copy = join(dir, `${side}-${way}-${r}.db`);
        copyFileSync(seeded, copy);
        const load = loadavg()[0]!;
        const out = spawnSync(process.execPath, [...ways[way](root), copy, userId], { cwd: root, encoding: 'utf8' });
        if (out.status !== 0) throw new Error(`${side} ${way} failed: ${out.stderr}`);
        const figures = { ...JSON.parse(out.stdout.trim().split('\n').at(-1)!), load };
        console.error(`${side} ${way} run ${r + 1}: ${JSON.stringify(figures)}`);
        results.set(`${way} ${side}`, [...(results.get(`${way} ${side}`) ?? []), figures]);
      }
    }
  }
} finally {
  cleanup();
}
const keys = ['rssReady', 'rssMatch', 'rssRound', 'rssPeak', 'roundMs', 'load'];
console.log(`| ${members} members | ${keys.join(' | ')} |`);
for (const [name, rows] of results) {
  console.log(
    `| ${name} | ${keys.map((k) => median(rows.map((x) => x[k]!)).toFixed(k === 'load' ? 1 : 0)).join(' | ')} |`,
  );
}
