/** Who could use a hand: members drifting away, by name only (nothing they answered privately). */
import { DAY_MS } from '../figures.ts';
import type { PageDef } from './page.ts';

const QUIET_DAYS = 30;
const GHOSTED_ROUNDS = 3;
const NAMES = 50;

export const helpingPage: PageDef = {
  slug: 'help',
  title: 'Who could use a hand',
  async build(env) {
    const { id } = env.community;
    const since = new Date(env.now.getTime() - QUIET_DAYS * DAY_MS);
    const ghosted = await env.store.ghosted(id, GHOSTED_ROUNDS, NAMES);
    const quiet = await env.store.quiet(id, since, NAMES);
    const newcomers = await env.store.withoutIntro(id, since, env.now, NAMES);
    return {
      slug: 'help',
      title: 'Who could use a hand',
      summary: 'Members who may be drifting away. Names only: a friendly hello does more than a figure.',
      blocks: [
        {
          kind: 'names',
          title: `Let ${GHOSTED_ROUNDS} weekly rounds pass`,
          description: 'Their matches went unanswered three rounds in a row; Hallway paused their rounds.',
          names: ghosted.names,
          total: ghosted.total,
          empty: 'Nobody has let three rounds pass.',
        },
        {
          kind: 'names',
          title: `Quiet for ${QUIET_DAYS} days`,
          description: `No pairing met, no meetup answered and no feedback asked for or given in ${QUIET_DAYS} days.`,
          names: quiet.names,
          total: quiet.total,
          empty: `Everyone has done something in the last ${QUIET_DAYS} days.`,
        },
        {
          kind: 'names',
          title: 'Newcomers without an intro',
          description: `Joined in the last ${QUIET_DAYS} days and not introduced yet.`,
          names: newcomers.names,
          total: newcomers.total,
          empty: 'Every newcomer has introduced themselves.',
        },
      ],
    };
  },
};
