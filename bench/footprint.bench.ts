/**
 * Benchmark 6: footprint. In a fresh process each time: start-up to ready on a seeded SQLite database (open,
 * pragmas, migrations, storage, `createCore` with every feature), the first `/match` (it builds the matcher's in-memory
 * index), then the weekly round; resident memory (RSS) after each step and at its peak. Medians of several processes.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { numberOption, quick, sizeLabel } from './lib/args.ts';
import { buildDatabase, copyDatabase, tempDir } from './lib/core-harness.ts';
import { median, ms, table, verdict } from './lib/stats.ts';

const RUNS = numberOption('runs', 3);
const child = fileURLToPath(new URL('./lib/footprint-child.ts', import.meta.url));

interface Footprint {
  importMs: number;
  readyMs: number;
  processToReady: number;
  rssReady: number;
  firstMatchMs: number;
  rssMatch: number;
  roundMs: number;
  rssRound: number;
  rssPeak: number;
}

const rows: string[][] = [];
const { dir, cleanup } = tempDir();
try {
  for (const n of quick ? [10_000] : [10_000, 100_000]) {
    const template = await buildDatabase('sqlite', dir, { members: n, popularity: 'uniform' });
    const runs: Footprint[] = [];
    for (let r = 0; r < RUNS; r++) {
      // A fresh copy each time: a round run by one process must not be history (or an already-run period) for the next.
      const copy = await copyDatabase(template, dir, `footprint_${n}_${r}`);
      if (copy.dialect !== 'sqlite') throw new Error('footprint runs on SQLite');
      const out = spawnSync(
        process.execPath,
        ['--conditions=hallway-source', '--import', 'tsx', child, copy.path, template.members[0]!.userId],
        { encoding: 'utf8' },
      );
      if (out.status !== 0) throw new Error(`footprint child failed: ${out.stderr}`);
      runs.push(JSON.parse(out.stdout.trim().split('\n').at(-1)!) as Footprint);
    }
    const m = (f: (x: Footprint) => number) => median(runs.map(f));
    rows.push([
      sizeLabel(n),
      ms(m((x) => x.readyMs)),
      ms(m((x) => x.importMs)),
      ms(m((x) => x.processToReady)),
      ms(m((x) => x.firstMatchMs)),
      verdict(
        m((x) => x.readyMs + x.firstMatchMs),
        2_000,
      ),
      m((x) => x.rssReady).toFixed(0),
      m((x) => x.rssMatch).toFixed(0),
      ms(m((x) => x.roundMs)),
      m((x) => x.rssRound).toFixed(0),
      m((x) => x.rssPeak).toFixed(0),
      verdict(
        m((x) => x.rssPeak),
        300,
      ),
    ]);
  }
} finally {
  cleanup();
}
console.log(
  table(
    `6. Footprint (fresh process; medians of ${RUNS}; RSS in MB)`,
    [
      'members',
      'open+migrate+createCore ms',
      'module load ms',
      'process start → ready ms',
      'first /match ms (builds index)',
      'ready + index ≤ 2 s',
      'RSS ready',
      'RSS after /match',
      'round ms',
      'RSS after round',
      'RSS peak',
      'peak ≤ 300 MB',
    ],
    rows,
  ),
);
