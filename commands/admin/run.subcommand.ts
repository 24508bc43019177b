/** `/hallway run <job>`: runs a scheduled job for the current period now (managers only). */
import { z } from 'zod';
import { opt } from '#core/options.ts';
import { fmt } from '#core/text.ts';
import { defineSubcommand } from './kit.ts';

const OUTCOME = {
  ran: 'done.',
  'already-ran': 'already ran for the current period, so nothing was sent twice.',
  running: 'is being written right now (by another process); it finishes by itself.',
  'not-due': 'has nothing due right now.',
} as const;

/** `jobs`: the names of every feature's jobs (operators rely on them). */
export function runSubcommand(jobs: readonly [string, ...string[]]) {
  return defineSubcommand({
    description: 'Run a scheduled job for the current period now (managers)',
    examples: ['match-round', 'digest'],
    admin: true,
    args: z.object({ job: opt.choice('The job to run', jobs) }),
    async run({ job }, ctx) {
      ctx.defer(async () => `${fmt.code(job)} ${OUTCOME[await ctx.runJobNow(job)]}`);
      return { text: `Running ${fmt.code(job)} for this community…` };
    },
  });
}
