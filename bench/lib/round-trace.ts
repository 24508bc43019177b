/**
 * The round job with its memory traced (`footprint-child.ts --trace`): RSS, the V8 heap and off-heap buffers after
 * `prepare` and after each write batch, with the process's peak RSS so far, so a step that raises the peak shows.
 * With `--expose-gc`, the heap is also measured after a full collection: what the step really keeps alive.
 */
import type { JobDef } from '#core/command.ts';

const mb = (bytes: number) => (bytes / 2 ** 20).toFixed(1);
const gc = (globalThis as { gc?: () => void }).gc;

function say(step: string): void {
  const before = process.memoryUsage();
  gc?.();
  const live = gc ? ` live heap ${mb(process.memoryUsage().heapUsed)}` : '';
  const peak = (process.resourceUsage().maxRSS / 1024).toFixed(1);
  process.stderr.write(
    `${step.padEnd(16)} rss ${mb(before.rss)} peak ${peak} heap ${mb(before.heapUsed)}/${mb(before.heapTotal)}` +
      ` external ${mb(before.external)} buffers ${mb(before.arrayBuffers)}${live}\n`,
  );
}

/** `job` with a line on stderr after its prepare and after each batch (every tenth, the first and the last). */
export function traced(job: JobDef): JobDef {
  return {
    ...job,
    async prepare(ctx) {
      say('before prepare');
      const plan = await job.prepare!(ctx);
      say('planned');
      return plan;
    },
    async run(ctx, plan) {
      await job.run(ctx, plan);
      const index = ctx.batch?.index ?? 0;
      const count = ctx.batch?.count ?? 1;
      if (index === 0 || index === count - 1 || index % 10 === 9) say(`batch ${index + 1}/${count}`);
    },
  };
}
