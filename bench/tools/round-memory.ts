/**
 * Where a weekly round's memory goes: `npx tsx --conditions=hallway-source bench/tools/round-memory.ts
 * [--members=100000] [--gc] [--keep=<dir>] [--compiled]`. Seeds a SQLite community, then runs the footprint
 * benchmark's child on a copy with `--trace`: RSS, heap and buffers after the round's prepare and its write batches
 * (`--gc`: also the live heap after a full collection, which slows the round). `--keep`: the seeded database is kept
 * in (and reused from) that folder, so runs before and after a change start from the same file. `--compiled`: the
 * child runs as JavaScript built by `bench/tools/build-footprint.sh` (no tsx loader), as `npm start` runs.
 * A diagnostic for the footprint budget (bench/RESULTS.md).
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { numberOption, option } from '../lib/args.ts';
import { buildDatabase, tempDir } from '../lib/core-harness.ts';

const members = numberOption('members', 100_000);
const compiled = process.argv.includes('--compiled');
const root = fileURLToPath(new URL('../..', import.meta.url));
const { dir, cleanup } = tempDir();

/** The seeded database (kept in `--keep` if given) and a member's user id. */
async function seeded(): Promise<{ path: string; userId: string }> {
  const keep = option('keep');
  const kept = keep && join(keep, `community_${members}.db`);
  if (kept && existsSync(kept)) return { path: kept, userId: readFileSync(`${kept}.user`, 'utf8') };
  const template = await buildDatabase('sqlite', dir, { members, popularity: 'uniform' });
  if (template.target.dialect !== 'sqlite') throw new Error('round-memory runs on SQLite');
  const seed = { path: template.target.path, userId: template.members[0]!.userId };
  if (!kept) return seed;
  mkdirSync(keep, { recursive: true });
  copyFileSync(seed.path, kept);
  writeFileSync(`${kept}.user`, seed.userId);
  return { path: kept, userId: seed.userId };
}

try {
  const { path, userId } = await seeded();
  const copy = join(dir, 'round.db');
  copyFileSync(path, copy);
  const gcFlag = process.argv.includes('--gc') ? ['--expose-gc'] : [];
  const child = compiled
    ? [join(root, 'dist/bench/lib/footprint-child.js')]
    : ['--conditions=hallway-source', '--import', 'tsx', join(root, 'bench/lib/footprint-child.ts')];
  const out = spawnSync(process.execPath, [...gcFlag, ...child, copy, userId, '--trace'], { encoding: 'utf8' });
  process.stdout.write(out.stderr);
  if (out.status !== 0) throw new Error(`the child failed (exit ${out.status})`);
  console.log(out.stdout.trim().split('\n').at(-1));
} finally {
  cleanup();
}
