/**
 * `npm run bench [-- --quick] [-- --only=commands,round] [-- --write] [-- --baseline=<checkout of round 1>]`: runs
 * each benchmark in its own Node process (so one benchmark's heap and caches never colour another's figures) and
 * prints their tables after a machine header. `--write` also puts the output into bench/RESULTS.md between its
 * `results` markers; `--baseline` makes the commands benchmark run round 1's right before it, for the ratio. The
 * benchmarks that use PostgreSQL start an embedded server of their own (fsync on). Never part of `npm test`.
 */
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, freemem, loadavg, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { option, quick } from './lib/args.ts';

const BENCHMARKS = [
  'commands',
  'round',
  'responsiveness',
  'fanout',
  'delivery',
  'monday',
  'adapters',
  'footprint',
] as const;
const only = option('only')?.split(',');
const write = process.argv.includes('--write');
const passThrough = process.argv.slice(2).filter((a) => !a.startsWith('--only=') && a !== '--write');
const RESULTS = fileURLToPath(new URL('./RESULTS.md', import.meta.url));

let output = '';
const say = (text: string) => {
  output += `${text}\n`;
  console.log(text);
};

/** Runs one benchmark script, echoing and keeping what it prints; resolves with its exit code. */
function runOne(file: string): Promise<number | null> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--conditions=hallway-source', '--import', 'tsx', file, ...passThrough], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      process.stdout.write(chunk);
    });
    child.on('close', (code) => resolve(code));
  });
}

const gb = (bytes: number) => `${(bytes / 2 ** 30).toFixed(1)} GB`;
say(`- date: ${new Date().toISOString()}`);
say(`- machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${gb(totalmem())} memory (${gb(freemem())} free)`);
say(
  `- node ${process.version}, ${process.platform}/${process.arch}; mode: ${quick ? 'quick (1k, 10k)' : 'full (1k, 10k, 100k)'}`,
);
say(
  `- load average at start: ${loadavg()
    .map((l) => l.toFixed(2))
    .join(', ')} (other work on the machine shows in the tails)\n`,
);

const started = performance.now();
let failed = 0;
for (const name of BENCHMARKS.filter((b) => !only || only.includes(b))) {
  const start = performance.now();
  const code = await runOne(fileURLToPath(new URL(`./${name}.bench.ts`, import.meta.url)));
  const seconds = ((performance.now() - start) / 1000).toFixed(0);
  if (code !== 0) {
    failed++;
    say(`\n**${name} failed** (exit ${code}) after ${seconds} s\n`);
  } else say(`_${name}: ${seconds} s_\n`);
}
say(`Total: ${((performance.now() - started) / 1000).toFixed(0)} s${failed ? `, ${failed} benchmark(s) failed` : ''}`);

if (write) {
  const doc = readFileSync(RESULTS, 'utf8');
  const [head, rest] = doc.split('<!-- results:start -->');
  const tail = rest?.split('<!-- results:end -->')[1];
  if (head === undefined || tail === undefined) throw new Error('bench/RESULTS.md lacks the results markers');
  writeFileSync(RESULTS, `${head}<!-- results:start -->\n${output}\n<!-- results:end -->${tail}`);
  console.log('\nWrote the tables into bench/RESULTS.md.');
}
process.exitCode = failed ? 1 : 0;
